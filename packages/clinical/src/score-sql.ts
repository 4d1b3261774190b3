// eFI, HFRS and Charlson as set-based SQL over the whole population, generated from the same
// rule data as the pure scores in ./scores (deficit count, polypharmacy threshold, band limits,
// HFRS points, Charlson prefixes, weights and hierarchy), so the rules are stated once. The
// unit tests hold the pure functions to the published maps; score-sql.test.ts holds this SQL
// to them. Portable SQL: dates and literals through the dialect. Reads `_person_base`.
import type { Dialect } from "@bevan/engine";
import type { EfiDeficitSource } from "./efi-codelists.ts";
import { CHARLSON_HIERARCHY } from "./scores/charlson.ts";
import { CHARLSON_QUAN } from "./scores/charlson-map.ts";
import {
  EFI_BAND_LIMITS,
  EFI_DEFICIT_COUNT,
  EFI_TOP_BAND,
  POLYPHARMACY_MIN_MEDICINES,
} from "./scores/efi.ts";
import { HFRS_BAND_LIMITS } from "./scores/hfrs.ts";
import { HFRS_POINTS } from "./scores/hfrs-points.ts";

/** Ages from which each score applies (registered people only). */
export const SCORE_MIN_AGE = { efi: 65, hfrs: 75, charlson: 18 } as const;

const dbl = (n: number) => `CAST(${n} AS DOUBLE)`;

/** eFI band of a DOUBLE expression (NULL stays NULL). */
export function efiBandSql(d: Dialect, efi: string): string {
  const bands = EFI_BAND_LIMITS.map(
    ([band, upTo]) => `WHEN ${efi} <= ${dbl(upTo)} THEN ${d.stringLiteral(band)}`,
  );
  return `CASE WHEN ${efi} IS NULL THEN NULL ${bands.join(" ")} ELSE ${d.stringLiteral(EFI_TOP_BAND)} END`;
}

/** HFRS band of a DOUBLE expression (NULL stays NULL). */
export function hfrsBandSql(d: Dialect, hfrs: string): string {
  const { lowBelow, intermediateUpTo } = HFRS_BAND_LIMITS;
  return `CASE WHEN ${hfrs} IS NULL THEN NULL WHEN ${hfrs} < ${dbl(lowBelow)} THEN ${d.stringLiteral("low")}
    WHEN ${hfrs} <= ${dbl(intermediateUpTo)} THEN ${d.stringLiteral("intermediate")} ELSE ${d.stringLiteral("high")} END`;
}

/**
 * person_id, efi: registered people aged 65+. Coded deficits ever recorded (distinct deficit
 * numbers of the efi-* code sets) plus polypharmacy (distinct medicines issued in 12 months),
 * over the 36 deficits.
 */
export function efiSql(d: Dialect, asOf: string, sources: readonly EfiDeficitSource[]): string {
  const a = d.dateLiteral(asOf);
  const deficits = sources.map((s) => `(${d.stringLiteral(s.id)}, ${s.deficit})`).join(", ");
  const eligible = `SELECT person_id FROM _person_base WHERE registered AND age >= ${SCORE_MIN_AGE.efi}`;
  return `SELECT b.person_id,
      CAST(coalesce(df.n, 0) + CASE WHEN coalesce(md.n, 0) >= ${POLYPHARMACY_MIN_MEDICINES} THEN 1 ELSE 0 END AS DOUBLE) / ${EFI_DEFICIT_COUNT} AS efi
    FROM (${eligible}) AS b
    LEFT JOIN (SELECT e.person_id, count(DISTINCT x.deficit) AS n FROM gp_event AS e
        JOIN codelist_code AS cc ON cc.code = e.code
        JOIN (VALUES ${deficits}) AS x(codelist_id, deficit) ON x.codelist_id = cc.codelist_id
        WHERE e.coding_system = 'snomedct' AND e.event_date <= ${a} AND e.person_id IN (${eligible})
        GROUP BY e.person_id) AS df ON df.person_id = b.person_id
    LEFT JOIN (SELECT m.person_id, count(DISTINCT m.code) AS n FROM medication_issue AS m
        WHERE m.issue_date <= ${a} AND m.issue_date > ${d.addMonths(a, -12)} AND m.person_id IN (${eligible})
        GROUP BY m.person_id) AS md ON md.person_id = b.person_id`;
}

/**
 * person_id, hfrs: people with a hospital diagnosis in the 2 years to the as-of date. The sum
 * of the points of the distinct three-character codes, rounded to one decimal (points have one).
 */
export function hfrsSql(d: Dialect, asOf: string): string {
  const a = d.dateLiteral(asOf);
  const points = [...HFRS_POINTS]
    .map(([code, p]) => `(${d.stringLiteral(code)}, ${p.toFixed(1)})`)
    .join(", ");
  return `SELECT c.person_id, floor(CAST(sum(h.points) AS DOUBLE) * 10 + 0.5) / 10 AS hfrs FROM (
        SELECT DISTINCT x.person_id, substr(x.code, 1, 3) AS code3 FROM hospital_diagnosis AS x
        JOIN hospital_spell AS s ON s.spell_id = x.spell_id
        WHERE s.admission_date <= ${a} AND s.admission_date > ${d.addMonths(a, -24)}) AS c
      JOIN (VALUES ${points}) AS h(code3, points) ON h.code3 = c.code3
      GROUP BY c.person_id`;
}

/**
 * person_id, charlson: people with a hospital diagnosis up to the as-of date. The Quan 2011
 * weights of the domains their codes start with, less the milder domain's weight where the
 * hierarchy lets a severe form replace it.
 */
export function charlsonSql(d: Dialect, asOf: string): string {
  const a = d.dateLiteral(asOf);
  if (CHARLSON_QUAN.some((dm) => dm.prefixes.some((p) => p.length !== 3 && p.length !== 4)))
    throw new Error("Charlson prefixes must be 3 or 4 characters long");
  // One equi-join per prefix length keeps each a hash join.
  const byLength = (n: number) =>
    CHARLSON_QUAN.flatMap((dm) =>
      dm.prefixes
        .filter((p) => p.length === n)
        .map((p) => `(${d.stringLiteral(dm.domain)}, ${d.stringLiteral(p)}, ${dm.weight})`),
    ).join(", ");
  const domains = (n: number) => `SELECT x.person_id, m.domain, m.weight FROM hospital_diagnosis AS x
      JOIN hospital_spell AS s ON s.spell_id = x.spell_id
      JOIN (VALUES ${byLength(n)}) AS m(domain, prefix, weight) ON substr(x.code, 1, ${n}) = m.prefix
      WHERE s.admission_date <= ${a}`;
  const weight = new Map(CHARLSON_QUAN.map((dm) => [dm.domain, dm.weight]));
  const has = (domain: string) => `max(CASE WHEN domain = ${d.stringLiteral(domain)} THEN 1 ELSE 0 END) = 1`;
  const replaced = CHARLSON_HIERARCHY.map(
    ([severe, mild]) =>
      ` - CASE WHEN ${has(severe)} AND ${has(mild)} THEN ${weight.get(mild) ?? 0} ELSE 0 END`,
  ).join("");
  return `SELECT person_id, CAST(sum(weight)${replaced} AS INTEGER) AS charlson FROM (
      SELECT DISTINCT person_id, domain, weight FROM (${domains(3)} UNION ALL ${domains(4)}) AS u) AS pd
    GROUP BY person_id`;
}
