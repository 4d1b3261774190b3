// Attrition, as OHDSI ATLAS shows it for inclusion rules: the population, then for each
// step of the definition's top-level "all of" the people meeting that step on its own and
// the people left after it and every step before it. Each figure is a cell (distinct people
// and their key sum, docs/disclosure-control.md) for the API to disclose, with the set's
// sketch for the query budget. One query over a flags row per person (compileFlags), grouped
// by sketch bucket.
import type { Params } from "@bevan/engine";
import { type Cell, cellOf } from "../disclosure/cell-key.ts";
import { emptySketch, type Sketch, sketchBucketSql } from "../disclosure/sketch.ts";
import { type CompiledQuery, type CompileOptions, compileFlags } from "./compile.ts";
import type { CohortTarget, EvaluationDates } from "./execute.ts";
import type { CohortDefinition, Criterion } from "./ir.ts";

/** The steps attrition is reported over: the children of a top-level `and`, else the criteria as one step. */
export function attritionSteps(def: CohortDefinition): { path: string; node: Criterion }[] {
  const c = def.criteria;
  if (c.kind === "and") return c.of.map((node, i) => ({ path: `/criteria/of/${i}`, node }));
  return [{ path: "/criteria", node: c }];
}

/** Rows per sketch bucket: `population_n/_key`, then `alone_i_n/_key` and `left_i_n/_key` for each step i. */
export function compileAttrition(def: CohortDefinition, options: CompileOptions): CompiledQuery {
  const steps = attritionSteps(def).map((s) => s.node);
  const flags = compileFlags(def, options, steps);
  const cell = (name: string, cond: string) =>
    `sum(CASE WHEN ${cond} THEN 1 ELSE 0 END) AS ${name}_n, sum(CASE WHEN ${cond} THEN record_key ELSE 0 END) AS ${name}_key`;
  const cols = steps.flatMap((_, i) => {
    const upTo = steps.map((__, j) => `f${j}`).slice(0, i + 1);
    return [cell(`alone_${i}`, `f${i}`), cell(`left_${i}`, upTo.join(" AND "))];
  });
  const bucket = sketchBucketSql("record_key");
  return Object.freeze({
    dialect: flags.dialect,
    sql: `WITH flags AS (${flags.sql})
SELECT ${bucket} AS bucket, count(*) AS population_n, sum(record_key) AS population_key${cols.map((c) => `,\n  ${c}`).join("")}
FROM flags GROUP BY ${bucket}`,
    params: flags.params,
  });
}

/** One figure of the attrition: its cell and the sketch of its people. */
export interface AttritionFigure {
  readonly cell: Cell;
  readonly sketch: Sketch;
}

export interface AttritionStep {
  readonly path: string;
  readonly node: Criterion;
  /** People in the population meeting this step on its own. */
  readonly alone: AttritionFigure;
  /** People left after this step and every step before it. */
  readonly left: AttritionFigure;
}

export interface Attrition {
  readonly population: AttritionFigure;
  readonly steps: readonly AttritionStep[];
}

/** Runs the attrition of a (resolved) definition on a target; figures are raw cells, for the caller to disclose. */
export async function attritionOn(
  target: CohortTarget,
  def: CohortDefinition,
  at: EvaluationDates,
): Promise<Attrition> {
  const q = compileAttrition(def, {
    dialect: target.dialect,
    asOf: at.asOf,
    buildAsOf: at.buildAsOf,
    ...(target.table ? { tables: target.table.bind(target) } : {}),
  });
  const run = target.aggregateJson ?? target.json;
  const rows = (await run.call(target, q.sql, [...q.params] as Params)) as Record<string, unknown>[];
  const figure = (name: string): AttritionFigure => {
    const sketch = emptySketch();
    let n = 0;
    let key = 0n;
    for (const r of rows) {
      const bn = Number(r[`${name}_n`] ?? 0);
      sketch[Number(r.bucket)] = bn;
      n += bn;
      key += BigInt(String(r[`${name}_key`] ?? 0).replace(/\..*$/, ""));
    }
    return { cell: cellOf(n, key), sketch };
  };
  return {
    population: figure("population"),
    steps: attritionSteps(def).map((s, i) => ({
      ...s,
      alone: figure(`alone_${i}`),
      left: figure(`left_${i}`),
    })),
  };
}
