-- Disclosure control (docs/disclosure-control.md): the log of free-form aggregate queries
-- (cohort previews, counts and timelines) by roles without direct care, which the query
-- budget reads, and the alerts raised on tracker-like patterns. Never person ids: the
-- definition and the set size are kept only as fingerprints.

CREATE TABLE aggregate_queries (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role_code text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('preview', 'count', 'timeline')),
  -- SHA-256 of the definition's canonical JSON, first 16 hex digits.
  definition_fingerprint text NOT NULL,
  -- The size of the largest set asked about, as an order of magnitude ('1-7', '8-99', ...).
  size_band text NOT NULL,
  -- Published cells charged to the budget (sets already answered for this user are free).
  cells integer NOT NULL CHECK (cells >= 0),
  outcome text NOT NULL CHECK (outcome IN ('answered', 'refused-budget', 'refused-difference')),
  -- The smallest sketch distance to an earlier set of this user (a lower bound on the
  -- symmetric difference), null when none was near.
  nearest integer
);
CREATE INDEX aggregate_queries_user_at ON aggregate_queries (user_id, at);

CREATE TABLE disclosure_alerts (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('differencing', 'overlap', 'budget')),
  detail text NOT NULL
);
CREATE INDEX disclosure_alerts_at ON disclosure_alerts (at);
