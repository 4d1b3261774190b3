-- Every role records the purpose its users work for (issue 16): direct care (the care of the
-- individuals they see), planning (planning and commissioning: population figures and
-- pseudonymised analysis, where the National Data Opt-out applies), or administration
-- (running the system: users, the audit trail, data loads; no patient data). A role's
-- direct_care flag and its purpose cannot disagree.
ALTER TABLE roles ADD COLUMN purpose text;
UPDATE roles SET purpose = CASE
  WHEN direct_care THEN 'direct_care'
  WHEN code = 'administrator' THEN 'administration'
  ELSE 'planning'
END;
ALTER TABLE roles ALTER COLUMN purpose SET NOT NULL;
ALTER TABLE roles ADD CONSTRAINT roles_purpose CHECK (purpose IN ('direct_care', 'planning', 'administration'));
ALTER TABLE roles ADD CONSTRAINT roles_purpose_direct_care CHECK (direct_care = (purpose = 'direct_care'));
ALTER TABLE roles ADD CONSTRAINT roles_administration_no_patients CHECK (purpose <> 'administration' OR patient_data = 'none');
