// The cohort engine over the cohort language's IR: validate, resolve saved-cohort references
// from the application state, check the build made the scores a definition uses, compile
// with the scoped warehouse's table names and run. The Warehouse itself is read only for
// build metadata (the data version, which scores exist); every patient query runs through
// the caller's ScopedWarehouse.
import type { Engine } from "@bevan/engine";
import {
  attritionOn,
  type CohortDefinition,
  type CohortStore,
  countCohort,
  type DataVersion,
  dataVersion,
  listMembers,
  memberPageOn,
  reasonColumns,
  resolveSavedCohorts,
  ScoresNotBuiltError,
  scoresNotBuilt,
  scoresUsed,
  timelineOn,
  validateCohort,
} from "@bevan/query";
import type { CohortEngine } from "./cohort-engine.ts";

export function irCohortEngine(wh: Engine, store: CohortStore): CohortEngine {
  // The served warehouse is read-only: its build and its scores do not change while serving.
  let data: Promise<DataVersion> | null = null;
  const built = new Map<string, boolean>();
  const version = () => {
    data ??= dataVersion(wh).catch((error: unknown) => {
      data = null;
      throw error;
    });
    return data;
  };

  const prepare = async (definition: unknown): Promise<{ def: CohortDefinition; data: DataVersion }> => {
    const def = await resolveSavedCohorts(validateCohort(definition), store);
    const d = await version();
    const used = scoresUsed(def.criteria);
    const unchecked = used.filter((s) => !built.has(s));
    if (unchecked.length > 0) {
      const missing = await scoresNotBuilt(
        { tableExists: (n) => wh.tableExists(n), all: (sql, params) => wh.all(sql, params) },
        unchecked,
      );
      for (const s of unchecked) built.set(s, !missing.includes(s));
    }
    const missing = used.filter((s) => !built.get(s));
    if (missing.length > 0)
      throw new ScoresNotBuiltError(missing, {
        asOf: d.buildAsOf,
        ...(d.riskAsOf ? { riskAsOf: d.riskAsOf } : {}),
      });
    return { def, data: d };
  };

  return {
    validate: (definition) => validateCohort(definition),
    dataVersion: version,
    async count(sw, definition, by, options = {}) {
      const { def, data: d } = await prepare(definition);
      const at = { asOf: d.buildAsOf, buildAsOf: d.buildAsOf };
      const found = await countCohort(sw, def, at, by, options);
      return { data: d, asOf: at.asOf, ...found };
    },
    async timeline(sw, definition, from, to, options = {}) {
      const { def, data: d } = await prepare(definition);
      return { data: d, points: await timelineOn(sw, def, from, to, d.buildAsOf, options) };
    },
    async attrition(sw, definition) {
      const { def, data: d } = await prepare(definition);
      const at = { asOf: d.buildAsOf, buildAsOf: d.buildAsOf };
      return { data: d, asOf: at.asOf, ...(await attritionOn(sw, def, at)) };
    },
    async memberPage(sw, definition, query) {
      const { def, data: d } = await prepare(definition);
      const at = { asOf: d.buildAsOf, buildAsOf: d.buildAsOf };
      const reasons = reasonColumns(def);
      return { data: d, asOf: at.asOf, reasons, page: await memberPageOn(sw, def, at, query, reasons) };
    },
    async members(sw, definition, page) {
      const { def, data: d } = await prepare(definition);
      const at = { asOf: d.buildAsOf, buildAsOf: d.buildAsOf };
      const found = await listMembers(sw, def, at, page ?? undefined);
      return {
        data: d,
        asOf: at.asOf,
        total: found.total,
        personIds: found.personIds.map((id) => BigInt(id)),
      };
    },
  };
}
