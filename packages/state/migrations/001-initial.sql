-- Application state: policy (roles, permissions, users, scopes), sessions, saved cohorts,
-- and the hash-chained audit log. The same SQL runs on PGlite and on PostgreSQL 15+.

CREATE TABLE roles (
  code text PRIMARY KEY,
  name text NOT NULL,
  description text NOT NULL,
  direct_care boolean NOT NULL,
  patient_data text NOT NULL CHECK (patient_data IN ('identified', 'pseudonymous', 'none'))
);

CREATE TABLE role_permissions (
  role_code text NOT NULL REFERENCES roles (code),
  permission text NOT NULL,
  PRIMARY KEY (role_code, permission)
);

CREATE TABLE users (
  id text PRIMARY KEY,
  username text NOT NULL UNIQUE,
  display_name text NOT NULL,
  role_code text NOT NULL REFERENCES roles (code),
  password_hash text,
  oidc_issuer text,
  oidc_subject text,
  is_demo boolean NOT NULL DEFAULT false,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (oidc_issuer, oidc_subject)
);

CREATE TABLE user_scopes (
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  level text NOT NULL CHECK (level IN ('icb', 'place', 'pcn', 'practice')),
  org_code text NOT NULL CHECK (org_code ~ '^[A-Za-z0-9][A-Za-z0-9-]{0,19}$'),
  PRIMARY KEY (user_id, level, org_code)
);

CREATE TABLE sessions (
  id_hash text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE oidc_flows (
  state text PRIMARY KEY,
  code_verifier text NOT NULL,
  nonce text NOT NULL,
  expires_at timestamptz NOT NULL
);

CREATE TABLE saved_cohorts (
  id text PRIMARY KEY,
  name text NOT NULL,
  owner_id text NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL
);

CREATE TABLE saved_cohort_versions (
  cohort_id text NOT NULL REFERENCES saved_cohorts (id) ON DELETE CASCADE,
  version integer NOT NULL CHECK (version >= 1),
  definition jsonb NOT NULL,
  note text,
  created_by text NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (cohort_id, version)
);

CREATE TABLE audit_events (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  user_id text,
  username text,
  role_code text,
  scope jsonb NOT NULL,
  action text NOT NULL,
  endpoint text NOT NULL,
  params jsonb NOT NULL,
  cohort_id text,
  cohort_version integer,
  row_count integer NOT NULL,
  person_ids jsonb NOT NULL,
  client_ip text,
  prev_hash text NOT NULL,
  hash text NOT NULL
);

-- The chain's head: appends lock this row, so sequence numbers have no gaps and a deleted
-- last event is still detected.
CREATE TABLE audit_head (
  id integer PRIMARY KEY CHECK (id = 1),
  seq bigint NOT NULL,
  hash text NOT NULL
);
INSERT INTO audit_head VALUES (1, 0, repeat('0', 64));

CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END
$$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();

-- Roles and what they may do: policy as data, deny by default (a permission not listed
-- here is refused).
INSERT INTO roles (code, name, description, direct_care, patient_data) VALUES
  ('ics_analyst', 'ICS analyst', 'PHM analyst at the ICB or CSU: pseudonymised person-level data and aggregates in scope', false, 'pseudonymous'),
  ('commissioner', 'Commissioner', 'Commissioner or manager: suppressed aggregates only', false, 'none'),
  ('clinician', 'PCN/practice clinician', 'GP or PCN clinician: identifiable data for patients registered in their practices', true, 'identified'),
  ('care_coordinator', 'Care coordinator', 'Care coordinator: identifiable data for patients registered in their scope', true, 'identified'),
  ('administrator', 'Administrator', 'Users, data loads and the audit trail; no clinical data', false, 'none');

INSERT INTO role_permissions (role_code, permission) VALUES
  ('ics_analyst', 'aggregates:read'),
  ('ics_analyst', 'patients:read'),
  ('ics_analyst', 'cohorts:read'),
  ('ics_analyst', 'cohorts:write'),
  ('ics_analyst', 'cohorts:members'),
  ('ics_analyst', 'data-quality:read'),
  ('commissioner', 'aggregates:read'),
  ('commissioner', 'cohorts:read'),
  ('clinician', 'aggregates:read'),
  ('clinician', 'patients:read'),
  ('clinician', 'cohorts:read'),
  ('clinician', 'cohorts:write'),
  ('clinician', 'cohorts:members'),
  ('care_coordinator', 'aggregates:read'),
  ('care_coordinator', 'patients:read'),
  ('care_coordinator', 'cohorts:read'),
  ('care_coordinator', 'cohorts:members'),
  ('administrator', 'audit:read'),
  ('administrator', 'data-quality:read');
