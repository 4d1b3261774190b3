-- The keyed audit chain (issue 16). Events already written keep their plain SHA-256 seal
-- (`chain = 'sha256'`); from now on each event is sealed with HMAC-SHA-256 under the audit
-- key, which lives outside the state (`chain = 'hmac-sha256'`, `key_id` its public
-- fingerprint). The first keyed event on an old trail is `audit.sealed`, whose MAC covers
-- the old head. `flags` marks events for review (e.g. access under a break-glass grant).
-- Adding columns is DDL: the append-only trigger (rows) is not involved.
ALTER TABLE audit_events ADD COLUMN chain text NOT NULL DEFAULT 'sha256'
  CHECK (chain IN ('sha256', 'hmac-sha256'));
ALTER TABLE audit_events ALTER COLUMN chain DROP DEFAULT;
ALTER TABLE audit_events ADD COLUMN key_id text;
ALTER TABLE audit_events ADD COLUMN flags jsonb NOT NULL DEFAULT '{"flags": []}';

-- The console filters by who, what and when, newest first.
CREATE INDEX audit_events_username ON audit_events (username, seq);
CREATE INDEX audit_events_action ON audit_events (action, seq);
CREATE INDEX audit_events_at ON audit_events (at);
