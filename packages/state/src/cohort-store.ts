// Saved cohorts and their versions, persisted in PostgreSQL. A saved definition is never
// changed: saving again adds version n+1, so an audit event naming (cohort, version) always
// points at the definition that ran. The definition is stored as given (the cohort IR is
// plain JSON data); validating it is the cohort language's job. Each cohort has an owner
// and sharing (private, team, scope-wide); who may see or change it is decided by the API
// (cohort-access there), which knows the organisation hierarchy.
import { randomUUID } from "node:crypto";
import type { ScopeGrant } from "./policy.ts";
import type { Sql } from "./sql.ts";

export const SHARING = ["private", "team", "scope"] as const;
export type Sharing = (typeof SHARING)[number];

export interface TeamMember {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  /** May save new versions (else view only). */
  readonly canEdit: boolean;
}

export interface SavedCohort {
  readonly id: string;
  readonly name: string;
  readonly ownerId: string;
  readonly owner: { readonly username: string; readonly displayName: string };
  readonly createdAt: string;
  readonly latestVersion: number;
  readonly sharing: Sharing;
  /** For scope-wide sharing: the organisations it is shared over (the owner's scopes then). */
  readonly sharedScopes: readonly ScopeGrant[];
  /** For team sharing: who, and whether they may save new versions. */
  readonly team: readonly TeamMember[];
}

export interface SavedCohortVersion {
  readonly cohortId: string;
  readonly version: number;
  readonly definition: unknown;
  readonly note: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
}

/** Storage for saved cohorts; this is the persistent implementation of the issue-7 interface. */
export interface SavedCohortStore {
  create(input: {
    name: string;
    definition: unknown;
    by: string;
    note?: string;
  }): Promise<SavedCohortVersion>;
  addVersion(
    cohortId: string,
    input: { definition: unknown; by: string; note?: string },
  ): Promise<SavedCohortVersion | null>;
  get(cohortId: string): Promise<SavedCohort | null>;
  version(cohortId: string, version?: number): Promise<SavedCohortVersion | null>;
  versions(cohortId: string): Promise<SavedCohortVersion[]>;
  list(): Promise<SavedCohort[]>;
  /** Sets who it is shared with (the caller checks that the owner asks). */
  setSharing(
    cohortId: string,
    sharing: {
      sharing: Sharing;
      sharedScopes: readonly ScopeGrant[];
      team: readonly { userId: string; canEdit: boolean }[];
    },
  ): Promise<SavedCohort | null>;
}

