// Measures a built warehouse the way the published figures are defined: yearly rates over the
// person-years of registered people in the 12 months to the as-of date (by age at mid-year),
// register prevalence and frailty at the as-of date, the year's diabetes care processes, and
// the learning-disability comparisons. Portable SQL; dates go through the dialect.
import { REGISTER_RULES } from "@bevan/clinical";
import { IMAGING_TESTS, type RegisterCode } from "@bevan/domain";
import type { Engine } from "@bevan/engine";
import { chiSquaredTest, twoProportionZTest } from "@bevan/methods";
import { FERTILITY_PER_1000, hesEmergencyAdmissionRates, onsDeathRates } from "@bevan/synth";

/** A measured figure and what its sampling error would be at this population's size. */
export interface Observation {
  readonly value: number | null;
  /** The denominator: person-years, people, or events compared. */
  readonly n: number;
  /** Standard error of the figure if its true value were t (proportions and rates). */
  readonly se?: (t: number) => number;
  /** Standard error of log(value), for ratios. */
  readonly logSe?: number;
  /** A target worked out from the data (ONS death rates on this population's age and sex). */
  readonly target?: number;
  readonly test?: { readonly name: string; readonly p: number };
  readonly note?: string;
}

/** Long-term-condition registers counted for multimorbidity (not learning disability, palliative care or NDH). */
const NOT_LONG_TERM = ["LD", "PC", "NDH"];

const rateSe = (n: number, per: number) => (t: number) =>
  per * Math.sqrt(Math.max(t / per, 0) / Math.max(n, 1e-9));
const propSe = (n: number) => (t: number) => Math.sqrt(Math.max(t * (1 - t), 0) / Math.max(n, 1));

export class Measurer {
  private readonly wh: Engine;
  readonly asOf: string;

  private constructor(wh: Engine, asOf: string) {
    this.wh = wh;
    this.asOf = asOf;
  }

  /** Prepares `_rz_py`: each person's exposure (years) in the 12 months to the as-of date, age and sex. */
  static async open(wh: Engine, asOf: string): Promise<Measurer> {
    const d = wh.dialect;
    const e = d.dateLiteral(asOf);
    const s = d.addMonths(e, -12);
    const mid = d.addMonths(e, -6);
    const died = "coalesce(dx.death_date, p.death_date)";
    await wh.createWorkTable(
      "_rz_py",
      `      SELECT p.person_id, p.sex,
        CAST(floor(${d.daysBetween("p.birth_month", mid)} / 365.25) AS INTEGER) AS age,
        greatest(0, ${d.daysBetween(`greatest(${s}, p.registration_start, p.birth_month)`, `least(${e}, coalesce(p.registration_end, ${e}), coalesce(${died}, ${e}))`)}) / 365.25 AS py,
        CASE WHEN ${died} > ${s} AND ${died} <= ${e} THEN 1 ELSE 0 END AS died
      FROM person AS p LEFT JOIN death AS dx ON dx.person_id = p.person_id`,
    );
    return new Measurer(wh, asOf);
  }

  async close(): Promise<void> {
    await this.wh.dropTable("_rz_py");
  }

  private window(col: string): string {
    const d = this.wh.dialect;
    const e = d.dateLiteral(this.asOf);
    return `${col} > ${d.addMonths(e, -12)} AND ${col} <= ${e}`;
  }

  /** Deaths per 1,000 person-years, and the ONS rates applied to the same age and sex person-years. */
  async deathRate([lo, hi]: readonly [number, number]): Promise<Observation> {
    const rows = await this.wh.all<{ sex: string; age: number; py: number; deaths: number }>(
      `SELECT sex, age, sum(py) AS py, CAST(sum(died) AS DOUBLE) AS deaths FROM _rz_py
        WHERE age BETWEEN ${lo} AND ${hi} AND (py > 0 OR died = 1) GROUP BY sex, age`,
    );
    const rates = onsDeathRates().rates;
    let py = 0;
    let deaths = 0;
    let expected = 0;
    for (const r of rows) {
      py += r.py;
      deaths += r.deaths;
      const band = rates.find((b) => b.sex === r.sex && r.age >= b.from && r.age <= b.to);
      expected += (r.py * (band?.per1000 ?? 0)) / 1000;
    }
    if (py === 0) return { value: null, n: 0 };
    return { value: (1000 * deaths) / py, n: py, se: rateSe(py, 1000), target: (1000 * expected) / py };
  }

