import { readdirSync, readFileSync } from "node:fs";
import { TrinoWarehouse, Warehouse } from "@bevan/engine";
import { cohortMembers, createPersonScoreView, dataVersion, validateCohort } from "@bevan/query";

const tw = await TrinoWarehouse.open("trino://127.0.0.1:18500/lake/demo");
await createPersonScoreView(tw);
const dw = await Warehouse.open("data/x20k/warehouse.duckdb", { readOnly: true });
const dir = "packages/query/examples";
for (const f of readdirSync(dir)) {
  const def = validateCohort(JSON.parse(readFileSync(`${dir}/${f}`, "utf8")), f);
  const asOf = (await dataVersion(dw)).buildAsOf;
  try {
    const t0 = Date.now();
    const a = await cohortMembers(tw, def, asOf);
    const t1 = Date.now();
    const b = await cohortMembers(dw, def, asOf);
    console.log(f, a.length, b.length, JSON.stringify(a) === JSON.stringify(b), t1 - t0, "ms");
  } catch (e) {
    console.log(f, String(e).slice(0, 300));
  }
}
