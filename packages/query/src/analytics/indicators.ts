// The indicators the variation and inequality pages compare: every register's prevalence
// (register:CODE), three diabetes care-quality indicators and three population-health measures
// (high emergency-admission risk, five or more long-term conditions, living in the most deprived
// fifth) that seed 001 compares for people with a learning disability. Each is a proportion of
// people, written as a numerator flag over a denominator population of person_asof rows.

import type { Cell } from "../disclosure/cell-key.ts";
import { cellSql, readCell } from "../disclosure/sql.ts";
import { registerCatalogue } from "../population.ts";
import type { ScopedWarehouse } from "../scope.ts";

export interface Indicator {
  readonly id: string;
  readonly name: string;
  /** FROM/JOIN text after `scoped_person_asof p` that brings in what `numerator` reads. */
  readonly join: string;
  /** Extra condition on the denominator (registered people are always required). */
  readonly where: string;
  /** A boolean SQL expression: the person counts in the numerator. */
  readonly numerator: string;
  readonly params: Readonly<Record<string, string | number>>;
}

/** Care-quality indicators over the diabetes register (diabetes_care, built by `bevan build`). */
const DIABETES = [
  {
    id: "dm:care-processes",
    name: "Diabetes: all eight care processes in 12 months",
    numerator: "c.processes_8 = 8",
  },
  { id: "dm:hba1c-target", name: "Diabetes: latest HbA1c at most 58 mmol/mol", numerator: "c.hba1c_target" },
  {
    id: "dm:treatment-targets",
    name: "Diabetes: HbA1c, blood pressure and statin targets all met",
    numerator: "c.all_three_targets",
  },
] as const;

/**
 * Registers that are not long-term conditions for counting multimorbidity (as the realism
 * report counts them): learning disability, palliative care and non-diabetic hyperglycaemia.
 */
const NOT_LONG_TERM = ["LD", "PC", "NDH"];

/** Population-health measures over everyone registered (seed 001's learning-disability comparisons). */
const POPULATION = [
  {
    id: "risk:high",
    name: "High or very high risk of emergency admission (top 5%)",
    join: "LEFT JOIN (SELECT DISTINCT person_id FROM scoped_person_score WHERE score = 'admission_risk' AND band IN ('high', 'very_high')) hr ON hr.person_id = p.person_id",
    numerator: "hr.person_id IS NOT NULL",
  },
  {
    id: "multimorbidity:5-plus",
    name: "Five or more long-term conditions",
    join: `LEFT JOIN (SELECT lt.person_id, count(DISTINCT lt.register) AS n FROM scoped_register lt WHERE lt.register NOT IN (${NOT_LONG_TERM.map((r) => `'${r}'`).join(", ")}) GROUP BY lt.person_id) mm ON mm.person_id = p.person_id`,
    numerator: "coalesce(mm.n, 0) >= 5",
  },
  {
    id: "deprivation:most-deprived",
    name: "Living in the most deprived 20% of areas (IMD quintile 1)",
    join: "",
    numerator: "coalesce(p.imd_quintile = 1, FALSE)",
  },
] as const;

export class UnknownIndicatorError extends Error {
  constructor() {
    super(
      `unknown indicator: use register:CODE (e.g. register:HYP), ${[...DIABETES, ...POPULATION].map((d) => d.id).join(", ")}`,
    );
    this.name = "UnknownIndicatorError";
  }
}

export function indicatorCatalogue(): { id: string; name: string }[] {
  return [
    ...registerCatalogue().map((r) => ({ id: `register:${r.code}`, name: `${r.name} prevalence` })),
    ...DIABETES.map((d) => ({ id: d.id, name: d.name })),
    ...POPULATION.map((d) => ({ id: d.id, name: d.name })),
  ];
}

export function indicator(id: string): Indicator {
  if (id.startsWith("register:")) {
    const rule = registerCatalogue().find((r) => `register:${r.code}` === id);
    if (!rule) throw new UnknownIndicatorError();
    return {
      id,
      name: `${rule.name} prevalence`,
      join: "LEFT JOIN (SELECT DISTINCT person_id FROM scoped_register WHERE scoped_register.register = $register) r ON r.person_id = p.person_id",
      where: "p.age >= $minAge",
      numerator: "r.person_id IS NOT NULL",
      params: { register: rule.code, minAge: rule.minAge },
    };
  }
  const pop = POPULATION.find((d) => d.id === id);
  if (pop) return { id, name: pop.name, join: pop.join, where: "TRUE", numerator: pop.numerator, params: {} };
  const dm = DIABETES.find((d) => d.id === id);
  if (!dm) throw new UnknownIndicatorError();
  return {
    id,
    name: dm.name,
    join: "JOIN scoped_diabetes_care c ON c.person_id = p.person_id",
    where: "TRUE",
    numerator: dm.numerator,
    params: {},
  };
}

const GROUP_COLUMN = {
  imd_quintile: "CAST(p.imd_quintile AS VARCHAR)",
  ethnicity_group: "p.ethnicity_group",
  sex: "p.sex",
  age_band: "p.age_band",
  learning_disability: "CASE WHEN p.learning_disability THEN 'yes' ELSE 'no' END",
} as const;
export type IndicatorGrouping = keyof typeof GROUP_COLUMN | "practice" | "pcn";

export interface IndicatorCell {
  readonly practice: string;
  readonly pcn: string | null;
  /** The dimension's group ("all" without a dimension). */
  readonly group: string;
  readonly ageBand: string;
  readonly numerator: Cell;
  readonly denominator: Cell;
  /** People who opted out (counted apart, so planning sums can leave them out). */
  readonly opted: boolean;
}

/**
 * The indicator's numerator and denominator per practice, group and five-year age band: the
 * cells every variation and inequality view sums (per unit, per group, per band for
 * age standardisation).
 */
export async function indicatorCells(
  sw: ScopedWarehouse,
  ind: Indicator,
  by: Exclude<IndicatorGrouping, "practice" | "pcn"> | null,
): Promise<IndicatorCell[]> {
  const rows = await sw.all<Record<string, string | bigint | boolean | null>>(
    `SELECT p.practice_code AS practice, p.pcn_code AS pcn, ${by ? GROUP_COLUMN[by] : "'all'"} AS grp, p.age_band AS band,
            p.planning_opt_out AS opted, ${cellSql("p", "num", ind.numerator)}, ${cellSql("p", "den")}
     FROM scoped_person_asof p ${ind.join}
     WHERE p.registered AND ${ind.where}
     GROUP BY 1, 2, 3, 4, 5`,
    ind.params,
  );
  return rows.map((r) => ({
    practice: String(r.practice),
    pcn: r.pcn === null ? null : String(r.pcn),
    group: r.grp === null ? "unknown" : String(r.grp),
    ageBand: String(r.band),
    numerator: readCell(r, "num"),
    denominator: readCell(r, "den"),
    opted: r.opted === true,
  }));
}
