// The people the fair-share models learn from and are applied to: everyone registered at an
// index date, with what was known about them then (age, sex, deprivation, the registers at
// that date by the build's own rules, multimorbidity), their practice, PCN and ethnic group
// (for validation only: ethnicity is never a predictor), last year's cost and the cost of the
// year that followed (both from person_cost, over the points of delivery the data covers).
import type { PersonTable } from "@bevan/allocation";
import { REGISTER_CODES } from "@bevan/domain";
import type { Dialect, Warehouse } from "@bevan/engine";
import { MULTIMORBIDITY_REGISTERS, registersAt } from "@bevan/risk";

export const ETHNIC_GROUPS = ["Asian", "Black", "Mixed", "White", "Other", "Unknown"] as const;

export interface AllocationDataset {
  readonly indexDate: string;
  readonly table: PersonTable;
  readonly personIds: BigInt64Array;
  /** Cost in the year after the index date (zeros when that year is not asked for). */
  readonly outcome: Float64Array;
  /** Indices into the dictionaries below. */
  readonly practice: Int32Array;
  readonly pcn: Int32Array;
  readonly ethnicity: Int32Array;
}

export interface Dictionaries {
  readonly practices: readonly string[];
  readonly pcns: readonly string[];
}

export async function orgDictionaries(wh: Warehouse): Promise<Dictionaries> {
  const rows = await wh.all<{ org_code: string; org_type: string }>(
    "SELECT org_code, org_type FROM organisation WHERE org_type IN ('practice', 'pcn') ORDER BY org_code",
  );
  return {
    practices: rows.filter((r) => r.org_type === "practice").map((r) => r.org_code),
    pcns: rows.filter((r) => r.org_type === "pcn").map((r) => r.org_code),
  };
}

const list = (d: Dialect, xs: readonly string[]) =>
  xs.length === 0 ? "NULL" : xs.map((x) => d.stringLiteral(x)).join(", ");

function indexOf(d: Dialect, col: string, values: readonly string[]): string {
  if (values.length === 0) return "-1";
  return `CASE ${values.map((v, i) => `WHEN ${col} = ${d.stringLiteral(v)} THEN ${i}`).join(" ")} ELSE -1 END`;
}

export async function readAllocationDataset(
  wh: Warehouse,
  indexDate: string,
  years: { readonly outcome: number | null; readonly prior: number | null },
  pods: { readonly outcome: readonly string[]; readonly prior: readonly string[] },
  dict: Dictionaries,
): Promise<AllocationDataset> {
  const d = wh.dialect;
  await registersAt(wh, indexDate);
  try {
    const regs = REGISTER_CODES.map(
      (r) => `max(CASE WHEN register = ${d.stringLiteral(r)} THEN 1 ELSE 0 END) AS r_${r.toLowerCase()}`,
    ).join(", ");
    const cost = (year: number | null, p: readonly string[]) =>
      year === null
        ? "(SELECT CAST(NULL AS BIGINT) AS person_id, 0.0 AS cost) AS"
        : `(SELECT person_id, sum(cost) AS cost FROM person_cost WHERE year = ${year} AND point_of_delivery IN (${list(d, p)}) GROUP BY person_id) AS`;
    const sql = `SELECT b.person_id, CAST(b.age AS DOUBLE) AS age,
        CASE WHEN p.sex = 'F' THEN 1.0 ELSE 0.0 END AS female,
        CAST(coalesce(l.imd_quintile, 0) AS DOUBLE) AS imd_quintile,
        ${REGISTER_CODES.map((r) => `CAST(coalesce(rg.r_${r.toLowerCase()}, 0) AS DOUBLE) AS r_${r.toLowerCase()}`).join(", ")},
        CAST(coalesce(rg.multimorbidity, 0) AS DOUBLE) AS multimorbidity,
        CAST(${indexOf(d, "p.practice_code", dict.practices)} AS DOUBLE) AS practice,
        CAST(${indexOf(d, "pa.pcn_code", dict.pcns)} AS DOUBLE) AS pcn,
        CAST(${indexOf(d, "pa.ethnicity_group", ETHNIC_GROUPS)} AS DOUBLE) AS ethnicity,
        CAST(coalesce(o.cost, 0) AS DOUBLE) AS outcome,
        CAST(coalesce(pr.cost, 0) AS DOUBLE) AS prior
      FROM _risk_base b
      JOIN person p ON p.person_id = b.person_id
      JOIN person_asof pa ON pa.person_id = b.person_id
      LEFT JOIN lsoa l ON l.lsoa_code = p.lsoa_code
      LEFT JOIN (SELECT person_id, ${regs},
          count(*) FILTER (WHERE register IN (${list(d, MULTIMORBIDITY_REGISTERS)})) AS multimorbidity
        FROM _risk_register GROUP BY person_id) AS rg ON rg.person_id = b.person_id
      LEFT JOIN ${cost(years.outcome, pods.outcome)} o ON o.person_id = b.person_id
      LEFT JOIN ${cost(years.prior, pods.prior)} pr ON pr.person_id = b.person_id
      WHERE b.registered
      ORDER BY b.person_id`;
    const r = await wh.numericColumns(sql);
    const num = (name: string): Float64Array => {
      const c = r.columns[name];
      if (!(c instanceof Float64Array)) throw new Error(`allocation dataset column ${name} is not numeric`);
      return c;
    };
    const ids = r.columns.person_id;
    const registers: Record<string, Float64Array> = {};
    for (const code of REGISTER_CODES) registers[code] = num(`r_${code.toLowerCase()}`);
    return {
      indexDate,
      personIds: ids instanceof BigInt64Array ? ids : new BigInt64Array(r.rows),
      table: {
        n: r.rows,
        age: num("age"),
        female: num("female"),
        imdQuintile: num("imd_quintile"),
        registers,
        multimorbidity: num("multimorbidity"),
        priorCost: num("prior"),
      },
      outcome: num("outcome"),
      practice: Int32Array.from(num("practice")),
      pcn: Int32Array.from(num("pcn")),
      ethnicity: Int32Array.from(num("ethnicity")),
    };
  } finally {
    await wh.exec("DROP TABLE IF EXISTS _risk_register; DROP TABLE IF EXISTS _risk_base");
  }
}
