CREATE TABLE "organisation" (
  "org_code" VARCHAR,
  "org_name" VARCHAR,
  "org_type" VARCHAR,
  "parent_code" VARCHAR,
  "list_size" INTEGER,
  "source_id" VARCHAR
);

CREATE TABLE "lsoa" (
  "lsoa_code" VARCHAR,
  "lsoa_name" VARCHAR,
  "imd_decile" INTEGER,
  "imd_quintile" INTEGER,
  "imd_rank" INTEGER,
  "imd_score" DOUBLE,
  "townsend" DOUBLE
);

CREATE TABLE "practitioner" (
  "practitioner_id" VARCHAR,
  "identifier_system" VARCHAR,
  "identifier" VARCHAR,
  "source_id" VARCHAR
);

CREATE TABLE "dm01_return" (
  "period" DATE,
  "provider_code" VARCHAR,
  "provider_name" VARCHAR,
  "test" VARCHAR,
  "waiting_total" INTEGER,
  "waiting_6_plus" INTEGER,
  "waiting_13_plus" INTEGER,
  "share_6_plus" DOUBLE,
  "source_file" VARCHAR
);

CREATE TABLE "person" (
  "person_id" BIGINT,
  "sex" VARCHAR,
  "birth_month" DATE,
  "ethnicity_group" VARCHAR,
  "ethnicity_code" VARCHAR,
  "lsoa_code" VARCHAR,
  "practice_code" VARCHAR,
  "registration_start" DATE,
  "registration_end" DATE,
  "death_date" DATE,
  "care_home" BOOLEAN,
  "source_id" VARCHAR
);

CREATE TABLE "gp_event" (
  "person_id" BIGINT,
  "event_date" DATE,
  "coding_system" VARCHAR,
  "code" VARCHAR,
  "value" DOUBLE,
  "unit" VARCHAR,
  "source_org" VARCHAR,
  "source_id" VARCHAR
);

CREATE TABLE "medication_issue" (
  "person_id" BIGINT,
  "issue_date" DATE,
  "coding_system" VARCHAR,
  "code" VARCHAR,
  "description" VARCHAR,
  "quantity" INTEGER,
  "source_org" VARCHAR,
  "source_id" VARCHAR
);

CREATE TABLE "hospital_spell" (
  "spell_id" VARCHAR,
  "person_id" BIGINT,
  "provider_code" VARCHAR,
  "admission_date" DATE,
  "discharge_date" DATE,
  "admission_method" VARCHAR,
  "primary_diagnosis" VARCHAR,
  "length_of_stay" INTEGER,
  "cost" DOUBLE,
  "source_id" VARCHAR
);

CREATE TABLE "hospital_diagnosis" (
  "spell_id" VARCHAR,
  "person_id" BIGINT,
  "position" INTEGER,
  "code" VARCHAR
);

CREATE TABLE "hospital_procedure" (
  "spell_id" VARCHAR,
  "person_id" BIGINT,
  "position" INTEGER,
  "code" VARCHAR,
  "procedure_date" DATE
);

CREATE TABLE "outpatient_attendance" (
  "attendance_id" VARCHAR,
  "person_id" BIGINT,
  "provider_code" VARCHAR,
  "appointment_date" DATE,
  "specialty" VARCHAR,
  "first_attendance" BOOLEAN,
  "attended" BOOLEAN,
  "cost" DOUBLE
);

CREATE TABLE "ae_attendance" (
  "attendance_id" VARCHAR,
  "person_id" BIGINT,
  "provider_code" VARCHAR,
  "arrival_date" DATE,
  "department_type" INTEGER,
  "admitted" BOOLEAN,
  "cost" DOUBLE,
  "source_id" VARCHAR
);

CREATE TABLE "community_contact" (
  "contact_id" VARCHAR,
  "person_id" BIGINT,
  "provider_code" VARCHAR,
  "contact_date" DATE,
  "service" VARCHAR
);

CREATE TABLE "social_care_service" (
  "service_id" VARCHAR,
  "person_id" BIGINT,
  "la_code" VARCHAR,
  "service_type" VARCHAR,
  "start_date" DATE,
  "end_date" DATE
);

