-- Trust scopes (diagnostics): an analyst may be scoped to a provider trust, and then sees the
-- activity that trust carried out (its imaging requests), whoever the patient, and no one's
-- GP record. Deny by default is unchanged: a trust grant reaches nothing else.
ALTER TABLE user_scopes DROP CONSTRAINT IF EXISTS user_scopes_level_check;
ALTER TABLE user_scopes ADD CONSTRAINT user_scopes_level_check
  CHECK (level IN ('icb', 'place', 'pcn', 'practice', 'trust'));
