-- Care coordination (issue 23): caseloads and their episodes on the 13-week pathway, one
-- shared care plan per person with every version kept, actions taken on worklists, and the
-- patient-reported measures coordinators record. Person ids are the warehouse's pseudonymous
-- keys; who may see a person is decided by the warehouse's scope, never by these tables.

-- One row per episode of care coordination: referral (triage), the pathway (red, amber,
-- green), discharge to 3-monthly monitoring, closure. A re-referral opens a new episode.
CREATE TABLE care_episodes (
  id text PRIMARY KEY,
  person_id bigint NOT NULL,
  -- The team whose caseload it is: a practice or PCN code.
  team_code text NOT NULL CHECK (team_code ~ '^[A-Za-z0-9][A-Za-z0-9-]{0,19}$'),
  coordinator_id text REFERENCES users (id),
  status text NOT NULL CHECK (status IN ('triage', 'active', 'monitoring', 'closed')),
  stage text CHECK (stage IN ('red', 'amber', 'green')),
  -- Where the referral came from (worklist, cohort, risk list, audit, patient view, re-referral) and why.
  source text NOT NULL,
  source_ref text,
  reason text NOT NULL,
  consent text NOT NULL DEFAULT 'not_asked' CHECK (consent IN ('not_asked', 'given', 'declined', 'withdrawn')),
  consent_at timestamptz,
  referred_at timestamptz NOT NULL,
  pathway_start date,
  stage_start date,
  discharged_at date,
  next_monitoring date,
  closed_at timestamptz,
  close_reason text,
  -- Checklist items ticked by hand: {"red:gp-involved": {"at": ..., "by": ...}}.
  ticks jsonb NOT NULL DEFAULT '{}',
  episode integer NOT NULL DEFAULT 1 CHECK (episode >= 1),
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL,
  CHECK ((status = 'active') = (stage IS NOT NULL))
);
-- A person has at most one open episode (triage, active or monitoring) at a time.
CREATE UNIQUE INDEX care_episodes_one_open ON care_episodes (person_id) WHERE status <> 'closed';
CREATE INDEX care_episodes_team ON care_episodes (team_code, status);
CREATE INDEX care_episodes_person ON care_episodes (person_id);

-- Each episode's history, in order: who did what, when (a person's care coordination history).
CREATE TABLE care_episode_events (
  episode_id text NOT NULL REFERENCES care_episodes (id),
  seq integer NOT NULL,
  at timestamptz NOT NULL,
  user_id text REFERENCES users (id),
  kind text NOT NULL,
  detail jsonb NOT NULL,
  PRIMARY KEY (episode_id, seq)
);

-- The one shared care plan per person (its latest version) and every version before it.
CREATE TABLE care_plans (
  person_id bigint PRIMARY KEY,
  version integer NOT NULL CHECK (version >= 1),
  content jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  created_by text REFERENCES users (id),
  updated_at timestamptz NOT NULL,
  updated_by text REFERENCES users (id)
);
CREATE TABLE care_plan_versions (
  person_id bigint NOT NULL,
  version integer NOT NULL,
  content jsonb NOT NULL,
  changed_at timestamptz NOT NULL,
  changed_by text REFERENCES users (id),
  -- What changed from the version before, in words (PlanChange[]).
  changes jsonb NOT NULL,
  PRIMARY KEY (person_id, version)
);
CREATE FUNCTION care_plan_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'care plan versions are never changed';
END
$$;
CREATE TRIGGER care_plan_versions_no_update BEFORE UPDATE OR DELETE ON care_plan_versions
  FOR EACH ROW EXECUTE FUNCTION care_plan_versions_immutable();

-- Actions on worklists: a person dismissed from a list (with a reason, until a date) or
-- recalled (invited for tests or treatment). Adding to a caseload is an episode.
CREATE TABLE care_worklist_actions (
  id text PRIMARY KEY,
  worklist_id text NOT NULL,
  person_id bigint NOT NULL,
  action text NOT NULL CHECK (action IN ('dismissed', 'recalled')),
  reason text NOT NULL,
  until date,
  at timestamptz NOT NULL,
  user_id text REFERENCES users (id)
);
CREATE INDEX care_worklist_actions_list ON care_worklist_actions (worklist_id, person_id);

-- Patient-reported and coordinator-recorded measures (patient activation, EQ-5D-5L).
CREATE TABLE care_measures (
  id text PRIMARY KEY,
  person_id bigint NOT NULL,
  measure text NOT NULL,
  value double precision NOT NULL,
  detail jsonb,
  recorded_on date NOT NULL,
  at timestamptz NOT NULL,
  user_id text REFERENCES users (id)
);
CREATE INDEX care_measures_person ON care_measures (person_id, measure, recorded_on);

-- Coordinators' capacity: how many people each can hold on the pathway at once.
CREATE TABLE care_coordinator_capacity (
  user_id text PRIMARY KEY REFERENCES users (id),
  capacity integer NOT NULL CHECK (capacity BETWEEN 0 AND 500)
);

-- Direct-care roles read and write caseloads and plans for people in their scope; other roles
-- see caseloads only as disclosed aggregates (aggregates:read).
INSERT INTO role_permissions (role_code, permission) VALUES
  ('care_coordinator', 'care:read'),
  ('care_coordinator', 'care:write'),
  ('clinician', 'care:read'),
  ('clinician', 'care:write');