CREATE TABLE "imaging_request" (
  "request_id" VARCHAR,
  "person_id" BIGINT,
  "trust_code" VARCHAR,
  "site_code" VARCHAR,
  "modality" VARCHAR,
  "test" VARCHAR,
  "referral_source" VARCHAR,
  "priority" VARCHAR,
  "referrer_code" VARCHAR,
  "request_date" DATE,
  "test_date" DATE,
  "report_date" DATE,
  "source_id" VARCHAR
);

CREATE TABLE "imaging_capacity" (
  "trust_code" VARCHAR,
  "site_code" VARCHAR,
  "modality" VARCHAR,
  "week_start" DATE,
  "sessions_planned" INTEGER,
  "sessions_lost" INTEGER,
  "slots_per_session" DOUBLE,
  "downtime_reason" VARCHAR
);

CREATE TABLE "imaging_travel_time" (
  "from_site" VARCHAR,
  "to_site" VARCHAR,
  "minutes" INTEGER
);

CREATE TABLE "death" (
  "person_id" BIGINT,
  "death_date" DATE,
  "underlying_cause" VARCHAR,
  "place_of_death" VARCHAR
);

CREATE TABLE "opt_out" (
  "person_id" BIGINT,
  "type1_opt_out" BOOLEAN,
  "national_data_opt_out" BOOLEAN
);

CREATE TABLE "person_asof" (
  "person_id" BIGINT,
  "age" INTEGER,
  "age_band" VARCHAR,
  "sex" VARCHAR,
  "ethnicity_group" VARCHAR,
  "lsoa_code" VARCHAR,
  "imd_decile" INTEGER,
  "imd_quintile" INTEGER,
  "practice_code" VARCHAR,
  "pcn_code" VARCHAR,
  "place_code" VARCHAR,
  "icb_code" VARCHAR,
  "registered" BOOLEAN,
  "deceased" BOOLEAN,
  "care_home" BOOLEAN,
  "learning_disability" BOOLEAN,
  "record_key" INTEGER,
  "planning_opt_out" BOOLEAN
);

CREATE TABLE "register" (
  "person_id" BIGINT,
  "register" VARCHAR,
  "first_date" DATE,
  "latest_date" DATE,
  "subtype" VARCHAR
);

CREATE TABLE "person_clinical" (
  "person_id" BIGINT,
  "condition_count" INTEGER,
  "efi" DOUBLE,
  "efi_band" VARCHAR,
  "hfrs" DOUBLE,
  "hfrs_band" VARCHAR,
  "charlson" INTEGER,
  "qrisk3_10y_percent" DOUBLE,
  "qrisk3_imputed" VARCHAR,
  "qdiabetes_10y_percent" DOUBLE,
  "qdiabetes_model" VARCHAR
);

CREATE TABLE "diabetes_care" (
  "person_id" BIGINT,
  "hba1c" BOOLEAN,
  "blood_pressure" BOOLEAN,
  "cholesterol" BOOLEAN,
  "serum_creatinine" BOOLEAN,
  "urine_albumin" BOOLEAN,
  "foot_surveillance" BOOLEAN,
  "bmi" BOOLEAN,
  "smoking" BOOLEAN,
  "retinal_screening" BOOLEAN,
  "processes_8" INTEGER,
  "latest_hba1c" DOUBLE,
  "latest_sbp" DOUBLE,
  "latest_dbp" DOUBLE,
  "hba1c_target" BOOLEAN,
  "bp_target" BOOLEAN,
  "statin" BOOLEAN,
  "all_three_targets" BOOLEAN
);

CREATE TABLE "practice_diabetes_care" (
  "practice_code" VARCHAR,
  "register_count" INTEGER,
  "all_8_processes" INTEGER,
  "hba1c_target" INTEGER,
  "bp_target" INTEGER,
  "statin" INTEGER,
  "all_three_targets" INTEGER
);

CREATE TABLE "safety_audit_finding" (
  "audit_id" VARCHAR,
  "audit_version" VARCHAR,
  "person_id" BIGINT,
  "detail" VARCHAR
);

