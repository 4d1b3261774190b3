// `node scripts/bench-compare-builds.ts BEFORE.duckdb AFTER.duckdb [--approx TABLE.COLUMN,…]`:
// are two builds of the same ingested warehouse identical? Every derived table (but build_info,
// and codelist's import time) compared EXCEPT ALL both ways, NULLs equal. Columns named in
// --approx (doubles whose summation order or maths library may differ in the last digits) are
// left out of that and compared person by person instead: the same people must have a value,
// and the largest absolute and relative differences are printed, with the significant digits
// that agree and how many values would change at 1 dp and at the 10% threshold.
// Prints counts and differences only, never values of a person; exits 1 when any table differs.
import { parseArgs } from "node:util";
import { DERIVED_TABLES } from "@bevan/domain";
import { Warehouse } from "@bevan/engine";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { approx: { type: "string" } },
});
const [before, after] = positionals;
if (!before || !after)
  throw new Error(
    "usage: node scripts/bench-compare-builds.ts BEFORE.duckdb AFTER.duckdb [--approx TABLE.COLUMN,…]",
  );
const approx = (values.approx ?? "")
  .split(",")
  .filter(Boolean)
  .map((tc) => {
    const [table = "", column = ""] = tc.split(".");
    return { table, column };
  });
const wh = await Warehouse.open(after);
let same = true;
try {
  await wh.attach(before, "b", { readOnly: true });
  for (const def of DERIVED_TABLES) {
    if (def.name === "build_info") continue;
    const cols = def.columns
      .map((c) => c.name)
      .filter((c) => !(def.name === "codelist" && c === "imported_at"))
      .filter((c) => !approx.some((a) => a.table === def.name && a.column === c))
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
  for (const { table, column } of approx) {
    const c = wh.dialect.quoteIdent(column);
    const r = await wh.one<Record<string, number | bigint | null>>(
      `SELECT count(*) AS n, count(x.${c}) AS with_value, count(*) FILTER (WHERE (x.${c} IS NULL) <> (y.${c} IS NULL)) AS null_mismatch,
        count(*) FILTER (WHERE x.${c} = y.${c}) AS equal, max(abs(x.${c} - y.${c})) AS max_abs,
        max(abs(x.${c} - y.${c}) / nullif(abs(x.${c}), 0)) AS max_rel,
        count(*) FILTER (WHERE round(x.${c}, 1) <> round(y.${c}, 1)) AS differ_1dp,
        count(*) FILTER (WHERE (x.${c} >= 10) <> (y.${c} >= 10)) AS differ_10
      FROM b.${table} AS x JOIN ${table} AS y ON y.person_id = x.person_id`,
    );
    const rel = Number(r.max_rel ?? 0);
    const ok = Number(r.null_mismatch) === 0 && Number(r.differ_10) === 0;
    same &&= ok;
    process.stdout.write(
      `${ok ? "close" : "DIFFERENT"}  ${table}.${column}: ${r.n} people, ${r.with_value} with a value; ${r.null_mismatch} with a value in one build only; ` +
        `${r.equal} bit for bit equal; max |difference| ${Number(r.max_abs ?? 0).toExponential(2)}, ` +
        `max relative ${rel.toExponential(2)} (${rel === 0 ? "all" : Math.floor(-Math.log10(rel))} significant digits agree); ` +
        `${r.differ_1dp} differ at 1 dp; ${r.differ_10} on the other side of 10%\n`,
    );
  }
} finally {
  wh.close();
}
process.exitCode = same ? 0 : 1;