export function postgresCohortStore(db: Sql, clock: () => Date = () => new Date()): SavedCohortStore {
  const insertVersion = async (
    tx: Sql,
    cohortId: string,
    version: number,
    input: { definition: unknown; by: string; note?: string },
  ): Promise<SavedCohortVersion> => {
    const createdAt = clock().toISOString();
    await tx.query(
      "INSERT INTO saved_cohort_versions (cohort_id, version, definition, note, created_by, created_at) VALUES ($1, $2, $3::jsonb, $4, $5, $6)",
      [cohortId, version, JSON.stringify(input.definition), input.note ?? null, input.by, createdAt],
    );
    return {
      cohortId,
      version,
      definition: input.definition,
      note: input.note ?? null,
      createdBy: input.by,
      createdAt,
    };
  };
  return {
    create: (input) =>
      db.transaction(async (tx) => {
        const id = randomUUID();
        await tx.query("INSERT INTO saved_cohorts (id, name, owner_id, created_at) VALUES ($1, $2, $3, $4)", [
          id,
          input.name,
          input.by,
          clock().toISOString(),
        ]);
        return insertVersion(tx, id, 1, input);
      }),
    addVersion: (cohortId, input) =>
      db.transaction(async (tx) => {
        const rows = await tx.query<{ id: string }>("SELECT id FROM saved_cohorts WHERE id = $1 FOR UPDATE", [
          cohortId,
        ]);
        if (rows.length === 0) return null;
        const latest = await tx.query<{ v: number }>(
          "SELECT max(version) AS v FROM saved_cohort_versions WHERE cohort_id = $1",
          [cohortId],
        );
        return insertVersion(tx, cohortId, (latest[0]?.v ?? 0) + 1, input);
      }),
    async get(cohortId) {
      return (await listCohorts(db, cohortId))[0] ?? null;
    },
    async version(cohortId, version) {
      const rows = await db.query<VersionRow>(
        `SELECT cohort_id, version, definition, note, created_by, created_at FROM saved_cohort_versions
         WHERE cohort_id = $1 ${version === undefined ? "" : "AND version = $2"} ORDER BY version DESC LIMIT 1`,
        version === undefined ? [cohortId] : [cohortId, version],
      );
      return rows[0] ? fromVersionRow(rows[0]) : null;
    },
    async versions(cohortId) {
      const rows = await db.query<VersionRow>(
        "SELECT cohort_id, version, definition, note, created_by, created_at FROM saved_cohort_versions WHERE cohort_id = $1 ORDER BY version",
        [cohortId],
      );
      return rows.map(fromVersionRow);
    },
    list: () => listCohorts(db),
    async setSharing(cohortId, input) {
      const done = await db.transaction(async (tx) => {
        const rows = await tx.query<{ id: string }>("SELECT id FROM saved_cohorts WHERE id = $1 FOR UPDATE", [
          cohortId,
        ]);
        if (rows.length === 0) return false;
        await tx.query("UPDATE saved_cohorts SET sharing = $1, shared_scopes = $2::jsonb WHERE id = $3", [
          input.sharing,
          JSON.stringify(input.sharing === "scope" ? input.sharedScopes : []),
          cohortId,
        ]);
        await tx.query("DELETE FROM saved_cohort_team WHERE cohort_id = $1", [cohortId]);
        if (input.sharing === "team")
          for (const m of input.team)
            await tx.query(
              "INSERT INTO saved_cohort_team (cohort_id, user_id, can_edit) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
              [cohortId, m.userId, m.canEdit],
            );
        return true;
      });
      return done ? ((await listCohorts(db, cohortId))[0] ?? null) : null;
    },
  };
}

async function listCohorts(db: Sql, id?: string): Promise<SavedCohort[]> {
  const rows = await db.query<{
    id: string;
    name: string;
    owner_id: string;
    owner_username: string;
    owner_name: string;
    created_at: string;
    latest: number;
    sharing: Sharing;
    shared_scopes: ScopeGrant[];
  }>(
    `SELECT c.id, c.name, c.owner_id, o.username AS owner_username, o.display_name AS owner_name, c.created_at,
            c.sharing, c.shared_scopes, (SELECT max(v.version) FROM saved_cohort_versions v WHERE v.cohort_id = c.id) AS latest
     FROM saved_cohorts c JOIN users o ON o.id = c.owner_id
     ${id === undefined ? "" : "WHERE c.id = $1"}
     ORDER BY c.created_at, c.id`,
    id === undefined ? [] : [id],
  );
  const team = await db.query<{
    cohort_id: string;
    user_id: string;
    username: string;
    display_name: string;
    can_edit: boolean;
  }>(
    `SELECT t.cohort_id, t.user_id, u.username, u.display_name, t.can_edit
     FROM saved_cohort_team t JOIN users u ON u.id = t.user_id
     ${id === undefined ? "" : "WHERE t.cohort_id = $1"} ORDER BY u.username`,
    id === undefined ? [] : [id],
  );
  return rows
    .filter((r) => r.latest !== null)
    .map((r) => ({
      id: r.id,
      name: r.name,
      ownerId: r.owner_id,
      owner: { username: r.owner_username, displayName: r.owner_name },
      createdAt: r.created_at,
      latestVersion: r.latest,
      sharing: r.sharing,
      sharedScopes: r.shared_scopes,
      team: team
        .filter((t) => t.cohort_id === r.id)
        .map((t) => ({
          userId: t.user_id,
          username: t.username,
          displayName: t.display_name,
          canEdit: t.can_edit,
        })),
    }));
}

interface VersionRow extends Record<string, unknown> {
  cohort_id: string;
  version: number;
  definition: unknown;
  note: string | null;
  created_by: string;
  created_at: string;
}

function fromVersionRow(r: VersionRow): SavedCohortVersion {
  return {
    cohortId: r.cohort_id,
    version: r.version,
    definition: r.definition,
    note: r.note,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}
