-- Saved cohorts have an owner and sharing (issue 16): private (the owner only), team (the
-- users the owner names, each able to view or also to save new versions), or scope-wide
-- (read-only for everyone whose scope overlaps the organisations it was shared over,
-- `shared_scopes`, the owner's scopes when shared). Cohorts saved before this were visible
-- to every role: they become private to whoever saved them, who can share them again.
ALTER TABLE saved_cohorts ADD COLUMN sharing text NOT NULL DEFAULT 'private'
  CHECK (sharing IN ('private', 'team', 'scope'));
ALTER TABLE saved_cohorts ADD COLUMN shared_scopes jsonb NOT NULL DEFAULT '[]';

CREATE TABLE saved_cohort_team (
  cohort_id text NOT NULL REFERENCES saved_cohorts (id) ON DELETE CASCADE,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  can_edit boolean NOT NULL,
  PRIMARY KEY (cohort_id, user_id)
);
CREATE INDEX saved_cohort_team_user ON saved_cohort_team (user_id);
