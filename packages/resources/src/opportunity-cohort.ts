// Behind each opportunity row: the cohort of people, described by age, sex, deprivation,
// ethnic group, risk tier and segment, and (for roles allowed patient-level data) listed; and
// the needs profiles (segment × main condition group) that make up half of each unit's
// emergency admissions.
import { smallestCovering } from "@bevan/models";
import { hasTable, type ScopedWarehouse } from "@bevan/query";
import { SEGMENTS } from "@bevan/risk";
import { yearBounds } from "./costing-sql.ts";
import { type OpportunityKind, opportunityEventsSql } from "./opportunity.ts";
import { addKeys, keyOf, LEVEL_COLUMN, type Level, num, onListSql } from "./read-common.ts";

export const COHORT_BREAKDOWNS = [
  "age_band",
  "sex",
  "imd_quintile",
  "ethnicity_group",
  "risk_tier",
  "segment",
] as const;
export type CohortBreakdown = (typeof COHORT_BREAKDOWNS)[number];

export interface CohortDescription {
  readonly people: number;
  /** The people's cell key (@bevan/query's cell-key method). */
  readonly key: number;
  readonly events: number;
  readonly cost: number;
  readonly top: number;
  readonly breakdowns: Partial<Record<CohortBreakdown, { group: string; count: number; key: number }[]>>;
}

/** The cohort of an opportunity in the (already narrowed) scope. */
export async function describeOpportunityCohort(
  sw: ScopedWarehouse,
  asOf: string,
  kind: OpportunityKind,
): Promise<CohortDescription> {
  const d = sw.dialect;
  const risk = await hasTable(sw, "person_risk");
  const members = `(SELECT ev.person_id, count(*) AS events, sum(ev.cost) AS cost FROM (${opportunityEventsSql(d, kind, asOf)}) AS ev GROUP BY ev.person_id)`;
  const base = `FROM scoped_person_asof p JOIN ${members} AS m ON m.person_id = p.person_id
    ${risk ? "LEFT JOIN scoped_person_risk k ON k.person_id = p.person_id" : ""}
    WHERE ${onListSql(d, asOf)}`;
  const dims = COHORT_BREAKDOWNS.filter((b) => risk || (b !== "risk_tier" && b !== "segment"));
  const expr = (b: CohortBreakdown) =>
    b === "risk_tier" ? "k.risk_tier" : b === "segment" ? "k.segment" : `CAST(p.${b} AS VARCHAR)`;
  const [total, ...parts] = await Promise.all([
    sw.aggregate<Record<string, unknown>>(
      `SELECT count(*) AS people, sum(p.record_key) AS people_key, sum(m.events) AS events, sum(m.cost) AS cost, max(m.cost) AS top ${base}`,
    ),
    ...dims.map((b) =>
      sw.aggregate<Record<string, unknown>>(
        `SELECT coalesce(${expr(b)}, 'unknown') AS grp, count(*) AS n, sum(p.record_key) AS k ${base} GROUP BY 1 ORDER BY 1`,
      ),
    ),
  ]);
  const breakdowns: CohortDescription["breakdowns"] = {};
  dims.forEach((b, i) => {
    breakdowns[b] = (parts[i] ?? []).map((r) => ({ group: String(r.grp), count: num(r.n), key: keyOf(r.k) }));
  });
  return {
    people: num(total?.[0]?.people),
    key: keyOf(total?.[0]?.people_key),
    events: num(total?.[0]?.events),
    cost: num(total?.[0]?.cost),
    top: num(total?.[0]?.top),
    breakdowns,
  };
}

export interface CohortMember {
  readonly personId: string;
  readonly age: number;
  readonly sex: string;
  readonly practice: string;
  readonly events: number;
  readonly cost: number;
}

/** One page of the cohort's people, most costly first (patient-level: the caller audits it). */
export async function listOpportunityCohort(
  sw: ScopedWarehouse,
  asOf: string,
  kind: OpportunityKind,
  page: { limit: number; offset: number },
): Promise<{ total: number; rows: CohortMember[] }> {
  const d = sw.dialect;
  const members = `(SELECT ev.person_id, count(*) AS events, sum(ev.cost) AS cost FROM (${opportunityEventsSql(d, kind, asOf)}) AS ev GROUP BY ev.person_id)`;
  const base = `FROM scoped_person_asof p JOIN ${members} AS m ON m.person_id = p.person_id WHERE ${onListSql(d, asOf)}`;
  const [count, rows] = await Promise.all([
    sw.all<{ n: bigint }>(`SELECT count(*) AS n ${base}`),
    sw.all<Record<string, unknown>>(
      `SELECT p.person_id, p.age, p.sex, p.practice_code, m.events, m.cost ${base}
       ORDER BY m.cost DESC, p.person_id LIMIT ${Math.trunc(page.limit)} OFFSET ${Math.trunc(page.offset)}`,
    ),
  ]);
  return {
    total: num(count[0]?.n),
    rows: rows.map((r) => ({
      personId: String(r.person_id),
      age: num(r.age),
      sex: String(r.sex),
      practice: String(r.practice_code),
      events: num(r.events),
      cost: num(r.cost),
    })),
  };
}

