// The shared care plan in application state: the latest version per person and every version
// before it (immutable), each with what changed in words. Saving names the version it was
// edited from (optimistic concurrency): if someone saved in between, nothing is written and
// the caller gets a ConflictError with both sides' changes, never a silent overwrite.
import type { Sql } from "@bevan/state";
import { ConflictError } from "./errors.ts";
import { type CarePlanContent, checkPlan, diffPlans, EMPTY_PLAN, type PlanChange } from "./plan.ts";

export interface StoredPlan {
  readonly personId: string;
  readonly version: number;
  readonly content: CarePlanContent;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly updatedBy: string | null;
}

export interface PlanVersionSummary {
  readonly version: number;
  readonly changedAt: string;
  readonly changedBy: string | null;
  readonly changes: readonly PlanChange[];
}

/** What a stale save gets: the plan as it is now, what others changed since your version, and your changes. */
export interface PlanConflict {
  readonly current: StoredPlan;
  readonly baseVersion: number;
  readonly theirChanges: readonly PlanChange[];
  readonly yourChanges: readonly PlanChange[];
}

interface PlanRow extends Record<string, unknown> {
  person_id: string;
  version: number;
  content: CarePlanContent;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
}

// BIGINT columns are read as text: the state parses INT8 as a JS number, which would round person ids.
const PLAN_COLUMNS = "person_id::text AS person_id, version, content, created_at, updated_at, updated_by";

const fromRow = (r: PlanRow): StoredPlan => ({
  personId: String(r.person_id),
  version: r.version,
  content: r.content,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
});

// Person ids are BIGINT; they travel as decimal strings so no digit is lost.
const pid = (personId: bigint | string) => BigInt(personId).toString();

export async function getPlan(db: Sql, personId: bigint | string): Promise<StoredPlan | null> {
  const rows = await db.query<PlanRow>(
    `SELECT ${PLAN_COLUMNS} FROM care_plans WHERE person_id = $1::bigint`,
    [pid(personId)],
  );
  return rows[0] ? fromRow(rows[0]) : null;
}

export async function getPlans(
  db: Sql,
  personIds: readonly (bigint | string)[],
): Promise<Map<string, StoredPlan>> {
  if (personIds.length === 0) return new Map();
  const rows = await db.query<PlanRow>(
    `SELECT ${PLAN_COLUMNS} FROM care_plans WHERE person_id = ANY(string_to_array($1, ',')::bigint[])`,
    [personIds.map(pid).join(",")],
  );
  return new Map(rows.map((r) => [String(r.person_id), fromRow(r)]));
}

async function versionContent(db: Sql, personId: string, version: number): Promise<CarePlanContent> {
  if (version === 0) return EMPTY_PLAN;
  const rows = await db.query<{ content: CarePlanContent }>(
    "SELECT content FROM care_plan_versions WHERE person_id = $1::bigint AND version = $2",
    [personId, version],
  );
  return rows[0]?.content ?? EMPTY_PLAN;
}

/**
 * Saves a new version edited from `baseVersion` (0 for a person with no plan yet). Throws
 * ConflictError<PlanConflict> when the plan has moved on since `baseVersion`.
 */
export async function savePlan(
  db: Sql,
  personId: bigint | string,
  content: CarePlanContent,
  opts: { baseVersion: number; by: string | null; now?: Date },
): Promise<{ plan: StoredPlan; changes: readonly PlanChange[] }> {
  checkPlan(content);
  const id = pid(personId);
  const at = (opts.now ?? new Date()).toISOString();
  return db.transaction(async (tx) => {
    // The lock orders two saves of one plan; a first save races on the primary key instead.
    const rows = await tx.query<PlanRow>(
      `SELECT ${PLAN_COLUMNS} FROM care_plans WHERE person_id = $1::bigint FOR UPDATE`,
      [id],
    );
    const current = rows[0] ? fromRow(rows[0]) : null;
    const currentVersion = current?.version ?? 0;
    if (currentVersion !== opts.baseVersion) {
      const base = await versionContent(tx, id, opts.baseVersion);
      const conflict: PlanConflict = {
        current: current ?? {
          personId: id,
          version: 0,
          content: EMPTY_PLAN,
          createdAt: at,
          updatedAt: at,
          updatedBy: null,
        },
        baseVersion: opts.baseVersion,
        theirChanges: diffPlans(base, current?.content ?? EMPTY_PLAN),
        yourChanges: diffPlans(base, content),
      };
      throw new ConflictError(
        `the care plan was changed by someone else (version ${currentVersion}) after you opened version ${opts.baseVersion}: nothing was saved; review their changes and save again`,
        conflict,
      );
    }
    const changes = diffPlans(current?.content ?? EMPTY_PLAN, content);
    const version = currentVersion + 1;
    if (current)
      await tx.query(
        "UPDATE care_plans SET version = $2, content = $3::jsonb, updated_at = $4, updated_by = $5 WHERE person_id = $1::bigint",
        [id, version, JSON.stringify(content), at, opts.by],
      );
    else
      await tx.query(
        "INSERT INTO care_plans (person_id, version, content, created_at, created_by, updated_at, updated_by) VALUES ($1::bigint, $2, $3::jsonb, $4, $5, $4, $5)",
        [id, version, JSON.stringify(content), at, opts.by],
      );
    await tx.query(
      "INSERT INTO care_plan_versions (person_id, version, content, changed_at, changed_by, changes) VALUES ($1::bigint, $2, $3::jsonb, $4, $5, $6::jsonb)",
      [id, version, JSON.stringify(content), at, opts.by, JSON.stringify(changes)],
    );
    return {
      plan: {
        personId: id,
        version,
        content,
        createdAt: current?.createdAt ?? at,
        updatedAt: at,
        updatedBy: opts.by,
      },
      changes,
    };
  });
}

/** Every version of a person's plan, newest first, with who saved it and what changed. */
export async function planHistory(db: Sql, personId: bigint | string): Promise<PlanVersionSummary[]> {
  const rows = await db.query<{
    version: number;
    changed_at: string;
    username: string | null;
    changes: PlanChange[];
  }>(
    `SELECT v.version, v.changed_at, u.display_name AS username, v.changes
     FROM care_plan_versions v LEFT JOIN users u ON u.id = v.changed_by
     WHERE v.person_id = $1::bigint ORDER BY v.version DESC`,
    [pid(personId)],
  );
  return rows.map((r) => ({
    version: r.version,
    changedAt: r.changed_at,
    changedBy: r.username,
    changes: r.changes,
  }));
}

export async function planAtVersion(
  db: Sql,
  personId: bigint | string,
  version: number,
): Promise<CarePlanContent | null> {
  const rows = await db.query<{ content: CarePlanContent }>(
    "SELECT content FROM care_plan_versions WHERE person_id = $1::bigint AND version = $2",
    [pid(personId), version],
  );
  return rows[0]?.content ?? null;
}
