// Property test: for random recorded features (missing values, implausible values, every sex,
// ethnicity and smoking code, NULL yes/no inputs), the generated SQL on DuckDB and the
// TypeScript path (qrisk3FromRecord → qrisk3, qdiabetesFromRecord → qdiabetes, both tested
// against ClinRisk's vectors) score the same people with the same imputed inputs and model,
// and risks equal to a relative 1e-12 (the engines' ln, exp and power differ in the last bits).
// 10 batches of 300 people; the seed is fixed so failures reproduce and shrink.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { duckdb, Warehouse } from "@bevan/engine";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { riskScoresSql } from "../src/risk-scores-sql.ts";
import { qdiabetes } from "../src/scores/qdiabetes.ts";
import { qrisk3 } from "../src/scores/qrisk3.ts";
import { qdiabetesFromRecord, qrisk3FromRecord, type RecordedFeatures } from "../src/scores/risk-inputs.ts";

let dir: string;
let wh: Warehouse;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "bevan-risk-prop-"));
  wh = await Warehouse.open(join(dir, "p.duckdb"));
});
afterAll(() => {
  wh.close();
  rmSync(dir, { recursive: true, force: true });
});

const FLAGS = [
  "af",
  "ckd",
  "smi",
  "ra",
  "ld",
  "cvd",
  "hypertension",
  "sle",
  "gdm",
  "pcos",
  "antipsychotics",
  "corticosteroids",
  "antihypertensives",
  "statins",
] as const;
const flag = fc.option(fc.boolean(), { freq: 4 });
const measure = (min: number, max: number) => fc.option(fc.double({ min, max, noNaN: true }), { freq: 5 });
const personArb = fc.record({
  age: fc.integer({ min: 25, max: 84 }),
  sex: fc.constantFrom("F", "M", "U"),
  ethnicityCode: fc.option(fc.constantFrom("A", "b", "H", "J", "K", "L", "M", "N", "R", "S", "Z"), {
    freq: 6,
  }),
  flags: fc.tuple(...FLAGS.map(() => flag)),
  diabetes: fc.constantFrom(null, null, null, "type1", "type2"),
  smoking: fc.constantFrom(null, "current", "ex", "never"),
  bmi: measure(5, 90),
  sbp: measure(50, 250),
  sbpSd: measure(0, 60),
  cholRatio: measure(0.5, 14),
  hba1c: measure(10, 60),
  townsend: measure(-12, 16),
});
type Person = typeof personArb extends fc.Arbitrary<infer T> ? T : never;

function recorded(p: Person): RecordedFeatures {
  const f = Object.fromEntries(FLAGS.map((k, i) => [k, p.flags[i] === true])) as Record<
    (typeof FLAGS)[number],
    boolean
  >;
  return { ...p, ...f, ethnicityCode: p.ethnicityCode };
}

const sqlOf = (v: string | number | boolean | null) =>
  v === null
    ? "NULL"
    : typeof v === "number"
      ? duckdb.doubleLiteral(v)
      : typeof v === "boolean"
        ? String(v).toUpperCase()
        : duckdb.stringLiteral(v);

function featuresSql(people: readonly Person[]): string {
  const types = `person_id INTEGER, age INTEGER, sex VARCHAR, ethnicity_code VARCHAR, ${FLAGS.map((f) => `${f} BOOLEAN`).join(", ")}, diabetes VARCHAR, smoking VARCHAR, bmi DOUBLE, sbp DOUBLE, sbp_sd DOUBLE, chol_ratio DOUBLE, hba1c DOUBLE, townsend DOUBLE`;
  const rows = people.map((p, i) =>
    [
      i,
      p.age,
      p.sex,
      p.ethnicityCode,
      ...p.flags,
      p.diabetes,
      p.smoking,
      p.bmi,
      p.sbp,
      p.sbpSd,
      p.cholRatio,
      p.hba1c,
      p.townsend,
    ]
      .map((v) => sqlOf(v as string | number | boolean | null))
      .join(", "),
  );
  const names = types.split(", ").map((t) => t.split(" ")[0]);
  const casts = types
    .split(", ")
    .map((t) => {
      const [n, ty] = t.split(" ");
      return `CAST(${n} AS ${ty}) AS ${n}`;
    })
    .join(", ");
  return `SELECT ${casts} FROM (VALUES (${rows.join("), (")})) AS v(${names.join(", ")})`;
}

const close = (a: number | null, b: number | null) =>
  a === null || b === null ? a === b : Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));

it("the generated SQL and the TypeScript score 3,000 random people alike", async () => {
  let qScored = 0;
  let dScored = 0;
  let modelC = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(personArb, { minLength: 300, maxLength: 300 }), async (people) => {
      const rows = await wh.all<{
        person_id: number;
        q: number | null;
        qi: string | null;
        d: number | null;
        dm: string | null;
      }>(
        `SELECT person_id, qrisk3_10y_percent AS q, qrisk3_imputed AS qi, qdiabetes_10y_percent AS d, qdiabetes_model AS dm
        FROM (${riskScoresSql(duckdb, featuresSql(people))}) AS r ORDER BY person_id`,
      );
      expect(rows).toHaveLength(people.length);
      for (const r of rows) {
        const f = recorded(people[r.person_id] as Person);
        const q = qrisk3FromRecord(f);
        const d = qdiabetesFromRecord(f);
        const ts = {
          q: q ? qrisk3(q.input).value : null,
          qi: q ? q.imputed.join(",") : null,
          d: d ? qdiabetes(d.model, d.input).value : null,
          dm: d ? d.model : null,
        };
        const ok = close(r.q, ts.q) && r.qi === ts.qi && close(r.d, ts.d) && r.dm === ts.dm;
        if (!ok)
          expect({ person: people[r.person_id], sql: r }).toEqual({ person: people[r.person_id], sql: ts });
        if (ts.q !== null) qScored++;
        if (ts.d !== null) dScored++;
        if (ts.dm === "C") modelC++;
      }
    }),
    { seed: 20261123, numRuns: 10 },
  );
  // The generator reaches every branch: scored and not, both QDiabetes models.
  expect(qScored).toBeGreaterThan(500);
  expect(dScored).toBeGreaterThan(500);
  expect(modelC).toBeGreaterThan(100);
});
