CREATE TABLE "organisation" (
  "org_code" VARCHAR NOT NULL,
  "org_name" VARCHAR NOT NULL,
  "org_type" VARCHAR NOT NULL,
  "parent_code" VARCHAR,
  "list_size" INTEGER,
  "source_id" VARCHAR
);

CREATE TABLE "lsoa" (
  "lsoa_code" VARCHAR NOT NULL,
  "lsoa_name" VARCHAR NOT NULL,
  "imd_decile" INTEGER NOT NULL,
  "imd_quintile" INTEGER NOT NULL,
  "imd_rank" INTEGER NOT NULL,
  "imd_score" DOUBLE NOT NULL,
  "townsend" DOUBLE NOT NULL
);

CREATE TABLE "practitioner" (
  "practitioner_id" VARCHAR NOT NULL,
  "identifier_system" VARCHAR,
  "identifier" VARCHAR,
  "source_id" VARCHAR
);

CREATE TABLE "dm01_return" (
  "period" DATE NOT NULL,
  "provider_code" VARCHAR NOT NULL,
  "provider_name" VARCHAR NOT NULL,
  "test" VARCHAR NOT NULL,
  "waiting_total" INTEGER,
  "waiting_6_plus" INTEGER,
  "waiting_13_plus" INTEGER,
  "share_6_plus" DOUBLE,
  "source_file" VARCHAR NOT NULL
);

CREATE TABLE "person" (
  "person_id" BIGINT NOT NULL,
  "sex" VARCHAR NOT NULL,
  "birth_month" DATE NOT NULL,
  "ethnicity_group" VARCHAR NOT NULL,
  "ethnicity_code" VARCHAR,
  "lsoa_code" VARCHAR,
  "practice_code" VARCHAR NOT NULL,
  "registration_start" DATE NOT NULL,
  "registration_end" DATE,
  "death_date" DATE,
  "care_home" BOOLEAN NOT NULL,
  "source_id" VARCHAR
);

CREATE TABLE "gp_event" (
  "person_id" BIGINT NOT NULL,
  "event_date" DATE NOT NULL,
  "coding_system" VARCHAR NOT NULL,
  "code" VARCHAR NOT NULL,
  "value" DOUBLE,
  "unit" VARCHAR,
  "source_org" VARCHAR NOT NULL,
  "source_id" VARCHAR
);

CREATE TABLE "medication_issue" (
  "person_id" BIGINT NOT NULL,
  "issue_date" DATE NOT NULL,
  "coding_system" VARCHAR NOT NULL,
  "code" VARCHAR NOT NULL,
  "description" VARCHAR NOT NULL,
  "quantity" INTEGER,
  "source_org" VARCHAR NOT NULL,
  "source_id" VARCHAR
);

CREATE TABLE "hospital_spell" (
  "spell_id" VARCHAR NOT NULL,
  "person_id" BIGINT NOT NULL,
  "provider_code" VARCHAR NOT NULL,
  "admission_date" DATE NOT NULL,
  "discharge_date" DATE,
  "admission_method" VARCHAR NOT NULL,
  "primary_diagnosis" VARCHAR,
  "length_of_stay" INTEGER NOT NULL,
  "cost" DOUBLE,
  "source_id" VARCHAR
);

CREATE TABLE "hospital_diagnosis" (
  "spell_id" VARCHAR NOT NULL,
  "person_id" BIGINT NOT NULL,
  "position" INTEGER NOT NULL,
  "code" VARCHAR NOT NULL
);

CREATE TABLE "hospital_procedure" (
  "spell_id" VARCHAR NOT NULL,
  "person_id" BIGINT NOT NULL,
  "position" INTEGER NOT NULL,
  "code" VARCHAR NOT NULL,
  "procedure_date" DATE NOT NULL
);

CREATE TABLE "outpatient_attendance" (
  "attendance_id" VARCHAR NOT NULL,
  "person_id" BIGINT NOT NULL,
  "provider_code" VARCHAR NOT NULL,
  "appointment_date" DATE NOT NULL,
  "specialty" VARCHAR NOT NULL,
  "first_attendance" BOOLEAN NOT NULL,
  "attended" BOOLEAN NOT NULL,
  "cost" DOUBLE NOT NULL
);

CREATE TABLE "ae_attendance" (
  "attendance_id" VARCHAR NOT NULL,
  "person_id" BIGINT NOT NULL,
  "provider_code" VARCHAR NOT NULL,
  "arrival_date" DATE NOT NULL,
  "department_type" INTEGER,
  "admitted" BOOLEAN,
  "cost" DOUBLE,
  "source_id" VARCHAR
);

CREATE TABLE "community_contact" (
  "contact_id" VARCHAR NOT NULL,
  "person_id" BIGINT NOT NULL,
  "provider_code" VARCHAR NOT NULL,
  "contact_date" DATE NOT NULL,
  "service" VARCHAR NOT NULL
);