export interface ProfileRow {
  readonly unit: string;
  readonly segment: string;
  readonly segmentName: string;
  readonly conditionGroup: string;
  readonly people: number;
  readonly peopleKey: number;
  readonly admissions: number;
  /** People with an emergency admission (behind the admissions and their cost), and their key. */
  readonly admitted: number;
  readonly admittedKey: number;
  readonly cost: number;
  /** The largest one person's cost of emergency admissions in the profile. */
  readonly top: number;
  readonly admissionShare: number;
  readonly cumulativeShare: number;
  /** The unit's emergency admissions in all, the people who had them and their key (the shares' denominator). */
  readonly unitAdmissions: number;
  readonly unitAdmitted: number;
  readonly unitAdmittedKey: number;
}

/**
 * Per unit, the fewest needs profiles (segment × main condition group) whose emergency
 * admissions in costing year 0 reach half of the unit's. Null when the build has no risk scores.
 */
export async function halfOfAdmissions(
  sw: ScopedWarehouse,
  asOf: string,
  level: Level,
): Promise<ProfileRow[] | null> {
  if (!(await hasTable(sw, "person_risk"))) return null;
  const d = sw.dialect;
  const y = yearBounds(d, asOf, 0);
  const col = LEVEL_COLUMN[level];
  const rows = await sw.aggregate<Record<string, unknown>>(
    `SELECT p.${col} AS unit, k.segment, k.condition_group, count(*) AS people, sum(p.record_key) AS people_key,
        sum(coalesce(a.n, 0)) AS admissions, count(a.person_id) AS admitted,
        sum(p.record_key) FILTER (WHERE a.person_id IS NOT NULL) AS admitted_key, sum(coalesce(c.cost, 0)) AS cost, max(coalesce(c.cost, 0)) AS top
     FROM scoped_person_asof p JOIN scoped_person_risk k ON k.person_id = p.person_id
     LEFT JOIN (SELECT person_id, count(*) AS n FROM scoped_hospital_spell
        WHERE admission_method = 'emergency' AND admission_date > ${y.from} AND admission_date <= ${y.to}
        GROUP BY person_id) a ON a.person_id = p.person_id
     LEFT JOIN (SELECT person_id, sum(cost) AS cost FROM scoped_person_cost
        WHERE year = 0 AND point_of_delivery = 'emergency_admission' GROUP BY person_id) c ON c.person_id = p.person_id
     WHERE ${onListSql(d, asOf)} AND p.${col} IS NOT NULL
     GROUP BY 1, 2, 3`,
  );
  const names = new Map(SEGMENTS.map((s) => [s.id, s.label]));
  const byUnit = new Map<string, typeof rows>();
  for (const r of rows) {
    const u = String(r.unit);
    byUnit.set(u, [...(byUnit.get(u) ?? []), r]);
  }
  const out: ProfileRow[] = [];
  for (const [unit, rs] of [...byUnit.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const key = (r: Record<string, unknown>) => `${String(r.segment)}|${String(r.condition_group)}`;
    const cost = new Map(rs.map((r) => [key(r), num(r.cost)]));
    const top = new Map(rs.map((r) => [key(r), num(r.top)]));
    const byKey = new Map(rs.map((r) => [key(r), r]));
    const covering = smallestCovering(
      rs.map((r) => ({ profile: key(r), persons: num(r.people), admissions: num(r.admissions) })),
      0.5,
    );
    const unitAdmissions = rs.reduce((s, r) => s + num(r.admissions), 0);
    const unitAdmitted = rs.reduce((s, r) => s + num(r.admitted), 0);
    const unitAdmittedKey = rs.reduce((s, r) => addKeys(s, keyOf(r.admitted_key)), 0);
    for (const c of covering) {
      const [segment = "", group = ""] = c.profile.split("|");
      out.push({
        unit,
        segment,
        segmentName: names.get(segment) ?? segment,
        conditionGroup: group,
        people: c.persons,
        peopleKey: keyOf(byKey.get(c.profile)?.people_key),
        admitted: num(byKey.get(c.profile)?.admitted),
        admittedKey: keyOf(byKey.get(c.profile)?.admitted_key),
        admissions: c.admissions,
        cost: cost.get(c.profile) ?? 0,
        top: top.get(c.profile) ?? 0,
        admissionShare: c.admissionShare,
        cumulativeShare: c.cumulativeShare,
        unitAdmissions,
        unitAdmitted,
        unitAdmittedKey,
      });
    }
  }
  return out;
}
