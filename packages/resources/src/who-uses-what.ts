// Who uses what: people and spend in costing year 0 by risk tier, Bridges to Health segment,
// condition register, deprivation quintile and age band — the share of spend each group
// accounts for beside its share of people. A person is on several registers, so register
// groups overlap and their shares do not add up to 100%.
import { REGISTER_NAMES } from "@bevan/domain";
import { hasTable, type ScopedWarehouse } from "@bevan/query";
import { SEGMENTS } from "@bevan/risk";
import { keyOf, num, onListSql } from "./read-common.ts";

export const USE_DIMENSIONS = ["tier", "segment", "register", "imd_quintile", "age_band"] as const;
export type UseDimension = (typeof USE_DIMENSIONS)[number];

export interface UseGroup {
  readonly group: string;
  readonly people: number;
  readonly peopleKey: number;
  /** People with any cost in the year, and their cell key. */
  readonly users: number;
  readonly usersKey: number;
  readonly spend: number;
  readonly top: number;
}

export interface WhoUsesWhat {
  readonly dimension: UseDimension;
  readonly groups: readonly UseGroup[];
  readonly total: {
    readonly people: number;
    readonly peopleKey: number;
    readonly users: number;
    readonly usersKey: number;
    readonly spend: number;
    readonly top: number;
  };
  /** Set when the dimension needs risk scores the build has not made. */
  readonly unavailable: string | null;
}

export async function whoUsesWhat(
  sw: ScopedWarehouse,
  asOf: string,
  dimension: UseDimension,
): Promise<WhoUsesWhat> {
  const d = sw.dialect;
  const needsRisk = dimension === "tier" || dimension === "segment";
  if (needsRisk && !(await hasTable(sw, "person_risk")))
    return {
      dimension,
      groups: [],
      total: { people: 0, peopleKey: 0, users: 0, usersKey: 0, spend: 0, top: 0 },
      unavailable: "risk tiers and segments need the risk models: run `bevan build` without --no-risk",
    };
  const spend = `(SELECT person_id, sum(cost) AS cost FROM scoped_person_cost WHERE year = 0 GROUP BY person_id)`;
  const base = `FROM scoped_person_asof p LEFT JOIN ${spend} AS c ON c.person_id = p.person_id`;
  const where = `WHERE ${onListSql(d, asOf)}`;
  const cols = `count(*) AS people, sum(p.record_key) AS people_key, count(c.person_id) AS users,
    sum(p.record_key) FILTER (WHERE c.person_id IS NOT NULL) AS users_key,
    sum(coalesce(c.cost, 0)) AS spend, max(coalesce(c.cost, 0)) AS top`;
  const sql =
    dimension === "register"
      ? `SELECT r.register AS grp, ${cols} ${base} JOIN scoped_register r ON r.person_id = p.person_id ${where} GROUP BY 1 ORDER BY 1`
      : dimension === "tier" || dimension === "segment"
        ? `SELECT coalesce(k.${dimension === "tier" ? "risk_tier" : "segment"}, 'not scored') AS grp, ${cols} ${base}
            LEFT JOIN scoped_person_risk k ON k.person_id = p.person_id ${where} GROUP BY 1 ORDER BY 1`
        : `SELECT coalesce(CAST(p.${dimension} AS VARCHAR), 'unknown') AS grp, ${cols} ${base} ${where} GROUP BY 1 ORDER BY 1`;
  const [rows, totals] = await Promise.all([
    sw.aggregate<Record<string, unknown>>(sql),
    sw.aggregate<Record<string, unknown>>(`SELECT ${cols} ${base} ${where}`),
  ]);
  return {
    dimension,
    groups: rows.map((r) => ({
      group: String(r.grp),
      people: num(r.people),
      peopleKey: keyOf(r.people_key),
      users: num(r.users),
      usersKey: keyOf(r.users_key),
      spend: num(r.spend),
      top: num(r.top),
    })),
    total: {
      people: num(totals[0]?.people),
      peopleKey: keyOf(totals[0]?.people_key),
      users: num(totals[0]?.users),
      usersKey: keyOf(totals[0]?.users_key),
      spend: num(totals[0]?.spend),
      top: num(totals[0]?.top),
    },
    unavailable: null,
  };
}

const TIER_NAMES: Record<string, string> = {
  very_high: "Very high risk (top 0.5%)",
  high: "High risk (next 4.5%)",
  moderate: "Moderate risk (next 15%)",
  low: "Low risk (other 80%)",
};

const IMD_NAMES: Record<string, string> = {
  "1": "1 (most deprived)",
  "2": "2",
  "3": "3",
  "4": "4",
  "5": "5 (least deprived)",
};

/** The name a person reads for a group of a dimension. */
export function groupName(
  dimension: UseDimension | "risk_tier" | "segment" | "register",
  group: string,
): string {
  if (dimension === "tier" || dimension === "risk_tier") return TIER_NAMES[group] ?? group;
  if (dimension === "segment") return SEGMENTS.find((s) => s.id === group)?.label ?? group;
  if (dimension === "register") return REGISTER_NAMES[group as keyof typeof REGISTER_NAMES] ?? group;
  if (dimension === "imd_quintile") return IMD_NAMES[group] ?? group;
  return group;
}