CREATE TABLE "social_care_service" (
  "service_id" VARCHAR NOT NULL,
  "person_id" BIGINT NOT NULL,
  "la_code" VARCHAR NOT NULL,
  "service_type" VARCHAR NOT NULL,
  "start_date" DATE NOT NULL,
  "end_date" DATE
);

CREATE TABLE "imaging_request" (
  "request_id" VARCHAR NOT NULL,
  "person_id" BIGINT NOT NULL,
  "trust_code" VARCHAR NOT NULL,
  "site_code" VARCHAR,
  "modality" VARCHAR NOT NULL,
  "test" VARCHAR,
  "referral_source" VARCHAR NOT NULL,
  "priority" VARCHAR,
  "referrer_code" VARCHAR,
  "request_date" DATE NOT NULL,
  "test_date" DATE,
  "report_date" DATE,
  "source_id" VARCHAR
);

CREATE TABLE "imaging_capacity" (
  "trust_code" VARCHAR NOT NULL,
  "site_code" VARCHAR NOT NULL,
  "modality" VARCHAR NOT NULL,
  "week_start" DATE NOT NULL,
  "sessions_planned" INTEGER NOT NULL,
  "sessions_lost" INTEGER NOT NULL,
  "slots_per_session" DOUBLE NOT NULL,
  "downtime_reason" VARCHAR
);

CREATE TABLE "imaging_travel_time" (
  "from_site" VARCHAR NOT NULL,
  "to_site" VARCHAR NOT NULL,
  "minutes" INTEGER NOT NULL
);

CREATE TABLE "death" (
  "person_id" BIGINT NOT NULL,
  "death_date" DATE NOT NULL,
  "underlying_cause" VARCHAR NOT NULL,
  "place_of_death" VARCHAR NOT NULL
);

CREATE TABLE "opt_out" (
  "person_id" BIGINT NOT NULL,
  "type1_opt_out" BOOLEAN NOT NULL,
  "national_data_opt_out" BOOLEAN NOT NULL
);

CREATE TABLE "person_asof" (
  "person_id" BIGINT NOT NULL,
  "age" INTEGER NOT NULL,
  "age_band" VARCHAR NOT NULL,
  "sex" VARCHAR NOT NULL,
  "ethnicity_group" VARCHAR NOT NULL,
  "lsoa_code" VARCHAR,
  "imd_decile" INTEGER,
  "imd_quintile" INTEGER,
  "practice_code" VARCHAR NOT NULL,
  "pcn_code" VARCHAR,
  "place_code" VARCHAR,
  "icb_code" VARCHAR,
  "registered" BOOLEAN NOT NULL,
  "deceased" BOOLEAN NOT NULL,
  "care_home" BOOLEAN NOT NULL,
  "learning_disability" BOOLEAN NOT NULL,
  "record_key" INTEGER NOT NULL,
  "planning_opt_out" BOOLEAN NOT NULL
);

CREATE TABLE "register" (
  "person_id" BIGINT NOT NULL,
  "register" VARCHAR NOT NULL,
  "first_date" DATE NOT NULL,
  "latest_date" DATE NOT NULL,
  "subtype" VARCHAR
);

CREATE TABLE "person_clinical" (
  "person_id" BIGINT NOT NULL,
  "condition_count" INTEGER NOT NULL,
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
  "person_id" BIGINT NOT NULL,
  "hba1c" BOOLEAN NOT NULL,
  "blood_pressure" BOOLEAN NOT NULL,
  "cholesterol" BOOLEAN NOT NULL,
  "serum_creatinine" BOOLEAN NOT NULL,
  "urine_albumin" BOOLEAN NOT NULL,
  "foot_surveillance" BOOLEAN,
  "bmi" BOOLEAN NOT NULL,
  "smoking" BOOLEAN NOT NULL,
  "retinal_screening" BOOLEAN,
  "processes_8" INTEGER NOT NULL,
  "latest_hba1c" DOUBLE,
  "latest_sbp" DOUBLE,
  "latest_dbp" DOUBLE,
  "hba1c_target" BOOLEAN NOT NULL,
  "bp_target" BOOLEAN NOT NULL,
  "statin" BOOLEAN NOT NULL,
  "all_three_targets" BOOLEAN NOT NULL
);

CREATE TABLE "practice_diabetes_care" (
  "practice_code" VARCHAR NOT NULL,
  "register_count" INTEGER NOT NULL,
  "all_8_processes" INTEGER NOT NULL,
  "hba1c_target" INTEGER NOT NULL,
  "bp_target" INTEGER NOT NULL,
  "statin" INTEGER NOT NULL,
  "all_three_targets" INTEGER NOT NULL
);

CREATE TABLE "safety_audit_finding" (
  "audit_id" VARCHAR NOT NULL,
  "audit_version" VARCHAR NOT NULL,
  "person_id" BIGINT NOT NULL,
  "detail" VARCHAR NOT NULL
);

CREATE TABLE "build_info" (
  "key" VARCHAR NOT NULL,
  "value" VARCHAR NOT NULL
);

