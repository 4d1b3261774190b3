// Compiled outputs built on a compiled cohort: breakdowns (one query, every dimension) and
// a monthly timeline (one query, one compiled cohort per month end). Pure, like compile.ts.

import { sketchBucketSql } from "../disclosure/sketch.ts";
import { type CompiledQuery, type CompileOptions, compileCohort, type SqlParam } from "./compile.ts";
import { addMonthsIso, monthEndIso } from "./dates.ts";
import type { CohortDefinition } from "./ir.ts";

export const BREAKDOWNS = {
  practice: "practice_code",
  pcn: "pcn_code",
  place: "place_code",
  imd_quintile: "CAST(imd_quintile AS VARCHAR)",
  age_band:
    "CASE WHEN age >= 90 THEN '90+' ELSE CAST(age - age % 5 AS VARCHAR) || '-' || CAST(age - age % 5 + 4 AS VARCHAR) END",
  sex: "sex",
  ethnicity: "ethnicity_group",
} as const;

export type BreakdownDimension = keyof typeof BREAKDOWNS;
export const BREAKDOWN_DIMENSIONS = Object.keys(BREAKDOWNS) as BreakdownDimension[];

/**
 * Rows (dimension, value, n, k): dimension 'total' carries the count; value null = not known;
 * k is the cell's key sum (docs/disclosure-control.md). With `sketch`, rows of dimension
 * 'sketch' give the people per record-key bucket (the tracker check's set sketch).
 */
export function compileBreakdowns(
  cohort: CompiledQuery,
  dimensions: readonly BreakdownDimension[] = BREAKDOWN_DIMENSIONS,
  options: { sketch?: boolean } = {},
): CompiledQuery {
  const cell = "count(*) AS n, sum(record_key) AS k";
  const parts = [
    `SELECT 'total' AS dimension, CAST(NULL AS VARCHAR) AS value, ${cell} FROM c`,
    ...dimensions.map(
      (d) =>
        `SELECT '${d}' AS dimension, ${BREAKDOWNS[d]} AS value, ${cell} FROM c GROUP BY ${BREAKDOWNS[d]}`,
    ),
    ...(options.sketch
      ? [
          `SELECT 'sketch' AS dimension, CAST(${sketchBucketSql("record_key")} AS VARCHAR) AS value, ${cell} FROM c GROUP BY ${sketchBucketSql("record_key")}`,
        ]
      : []),
  ];
  return Object.freeze({
    dialect: cohort.dialect,
    sql: `WITH c AS (${cohort.sql})\n${parts.join("\nUNION ALL\n")}`,
    params: cohort.params,
  });
}

/** Month ends from the month of `from` to the month of `to`, inclusive. */
export function monthEnds(from: string, to: string): string[] {
  const out: string[] = [];
  let d = monthEndIso(`${from.slice(0, 7)}-01`);
  const last = monthEndIso(`${to.slice(0, 7)}-01`);
  while (d <= last && out.length < 240) {
    out.push(d);
    d = monthEndIso(addMonthsIso(`${d.slice(0, 7)}-01`, 1));
  }
  return out;
}

/**
 * Rows (as_of, n, k): the cohort's size and key sum at each date. With `sketch`, one row per
 * date and record-key bucket (bucket), which the caller sums per date.
 */
export function compileTimeline(
  def: CohortDefinition,
  dates: readonly string[],
  options: Omit<CompileOptions, "asOf"> & { sketch?: boolean },
): CompiledQuery {
  const { dialect } = options;
  const params: SqlParam[] = [];
  const parts = dates.map((date) => {
    const q = compileCohort(def, { ...options, asOf: date });
    params.push(...q.params);
    return options.sketch
      ? `SELECT ${dialect.dateLiteral(date)} AS as_of, ${sketchBucketSql("c.record_key")} AS bucket, count(*) AS n, sum(c.record_key) AS k FROM (${q.sql}) AS c GROUP BY ${sketchBucketSql("c.record_key")}`
      : `SELECT ${dialect.dateLiteral(date)} AS as_of, count(*) AS n, sum(c.record_key) AS k FROM (${q.sql}) AS c`;
  });
  return Object.freeze({
    dialect: dialect.name,
    sql: parts.join("\nUNION ALL\n"),
    params: Object.freeze(params),
  });
}