  private async perPersonYear(events: string, where = "TRUE"): Promise<Observation> {
    const r = await this.wh.one<{ py: number | null; events: number | null }>(
      `SELECT (SELECT sum(py) FROM _rz_py WHERE ${where}) AS py,
        (SELECT CAST(count(*) AS DOUBLE) FROM (${events}) AS x JOIN _rz_py AS z ON z.person_id = x.person_id WHERE ${where}) AS events`,
    );
    const py = r.py ?? 0;
    if (py === 0) return { value: null, n: 0 };
    return { value: (1000 * (r.events ?? 0)) / py, n: py, se: rateSe(py, 1000) };
  }

  /** Emergency admissions per 1,000 person-years, and HES's rates by age applied to the same person-years. */
  async emergencyAdmissions([lo, hi]: readonly [number, number]): Promise<Observation> {
    const o = await this.perPersonYear(
      `SELECT person_id FROM hospital_spell WHERE admission_method = 'emergency' AND ${this.window("admission_date")}`,
      `age BETWEEN ${lo} AND ${hi}`,
    );
    const rows = await this.wh.all<{ age: number; py: number }>(
      `SELECT age, sum(py) AS py FROM _rz_py WHERE age BETWEEN ${lo} AND ${hi} GROUP BY age`,
    );
    const rates = hesEmergencyAdmissionRates().rates;
    let py = 0;
    let expected = 0;
    for (const r of rows) {
      py += r.py;
      expected += (r.py * (rates.find((b) => r.age >= b.from && r.age <= b.to)?.per1000 ?? 0)) / 1000;
    }
    return py > 0 ? { ...o, target: (1000 * expected) / py } : o;
  }

  aeAttendances(): Promise<Observation> {
    return this.perPersonYear(`SELECT person_id FROM ae_attendance WHERE ${this.window("arrival_date")}`);
  }

  /** Births (maternity spells) per 1,000 women aged 15–44, and ONS fertility by age on the same women. */
  async births(): Promise<Observation> {
    const where = "sex = 'F' AND age BETWEEN 15 AND 44";
    const o = await this.perPersonYear(
      `SELECT person_id FROM hospital_spell WHERE admission_method = 'maternity' AND ${this.window("admission_date")}`,
      where,
    );
    const rows = await this.wh.all<{ age: number; py: number }>(
      `SELECT age, sum(py) AS py FROM _rz_py WHERE ${where} GROUP BY age`,
    );
    let py = 0;
    let expected = 0;
    for (const r of rows) {
      py += r.py;
      expected +=
        (r.py * (FERTILITY_PER_1000.find(([lo, hi]) => r.age >= lo && r.age <= hi)?.[2] ?? 0)) / 1000;
    }
    return py > 0 ? { ...o, target: (1000 * expected) / py } : o;
  }

  imaging(modality: string): Promise<Observation> {
    return this.perPersonYear(
      `SELECT person_id FROM imaging_request WHERE modality = ${this.wh.dialect.stringLiteral(modality)} AND ${this.window("request_date")}`,
    );
  }

  async register(code: RegisterCode): Promise<Observation> {
    const minAge = REGISTER_RULES.find((r) => r.register === code)?.minAge ?? 0;
    const r = await this.wh.one<{ n: bigint; k: bigint }>(
      `SELECT count(*) AS n, count(r.person_id) AS k FROM person_asof AS p
        LEFT JOIN register AS r ON r.person_id = p.person_id AND r.register = '${code}'
        WHERE p.registered AND p.age >= ${minAge}`,
    );
    return proportion(Number(r.k), Number(r.n));
  }

