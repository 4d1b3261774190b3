// Measures the coordinator records with the person: patient activation (PAM score 0–100,
// level 1–4) and EQ-5D-5L (five dimensions, levels 1–5, and the visual analogue scale 0–100).
// Stored as given; the EQ-5D-5L profile is kept with its VAS, and no value set (index) is
// computed here, since the choice of value set is the evaluator's (issue 24).
import { randomUUID } from "node:crypto";
import type { Sql } from "@bevan/state";

export const MEASURES = {
  pam: { name: "Patient activation (PAM score)", min: 0, max: 100 },
  "eq5d5l-vas": { name: "EQ-5D-5L: health today (EQ VAS)", min: 0, max: 100 },
} as const;
export type MeasureCode = keyof typeof MEASURES;

export const EQ5D_DIMENSIONS = [
  "mobility",
  "selfCare",
  "usualActivities",
  "painDiscomfort",
  "anxietyDepression",
] as const;
export type Eq5dProfile = Readonly<Record<(typeof EQ5D_DIMENSIONS)[number], 1 | 2 | 3 | 4 | 5>>;

/** PAM levels from the score (Insignia Health's published cut-points). */
export function pamLevel(score: number): 1 | 2 | 3 | 4 {
  if (score <= 47.0) return 1;
  if (score <= 55.1) return 2;
  if (score <= 67.0) return 3;
  return 4;
}

export interface Measure {
  readonly id: string;
  readonly personId: string;
  readonly measure: MeasureCode;
  readonly value: number;
  readonly detail: Record<string, unknown> | null;
  readonly recordedOn: string;
  readonly by: string | null;
}

export class MeasureInvalidError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MeasureInvalidError";
  }
}

export async function recordMeasure(
  db: Sql,
  m: {
    personId: bigint | string;
    measure: MeasureCode;
    value: number;
    profile?: Eq5dProfile;
    recordedOn: string;
    by: string | null;
    now?: Date;
  },
): Promise<Measure> {
  const def = MEASURES[m.measure];
  if (!def) throw new MeasureInvalidError(`unknown measure ${m.measure}`);
  if (!Number.isFinite(m.value) || m.value < def.min || m.value > def.max)
    throw new MeasureInvalidError(`${def.name} must be between ${def.min} and ${def.max}`);
  if (m.profile)
    for (const d of EQ5D_DIMENSIONS)
      if (![1, 2, 3, 4, 5].includes(m.profile[d]))
        throw new MeasureInvalidError(`EQ-5D-5L ${d} must be a level from 1 to 5`);
  const detail =
    m.measure === "pam" ? { level: pamLevel(m.value) } : m.profile ? { profile: m.profile } : null;
  const id = randomUUID();
  const personId = BigInt(m.personId).toString();
  await db.query(
    `INSERT INTO care_measures (id, person_id, measure, value, detail, recorded_on, at, user_id)
     VALUES ($1, $2::bigint, $3, $4, $5::jsonb, $6, $7, $8)`,
    [
      id,
      personId,
      m.measure,
      m.value,
      detail ? JSON.stringify(detail) : null,
      m.recordedOn,
      (m.now ?? new Date()).toISOString(),
      m.by,
    ],
  );
  return { id, personId, measure: m.measure, value: m.value, detail, recordedOn: m.recordedOn, by: m.by };
}

export async function personMeasures(db: Sql, personId: bigint | string): Promise<Measure[]> {
  const rows = await db.query<{
    id: string;
    measure: MeasureCode;
    value: number;
    detail: Record<string, unknown> | null;
    recorded_on: string;
    by: string | null;
  }>(
    `SELECT m.id, m.measure, m.value, m.detail, m.recorded_on::text AS recorded_on, u.display_name AS by
     FROM care_measures m LEFT JOIN users u ON u.id = m.user_id
     WHERE m.person_id = $1::bigint ORDER BY m.recorded_on, m.measure`,
    [BigInt(personId).toString()],
  );
  return rows.map((r) => ({
    id: r.id,
    personId: BigInt(personId).toString(),
    measure: r.measure,
    value: r.value,
    detail: r.detail,
    recordedOn: r.recorded_on,
    by: r.by,
  }));
}
