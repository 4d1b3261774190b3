// Attrition, as OHDSI ATLAS shows it for inclusion rules: the population, then for each
// step of the definition's top-level "all of" the people meeting that step on its own and
// the people left after it and every step before it. Raw counts of distinct people: the API
// discloses them by role. One query over a flags row per person (compileFlags).
import type { Params } from "@bevan/engine";
import { type CompiledQuery, type CompileOptions, compileFlags } from "./compile.ts";
import type { CohortTarget, EvaluationDates } from "./execute.ts";
import type { CohortDefinition, Criterion } from "./ir.ts";

/** The steps attrition is reported over: the children of a top-level `and`, else the criteria as one step. */
export function attritionSteps(def: CohortDefinition): { path: string; node: Criterion }[] {
  const c = def.criteria;
  if (c.kind === "and") return c.of.map((node, i) => ({ path: `/criteria/of/${i}`, node }));
  return [{ path: "/criteria", node: c }];
}

/** Rows: `population`, then `alone_i` and `left_i` for each step i. */
export function compileAttrition(def: CohortDefinition, options: CompileOptions): CompiledQuery {
  const steps = attritionSteps(def).map((s) => s.node);
  const flags = compileFlags(def, options, steps);
  const one = (cond: string) => `sum(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;
  const cols = steps.flatMap((_, i) => {
    const upTo = steps.map((__, j) => `f${j}`).slice(0, i + 1);
    return [`${one(`f${i}`)} AS alone_${i}`, `${one(upTo.join(" AND "))} AS left_${i}`];
  });
  return Object.freeze({
    dialect: flags.dialect,
    sql: `WITH flags AS (${flags.sql})\nSELECT count(*) AS population${cols.map((c) => `,\n  ${c}`).join("")}\nFROM flags`,
    params: flags.params,
  });
}

export interface AttritionStep {
  readonly path: string;
  readonly node: Criterion;
  /** People in the population meeting this step on its own. */
  readonly alone: number;
  /** People left after this step and every step before it. */
  readonly left: number;
}

export interface Attrition {
  readonly population: number;
  readonly steps: readonly AttritionStep[];
}

/** Runs the attrition of a (resolved) definition on a target; counts are raw, for the caller to disclose. */
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
  const [row] = await run.call(target, q.sql, [...q.params] as Params);
  const n = (k: string) => Number((row as Record<string, unknown> | undefined)?.[k] ?? 0);
  return {
    population: n("population"),
    steps: attritionSteps(def).map((s, i) => ({ ...s, alone: n(`alone_${i}`), left: n(`left_${i}`) })),
  };
}
