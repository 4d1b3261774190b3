-- Separation of duties (issue 16). A change that would let an administrator read patients
-- through an account they control (their own, another administrator's, or one with a local
-- password they set) is a request: it takes effect only when a second administrator, who
-- neither asked nor benefits, approves it. A break-glass grant gives a direct-care role for
-- at most 24 hours without that approval, with a reason; everything done under it is
-- flagged in the audit trail and the grant waits for another administrator's review.
CREATE TABLE access_requests (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- 'create': the user was created disabled and approval enables them; 'grant': a role or scope change.
  kind text NOT NULL CHECK (kind IN ('create', 'grant')),
  role_code text REFERENCES roles (code),
  add_scopes jsonb NOT NULL DEFAULT '[]',
  remove_scopes jsonb NOT NULL DEFAULT '[]',
  why text NOT NULL,
  requested_by text NOT NULL REFERENCES users (id),
  requested_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  decided_by text REFERENCES users (id),
  decided_at timestamptz,
  CHECK (decided_by IS NULL OR (decided_by <> requested_by AND decided_by <> user_id))
);
CREATE INDEX access_requests_pending ON access_requests (status, requested_at);

CREATE TABLE break_glass_grants (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role_code text NOT NULL REFERENCES roles (code),
  scopes jsonb NOT NULL,
  reason text NOT NULL CHECK (length(reason) >= 10),
  granted_by text NOT NULL REFERENCES users (id),
  granted_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  ended_at timestamptz,
  ended_by text REFERENCES users (id),
  reviewed_by text REFERENCES users (id),
  reviewed_at timestamptz,
  review_note text,
  CHECK (granted_by <> user_id),
  CHECK (reviewed_by IS NULL OR reviewed_by <> granted_by),
  CHECK (expires_at > granted_at AND expires_at <= granted_at + interval '24 hours')
);
CREATE INDEX break_glass_user ON break_glass_grants (user_id, expires_at);
