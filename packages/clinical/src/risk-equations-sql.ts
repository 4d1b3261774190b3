// QRISK3 and QDiabetes equations as set-based SQL, rendered from the compiled equations of
// ./scores (QRISK3_EQUATIONS, QDIABETES_EQUATIONS: the structure and coefficients the
// TypeScript evaluates), so there is one source for both. The linear predictor sums its terms
// in the TypeScript's order, so the SQL differs from it only where the engines' ln, exp and
// power do (the last digits). Portable SQL: constants through the dialect; ln, exp, power,
// least and greatest are spelled the same on DuckDB, Trino and PostgreSQL.
import type { Dialect } from "@bevan/engine";
import type { CompiledEquation, EquationVar } from "./scores/equation.ts";

/** What the generator needs of a dialect (the benchmark's PostgreSQL rendering supplies these too). */
export type EquationDialect = Pick<Dialect, "doubleLiteral" | "stringLiteral" | "columnType">;

/** One equation and the SQL condition under which a row uses it (e.g. its sex and model). */
export interface EquationCase {
  readonly when: string;
  readonly equation: CompiledEquation;
}

/** The SQL of a set of equation cases: variable columns to compute first, then the risk over them. */
export interface EquationSql {
  /** `expr AS name` select items, one per variable, reading the input columns. */
  readonly vars: readonly string[];
  /** The 10-year risk in percent, reading the variable columns; NULL when no case applies. */
  readonly risk: string;
}

/** camelCase input name → snake_case column name (the batch calculator's column names). */
export const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function varSql(d: EquationDialect, v: EquationVar, female: boolean, col: (input: string) => string): string {
  const num = (x: number) => d.doubleLiteral(x);
  const dbl = (e: string) => `CAST(${e} AS ${d.columnType("double")})`;
  switch (v.kind) {
    case "fp": {
      const x = v.clamp
        ? `least(${num(v.clamp[1])}, greatest(${num(v.clamp[0])}, ${dbl(col(v.input))}))`
        : dbl(col(v.input));
      const y = `(${x} / ${num(v.divisor)})`;
      const base = v.power === 0 ? `ln(${y})` : v.power === 1 ? y : `power(${y}, ${num(v.power)})`;
      return `${v.timesLog ? `${base} * ln(${y})` : base} - ${num(v.centre)}`;
    }
    case "linear":
      return `${dbl(col(v.input))} - ${num(v.centre)}`;
    case "flag": {
      if (v.femaleOnly && !female) return d.doubleLiteral(0);
      const test =
        v.equals === undefined
          ? col(v.input)
          : `${col(v.input)} = ${typeof v.equals === "number" ? String(v.equals) : d.stringLiteral(v.equals)}`;
      return `CASE WHEN ${test} THEN ${d.doubleLiteral(1)} ELSE ${d.doubleLiteral(0)} END`;
    }
  }
}

/** `CASE expr WHEN 0 THEN b0 WHEN 1 THEN b1 … ELSE 0 END` over a coefficient list. */
function lookup(d: EquationDialect, expr: string, betas: readonly number[]): string {
  const whens = betas.map((b, i) => `WHEN ${i} THEN ${d.doubleLiteral(b)}`).join(" ");
  return `CASE ${expr} ${whens} ELSE 0 END`;
}

/**
 * Renders equation cases reading input columns `col(input)` (e.g. `sex`, `cholesterol_hdl_ratio`;
 * `ethnicity` 1–9 and `smoking` 0–4 as integers, yes/no inputs as booleans). Variables are
 * named `${prefix}…`; inputs must be valid (the callers' rules impute or exclude the rest).
 */
export function equationSql(
  d: EquationDialect,
  cases: readonly EquationCase[],
  col: (input: string) => string,
  prefix: string,
): EquationSql {
  const alias = new Map<string, string>();
  const byVar = new Map<string, [string, string][]>();
  for (const c of cases) {
    for (const v of c.equation.vars) {
      // Named after the variable (`(smoke_cat==1)` → `_q_smoke_cat_1`), so the SQL reads like the model.
      if (!alias.has(v.name))
        alias.set(
          v.name,
          `${prefix}_${v.name
            .replace(/[^A-Za-z0-9]+/g, "_")
            .replace(/^_|_$/g, "")
            .toLowerCase()}`,
        );
      const whens = byVar.get(v.name) ?? [];
      whens.push([c.when, varSql(d, v, c.equation.sex === "female", col)]);
      byVar.set(v.name, whens);
    }
  }
  // A row reads a variable only under its own case, so one rendering shared by every case that
  // has the variable needs no CASE around it.
  const vars = [...byVar].map(([name, whens]) => {
    const sqls = new Set(whens.map(([, sql]) => sql));
    const value =
      sqls.size === 1
        ? [...sqls][0]
        : `CASE ${whens.map(([when, sql]) => `WHEN ${when} THEN ${sql}`).join(" ")} END`;
    return `${value} AS ${alias.get(name)}`;
  });
  const risks = cases.map(({ when, equation: eq }) => {
    const v = (i: number) => alias.get(eq.vars[i]?.name ?? "") ?? "NULL";
    const sum = [
      lookup(d, col("ethnicity"), eq.ethnicity),
      lookup(d, col("smoking"), eq.smoking),
      ...eq.terms.map(([i, beta]) => `${d.doubleLiteral(beta)} * ${v(i)}`),
      ...eq.interactions.map(([l, r, beta]) => `${d.doubleLiteral(beta)} * ${v(l)} * ${v(r)}`),
    ].join("\n      + ");
    return `WHEN ${when} THEN 100 * (1 - power(${d.doubleLiteral(eq.survivor10y)}, exp(${sum})))`;
  });
  return { vars, risk: `CASE ${risks.join("\n    ")} END` };
}

/**
 * `SELECT keep…, risk AS out FROM source`: one set of equation cases over a relation whose
 * columns are the inputs (`col` maps an input name to its column).
 */
export function equationSelect(
  d: EquationDialect,
  cases: readonly EquationCase[],
  source: string,
  keep: readonly string[],
  out: string,
  col: (input: string) => string = snake,
): string {
  const { vars, risk } = equationSql(d, cases, col, "_v");
  const k = keep.join(", ");
  return `SELECT ${k}${k ? ", " : ""}${risk} AS ${out}
    FROM (SELECT *, ${vars.join(",\n      ")} FROM (${source}) AS i) AS v`;
}
