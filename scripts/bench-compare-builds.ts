// `node scripts/bench-compare-builds.ts BEFORE.duckdb AFTER.duckdb`: are two builds of the same
// ingested warehouse identical? Every derived table (but build_info, and codelist's import
// time) compared EXCEPT ALL both ways, NULLs equal. Prints counts of rows only, never values;
// exits 1 when any table differs. For checking that a change to the build changed no result.
import { DERIVED_TABLES } from "@bevan/domain";
import { Warehouse } from "@bevan/engine";

const [before, after] = process.argv.slice(2);
if (!before || !after)
  throw new Error("usage: node scripts/bench-compare-builds.ts BEFORE.duckdb AFTER.duckdb");
const wh = await Warehouse.open(after);
let same = true;
try {
  await wh.attach(before, "b", { readOnly: true });
  for (const def of DERIVED_TABLES) {
    if (def.name === "build_info") continue;
    const cols = def.columns
      .map((c) => c.name)
      .filter((c) => !(def.name === "codelist" && c === "imported_at"))
      .map((c) => wh.dialect.quoteIdent(c))
      .join(", ");
    const r = await wh.one<{ n: bigint; m: bigint; a: bigint; b: bigint }>(
      `SELECT (SELECT count(*) FROM b.${def.name}) AS n, (SELECT count(*) FROM ${def.name}) AS m,
        (SELECT count(*) FROM (SELECT ${cols} FROM b.${def.name} EXCEPT ALL SELECT ${cols} FROM ${def.name}) AS x) AS a,
        (SELECT count(*) FROM (SELECT ${cols} FROM ${def.name} EXCEPT ALL SELECT ${cols} FROM b.${def.name}) AS y) AS b`,
    );
    const ok = r.a === 0n && r.b === 0n;
    same &&= ok;
    process.stdout.write(
      `${ok ? "same" : "DIFFERENT"}  ${def.name}: ${r.n} rows before, ${r.m} after; ${r.a} only before, ${r.b} only after\n`,
    );
  }
} finally {
  wh.close();
}
process.exitCode = same ? 0 : 1;