CREATE TABLE "build_info" (
  "key" VARCHAR,
  "value" VARCHAR
);

CREATE TABLE "person_risk" (
  "person_id" BIGINT,
  "as_of" DATE,
  "admission_risk" DOUBLE,
  "risk_tier" VARCHAR,
  "mortality_risk" DOUBLE,
  "end_of_life_candidate" BOOLEAN,
  "segment" VARCHAR,
  "condition_group" VARCHAR,
  "admission_model" VARCHAR,
  "mortality_model" VARCHAR
);

CREATE TABLE "person_risk_factor" (
  "person_id" BIGINT,
  "model" VARCHAR,
  "rank" INTEGER,
  "feature" VARCHAR,
  "contribution" DOUBLE
);

CREATE TABLE "risk_model" (
  "model_version" VARCHAR,
  "model" VARCHAR,
  "trained_at_date" DATE,
  "training_rows" INTEGER,
  "training_events" INTEGER,
  "term" VARCHAR,
  "coefficient" DOUBLE,
  "training_mean" DOUBLE
);

CREATE TABLE "unit_cost" (
  "currency" VARCHAR,
  "point_of_delivery" VARCHAR,
  "description" VARCHAR,
  "unit" VARCHAR,
  "cost" DOUBLE,
  "price_year" VARCHAR,
  "basis" VARCHAR,
  "source" VARCHAR,
  "reference" VARCHAR,
  "url" VARCHAR,
  "origin" VARCHAR
);

CREATE TABLE "unit_cost_local" (
  "currency" VARCHAR,
  "point_of_delivery" VARCHAR,
  "description" VARCHAR,
  "unit" VARCHAR,
  "cost" DOUBLE,
  "price_year" VARCHAR,
  "basis" VARCHAR,
  "source" VARCHAR,
  "reference" VARCHAR,
  "url" VARCHAR,
  "origin" VARCHAR
);

CREATE TABLE "person_cost" (
  "person_id" BIGINT,
  "year" INTEGER,
  "point_of_delivery" VARCHAR,
  "activity" INTEGER,
  "units" DOUBLE,
  "cost" DOUBLE
);

CREATE TABLE "cost_line" (
  "year" INTEGER,
  "practice_code" VARCHAR,
  "point_of_delivery" VARCHAR,
  "currency" VARCHAR,
  "activity" BIGINT,
  "units" DOUBLE,
  "unit_cost" DOUBLE,
  "cost" DOUBLE
);

CREATE TABLE "cost_gap" (
  "year" INTEGER,
  "point_of_delivery" VARCHAR,
  "currency" VARCHAR,
  "reason" VARCHAR,
  "activity" BIGINT
);

CREATE TABLE "person_allocation" (
  "person_id" BIGINT,
  "capitation" DOUBLE,
  "age_sex" DOUBLE,
  "need" DOUBLE,
  "need_supply" DOUBLE,
  "need_low" DOUBLE,
  "need_high" DOUBLE,
  "need_supply_low" DOUBLE,
  "need_supply_high" DOUBLE
);

CREATE TABLE "allocation_report" (
  "key" VARCHAR,
  "value" VARCHAR
);

CREATE TABLE "codelist" (
  "codelist_id" VARCHAR,
  "coding_system" VARCHAR,
  "source" VARCHAR,
  "version" VARCHAR,
  "imported_at" VARCHAR
);

CREATE TABLE "codelist_code" (
  "codelist_id" VARCHAR,
  "code" VARCHAR,
  "term" VARCHAR
);

CREATE TABLE "quarantine" (
  "source_file" VARCHAR,
  "line_number" BIGINT,
  "record_id" VARCHAR,
  "reason_code" VARCHAR,
  "reason" VARCHAR
);

CREATE TABLE "source_record" (
  "source_id" VARCHAR,
  "target_table" VARCHAR,
  "content_hash" VARCHAR,
  "extract_date" DATE
);

CREATE TABLE "patient_link" (
  "source_key" BIGINT,
  "person_id" BIGINT
);