CREATE TABLE "person_risk" (
  "person_id" BIGINT NOT NULL,
  "as_of" DATE NOT NULL,
  "admission_risk" DOUBLE NOT NULL,
  "risk_tier" VARCHAR NOT NULL,
  "mortality_risk" DOUBLE NOT NULL,
  "end_of_life_candidate" BOOLEAN NOT NULL,
  "segment" VARCHAR NOT NULL,
  "condition_group" VARCHAR NOT NULL,
  "admission_model" VARCHAR NOT NULL,
  "mortality_model" VARCHAR NOT NULL
);

CREATE TABLE "person_risk_factor" (
  "person_id" BIGINT NOT NULL,
  "model" VARCHAR NOT NULL,
  "rank" INTEGER NOT NULL,
  "feature" VARCHAR NOT NULL,
  "contribution" DOUBLE NOT NULL
);

CREATE TABLE "risk_model" (
  "model_version" VARCHAR NOT NULL,
  "model" VARCHAR NOT NULL,
  "trained_at_date" DATE NOT NULL,
  "training_rows" INTEGER NOT NULL,
  "training_events" INTEGER NOT NULL,
  "term" VARCHAR NOT NULL,
  "coefficient" DOUBLE NOT NULL,
  "training_mean" DOUBLE
);

CREATE TABLE "unit_cost" (
  "currency" VARCHAR NOT NULL,
  "point_of_delivery" VARCHAR NOT NULL,
  "description" VARCHAR NOT NULL,
  "unit" VARCHAR NOT NULL,
  "cost" DOUBLE NOT NULL,
  "price_year" VARCHAR NOT NULL,
  "basis" VARCHAR NOT NULL,
  "source" VARCHAR NOT NULL,
  "reference" VARCHAR NOT NULL,
  "url" VARCHAR NOT NULL,
  "origin" VARCHAR NOT NULL
);

CREATE TABLE "unit_cost_local" (
  "currency" VARCHAR NOT NULL,
  "point_of_delivery" VARCHAR NOT NULL,
  "description" VARCHAR NOT NULL,
  "unit" VARCHAR NOT NULL,
  "cost" DOUBLE NOT NULL,
  "price_year" VARCHAR NOT NULL,
  "basis" VARCHAR NOT NULL,
  "source" VARCHAR NOT NULL,
  "reference" VARCHAR NOT NULL,
  "url" VARCHAR NOT NULL,
  "origin" VARCHAR NOT NULL
);

CREATE TABLE "person_cost" (
  "person_id" BIGINT NOT NULL,
  "year" INTEGER NOT NULL,
  "point_of_delivery" VARCHAR NOT NULL,
  "activity" INTEGER NOT NULL,
  "units" DOUBLE NOT NULL,
  "cost" DOUBLE NOT NULL
);

CREATE TABLE "cost_line" (
  "year" INTEGER NOT NULL,
  "practice_code" VARCHAR NOT NULL,
  "point_of_delivery" VARCHAR NOT NULL,
  "currency" VARCHAR NOT NULL,
  "activity" BIGINT NOT NULL,
  "units" DOUBLE NOT NULL,
  "unit_cost" DOUBLE NOT NULL,
  "cost" DOUBLE NOT NULL
);

CREATE TABLE "cost_gap" (
  "year" INTEGER NOT NULL,
  "point_of_delivery" VARCHAR NOT NULL,
  "currency" VARCHAR NOT NULL,
  "reason" VARCHAR NOT NULL,
  "activity" BIGINT NOT NULL
);

CREATE TABLE "person_allocation" (
  "person_id" BIGINT NOT NULL,
  "capitation" DOUBLE NOT NULL,
  "age_sex" DOUBLE NOT NULL,
  "need" DOUBLE NOT NULL,
  "need_supply" DOUBLE,
  "need_low" DOUBLE,
  "need_high" DOUBLE,
  "need_supply_low" DOUBLE,
  "need_supply_high" DOUBLE
);

CREATE TABLE "allocation_report" (
  "key" VARCHAR NOT NULL,
  "value" VARCHAR NOT NULL
);

CREATE TABLE "codelist" (
  "codelist_id" VARCHAR NOT NULL,
  "coding_system" VARCHAR NOT NULL,
  "source" VARCHAR NOT NULL,
  "version" VARCHAR NOT NULL,
  "imported_at" VARCHAR NOT NULL
);

CREATE TABLE "codelist_code" (
  "codelist_id" VARCHAR NOT NULL,
  "code" VARCHAR NOT NULL,
  "term" VARCHAR
);

CREATE TABLE "quarantine" (
  "source_file" VARCHAR NOT NULL,
  "line_number" BIGINT NOT NULL,
  "record_id" VARCHAR,
  "reason_code" VARCHAR NOT NULL,
  "reason" VARCHAR NOT NULL
);

CREATE TABLE "source_record" (
  "source_id" VARCHAR NOT NULL,
  "target_table" VARCHAR NOT NULL,
  "content_hash" VARCHAR NOT NULL,
  "extract_date" DATE NOT NULL
);

CREATE TABLE "patient_link" (
  "source_key" BIGINT NOT NULL,
  "person_id" BIGINT NOT NULL
);
