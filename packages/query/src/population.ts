// Counts of people in the caller's scope, broken down by one dimension. Raw counts: the API
// passes them through the disclosure policy for the caller's role. Asked as aggregates, so a
// read-only warehouse answers a repeated question from memory.
import { REGISTER_RULES } from "@bevan/clinical";
import { REGISTER_CODES, REGISTER_NAMES, type RegisterCode } from "@bevan/domain";
import type { Cell } from "./disclosure/cell-key.ts";
import { cellSql, eventCellsSql, readCell, readEventCell } from "./disclosure/sql.ts";
import type { ScopedWarehouse } from "./scope.ts";

export const POPULATION_BREAKDOWNS = [
  "all",
  "practice",
  "pcn",
  "place",
  "age_band",
  "sex",
  "imd_quintile",
  "ethnicity_group",
] as const;
export type Breakdown = (typeof POPULATION_BREAKDOWNS)[number];

const COLUMN: Record<Breakdown, string> = {
  all: "'all'",
  practice: "p.practice_code",
  pcn: "p.pcn_code",
  place: "p.place_code",
  age_band: "p.age_band",
  sex: "p.sex",
  imd_quintile: "CAST(p.imd_quintile AS VARCHAR)",
  ethnicity_group: "p.ethnicity_group",
};

export interface GroupCount {
  readonly group: string;
  readonly count: number;
  /** The people counted as a disclosure cell (count and key). */
  readonly cell: Cell;
}

export interface PopulationSummary {
  readonly asOf: string;
  readonly breakdown: Breakdown;
  readonly registered: readonly GroupCount[];
}

export async function asOfDate(sw: ScopedWarehouse): Promise<string | null> {
  const rows = await sw.aggregate<{ value: string }>("SELECT value FROM build_info WHERE key = 'as_of'");
  return rows[0]?.value ?? null;
}

export async function population(sw: ScopedWarehouse, breakdown: Breakdown): Promise<PopulationSummary> {
  const col = COLUMN[breakdown];
  const rows = await sw.aggregate<{ grp: string | null; cell_n: bigint; cell_key: bigint | null }>(
    `SELECT ${col} AS grp, ${cellSql("p")} FROM scoped_person_asof p WHERE p.registered GROUP BY 1 ORDER BY 1`,
  );
  return {
    asOf: (await asOfDate(sw)) ?? "",
    breakdown,
    registered: rows.map((r) => {
      const cell = readCell(r);
      return { group: r.grp ?? "unknown", count: cell.n, cell };
    }),
  };
}

/** Register prevalence per group: people on the register ÷ registered people of the register's minimum age. */
export interface PrevalenceRow {
  readonly group: string;
  readonly numerator: Cell;
  readonly denominator: Cell;
}

export async function registerPrevalence(
  sw: ScopedWarehouse,
  register: string,
  minAge: number,
  breakdown: Breakdown,
): Promise<PrevalenceRow[]> {
  const col = COLUMN[breakdown];
  const rows = await sw.aggregate<Record<string, bigint | string | null>>(
    `SELECT ${col} AS grp, ${cellSql("p", "num", "r.person_id IS NOT NULL")}, ${cellSql("p", "den")}
     FROM scoped_person_asof p
     LEFT JOIN (SELECT DISTINCT person_id FROM scoped_register WHERE scoped_register.register = $register) r
       ON r.person_id = p.person_id
     WHERE p.registered AND p.age >= $minAge
     GROUP BY 1 ORDER BY 1`,
    { register, minAge },
  );
  return rows.map((r) => ({
    group: (r.grp as string | null) ?? "unknown",
    numerator: readCell(r, "num"),
    denominator: readCell(r, "den"),
  }));
}

/**
 * Emergency admissions in the 12 months to the as-of date, for people in scope: a cell of
 * admissions (n) over the distinct people admitted (people, key).
 */
export async function emergencyAdmissions12m(sw: ScopedWarehouse, asOf: string): Promise<Cell> {
  const d = sw.dialect;
  const a = d.dateLiteral(asOf);
  const [row] = await sw.aggregate(
    eventCellsSql(
      `SELECT s.person_id FROM scoped_hospital_spell s WHERE s.admission_method = 'emergency' AND s.admission_date > ${d.addMonths(a, -12)} AND s.admission_date <= ${a}`,
      [],
    ),
  );
  return row ? readEventCell(row) : { n: 0, key: 0, people: 0 };
}

/** The registers the build derives, with their minimum ages (the prevalence denominators). */
export function registerCatalogue(): { code: RegisterCode; name: string; minAge: number }[] {
  return REGISTER_CODES.map((code) => ({
    code,
    name: REGISTER_NAMES[code],
    minAge: REGISTER_RULES.find((r) => r.register === code)?.minAge ?? 0,
  }));
}
