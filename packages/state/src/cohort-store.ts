// Saved cohorts and their versions, persisted in PostgreSQL. A saved definition is never
// changed: saving again adds version n+1, so an audit event naming (cohort, version) always
// points at the definition that ran. The definition is stored as given (the cohort IR is
// plain JSON data); validating it is the cohort language's job.
import { randomUUID } from "node:crypto";
import type { Sql } from "./sql.ts";

export interface SavedCohort {
  readonly id: string;
  readonly name: string;
  readonly ownerId: string;
  readonly createdAt: string;
  readonly latestVersion: number;
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
  };
}

async function listCohorts(db: Sql, id?: string): Promise<SavedCohort[]> {
  const rows = await db.query<{
    id: string;
    name: string;
    owner_id: string;
    created_at: string;
    latest: number;
  }>(
    `SELECT c.id, c.name, c.owner_id, c.created_at, max(v.version) AS latest
     FROM saved_cohorts c JOIN saved_cohort_versions v ON v.cohort_id = c.id
     ${id === undefined ? "" : "WHERE c.id = $1"}
     GROUP BY c.id, c.name, c.owner_id, c.created_at ORDER BY c.created_at, c.id`,
    id === undefined ? [] : [id],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    ownerId: r.owner_id,
    createdAt: r.created_at,
    latestVersion: r.latest,
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