  async efiBand(band: string): Promise<Observation> {
    const r = await this.wh.one<{ n: bigint; k: bigint }>(
      `SELECT count(*) AS n, count(*) FILTER (WHERE c.efi_band = '${band}') AS k
        FROM person_asof AS p JOIN person_clinical AS c ON c.person_id = p.person_id
        WHERE p.registered AND p.age >= 65 AND c.efi_band IS NOT NULL`,
    );
    return proportion(Number(r.k), Number(r.n));
  }

  private diabetesRows(): string {
    return `SELECT c.*, p.practice_code FROM diabetes_care AS c
      JOIN person_asof AS p ON p.person_id = c.person_id
      JOIN register AS r ON r.person_id = c.person_id AND r.register = 'DM'
      WHERE p.registered AND coalesce(r.subtype, 'type2') <> 'type1'`;
  }

  async diabetesProcess(process: "all8" | "urine_albumin" | "foot_surveillance"): Promise<Observation> {
    const cond = process === "all8" ? "processes_8 = 8" : `coalesce(${process}, FALSE)`;
    const r = await this.wh.one<{ n: bigint; k: bigint }>(
      `SELECT count(*) AS n, count(*) FILTER (WHERE ${cond}) AS k FROM (${this.diabetesRows()}) AS x`,
    );
    return proportion(Number(r.k), Number(r.n));
  }

  private async practiceAll8(): Promise<{ n: number; k: number }[]> {
    const rows = await this.wh.all<{ n: bigint; k: bigint }>(
      `SELECT count(*) AS n, count(*) FILTER (WHERE processes_8 = 8) AS k FROM (${this.diabetesRows()}) AS x
        GROUP BY practice_code ORDER BY practice_code`,
    );
    return rows.map((r) => ({ n: Number(r.n), k: Number(r.k) }));
  }

  /** Practices with 20 or more people with type 2 diabetes where none or all had the eight. */
  async diabetesExtremePractices(): Promise<Observation> {
    const rows = (await this.practiceAll8()).filter((r) => r.n >= 20);
    const extreme = rows.filter((r) => r.k === 0 || r.k === r.n).length;
    return { value: extreme, n: rows.length, note: `of ${rows.length} practices with 20 or more` };
  }

  /** Pearson's chi-squared test of practice × all eight: the statistic per degree of freedom. */
  async diabetesPracticeVariation(): Promise<Observation> {
    const rows = (await this.practiceAll8()).filter((r) => r.n > 0);
    if (rows.length < 2) return { value: null, n: rows.length };
    const table = rows.map((r) => [r.k, r.n - r.k]);
    // A practice where everyone (or no one) had all eight leaves a column; the test needs both.
    if (table.every((r) => r[0] === 0) || table.every((r) => r[1] === 0))
      return { value: null, n: rows.length };
    const t = chiSquaredTest(table);
    const df = t.degreesOfFreedom ?? rows.length - 1;
    return {
      value: t.statistic / df,
      n: rows.length,
      test: { name: "Pearson's chi-squared test of independence (practice × all eight)", p: t.pValue },
    };
  }

