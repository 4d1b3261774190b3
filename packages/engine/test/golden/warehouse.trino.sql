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
  "imd_score" DOUBLE NOT NULL
);

CREATE TABLE "practitioner" (
  "practitioner_id" VARCHAR NOT NULL,
  "identifier_system" VARCHAR,
  "identifier" VARCHAR,
  "source_id" VARCHAR
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
  "modality" VARCHAR NOT NULL,
  "referral_source" VARCHAR NOT NULL,
  "request_date" DATE NOT NULL,
  "test_date" DATE,
  "source_id" VARCHAR
);

CREATE TABLE "death" (
  "person_id" BIGINT NOT NULL,
  "death_date" DATE NOT NULL,
  "underlying_cause" VARCHAR NOT NULL,
  "place_of_death" VARCHAR NOT NULL
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
  "learning_disability" BOOLEAN NOT NULL
);

CREATE TABLE "register" (
  "person_id" BIGINT NOT NULL,
  "register" VARCHAR NOT NULL,
  "first_date" DATE NOT NULL,
  "latest_date" DATE NOT NULL
);

CREATE TABLE "build_info" (
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