  /** People with a learning disability against everyone else registered: a share and its ratio. */
  async ldRatio(measure: "highRisk" | "fivePlus" | "mostDeprived"): Promise<Observation> {
    const ltc = `(SELECT person_id, count(*) AS n FROM register WHERE register NOT IN (${NOT_LONG_TERM.map((r) => `'${r}'`).join(", ")}) GROUP BY person_id)`;
    const flag = {
      highRisk: "rk.risk_tier IN ('high', 'very_high')",
      fivePlus: "coalesce(m.n, 0) >= 5",
      mostDeprived: "p.imd_quintile = 1",
    }[measure];
    if (measure === "highRisk" && !(await this.wh.tableExists("person_risk")))
      return { value: null, n: 0, note: "no risk scores: build without --no-risk" };
    const r = await this.wh.one<{ n1: bigint; k1: bigint; n0: bigint; k0: bigint; scored: bigint }>(
      `SELECT count(*) FILTER (WHERE p.learning_disability) AS n1,
          count(*) FILTER (WHERE p.learning_disability AND ${flag}) AS k1,
          count(*) FILTER (WHERE NOT p.learning_disability) AS n0,
          count(*) FILTER (WHERE NOT p.learning_disability AND ${flag}) AS k0,
          count(rk.person_id) AS scored
        FROM person_asof AS p
        LEFT JOIN ${ltc} AS m ON m.person_id = p.person_id
        ${measure === "highRisk" ? "LEFT JOIN person_risk AS rk ON rk.person_id = p.person_id" : "LEFT JOIN (SELECT NULL AS person_id) AS rk ON FALSE"}
        WHERE p.registered ${measure === "mostDeprived" ? "AND p.imd_quintile IS NOT NULL" : ""}`,
    );
    const [n1, k1, n0, k0] = [r.n1, r.k1, r.n0, r.k0].map(Number) as [number, number, number, number];
    if (measure === "highRisk" && Number(r.scored) === 0)
      return { value: null, n: 0, note: "no risk scores: build without --no-risk" };
    if (n1 === 0 || n0 === 0 || k0 === 0) return { value: null, n: n1 };
    const ratio = k1 / n1 / (k0 / n0);
    // With no events among people with a learning disability the log ratio has no standard error.
    const logSe = k1 > 0 ? Math.sqrt(1 / k1 - 1 / n1 + 1 / k0 - 1 / n0) : Number.POSITIVE_INFINITY;
    const z = twoProportionZTest({ numerator: k1, denominator: n1 }, { numerator: k0, denominator: n0 });
    return {
      value: ratio,
      n: n1,
      logSe,
      // One-sided: higher among people with a learning disability.
      test: { name: "two-proportion z-test, one-sided", p: ratio > 1 ? z.pValue / 2 : 1 - z.pValue / 2 },
      note: `${k1} of ${n1} with a learning disability, ${k0} of ${n0} others`,
    };
  }

  async ldPrevalence(code: RegisterCode, minAge: number): Promise<Observation> {
    const r = await this.wh.one<{ n: bigint; k: bigint }>(
      `SELECT count(*) AS n, count(r.person_id) AS k FROM person_asof AS p
        LEFT JOIN register AS r ON r.person_id = p.person_id AND r.register = '${code}'
        WHERE p.registered AND p.learning_disability AND p.age >= ${minAge}`,
    );
    return proportion(Number(r.k), Number(r.n));
  }

  /**
   * Each trust's imaging waiting list at the as-of date, as DM01 counts it (the five DM01 tests,
   * not plain film; planned surveillance tests excluded): the share waiting six weeks or more.
   */
  async diagnosticWait(extreme: "highest" | "lowest"): Promise<Observation> {
    const d = this.wh.dialect;
    const e = d.dateLiteral(this.asOf);
    const dm01 = IMAGING_TESTS.filter((t) => t.dm01)
      .map((t) => d.stringLiteral(t.code))
      .join(", ");
    const rows = await this.wh.all<{ trust: string; n: bigint; k: bigint }>(
      `SELECT trust_code AS trust, count(*) AS n,
          count(*) FILTER (WHERE ${d.daysBetween("request_date", e)} >= 42) AS k
        FROM imaging_request WHERE request_date <= ${e} AND (test_date IS NULL OR test_date > ${e})
          AND test IN (${dm01}) AND priority <> 'planned'
        GROUP BY trust_code HAVING count(*) >= 20 ORDER BY trust_code`,
    );
    if (rows.length === 0) return { value: null, n: 0, note: "no trust with 20 or more waiting" };
    const shares = rows.map((r) => ({ trust: r.trust, n: Number(r.n), p: Number(r.k) / Number(r.n) }));
    const pick = shares.reduce((a, b) => ((extreme === "highest" ? b.p > a.p : b.p < a.p) ? b : a));
    return {
      value: pick.p,
      n: pick.n,
      se: propSe(pick.n),
      note: `trust ${pick.trust}, ${pick.n} waiting; ${shares.length} trusts with 20 or more waiting`,
    };
  }
}

function proportion(k: number, n: number): Observation {
  if (n === 0) return { value: null, n: 0 };
  return { value: k / n, n, se: propSe(n), note: `${k} of ${n}` };
}
