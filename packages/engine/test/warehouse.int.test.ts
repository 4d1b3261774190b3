import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ALL_TABLES } from "@bevan/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { duckdb } from "../src/dialect/duckdb.ts";
import { createTableSql } from "../src/schema.ts";
import { Warehouse, WarehouseOpenError } from "../src/warehouse.ts";

const tmp = mkdtempSync(join(tmpdir(), "bevan-engine-"));
let wh: Warehouse;
beforeAll(async () => {
  wh = await Warehouse.open(join(tmp, "w.duckdb"));
});
afterAll(() => {
  wh.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe("the DuckDB warehouse", () => {
  it("creates every table of the model with its declared columns, types and nullability", async () => {
    for (const t of ALL_TABLES) await wh.exec(createTableSql(t, duckdb));
    const cols = await wh.all<{
      table_name: string;
      column_name: string;
      data_type: string;
      is_nullable: string;
    }>(
      "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'main' ORDER BY table_name, ordinal_position",
    );
    for (const t of ALL_TABLES) {
      const actual = cols.filter((c) => c.table_name === t.name);
      expect(actual.map((c) => c.column_name)).toEqual(t.columns.map((c) => c.name));
      t.columns.forEach((c, i) => {
        expect(actual[i]?.data_type, `${t.name}.${c.name}`).toBe(duckdb.columnType(c.type));
        expect(actual[i]?.is_nullable, `${t.name}.${c.name}`).toBe(c.nullable ? "YES" : "NO");
      });
    }
  });

  it("executes the dialect's date functions with calendar semantics", async () => {
    const d = duckdb;
    const r = await wh.one<{ a: Date; b: Date; c: bigint; m: Date }>(
      `SELECT ${d.addMonths(d.dateLiteral("2024-03-31"), -1)} AS a, ${d.addDays(d.dateLiteral("2024-02-28"), 1)} AS b,
              ${d.daysBetween(d.dateLiteral("2024-01-01"), d.dateLiteral("2025-01-01"))} AS c, ${d.monthStart(d.dateLiteral("2024-05-17"))} AS m`,
    );
    expect(r.a.toISOString().slice(0, 10)).toBe("2024-02-29");
    expect(r.b.toISOString().slice(0, 10)).toBe("2024-02-29");
    expect(r.c).toBe(366n);
    expect(r.m.toISOString().slice(0, 10)).toBe("2024-05-01");
  });

  it("returns columns as arrays, empty arrays when there are no rows", async () => {
    const some = await wh.columns(
      "SELECT * FROM (VALUES (1::BIGINT, 'a', 2.5::DOUBLE), (2::BIGINT, NULL, NULL)) AS t(id, s, x)",
    );
    expect(some).toEqual({ id: [1n, 2n], s: ["a", null], x: [2.5, null] });
    expect(await wh.columns("SELECT 1 AS a, 'x' AS b WHERE FALSE")).toEqual({ a: [], b: [] });
  });

  it("rolls a failed transaction back", async () => {
    await wh.exec("CREATE TABLE t (x INTEGER)");
    await expect(
      wh.transaction(async () => {
        await wh.exec("INSERT INTO t VALUES (1)");
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect((await wh.one<{ n: bigint }>("SELECT count(*) AS n FROM t")).n).toBe(0n);
  });

  it("says plainly when the file is locked by another process", async () => {
    const path = join(tmp, "locked.duckdb");
    const holder = await Warehouse.open(path);
    try {
      const { spawnSync } = await import("node:child_process");
      const script = `import { Warehouse } from "@bevan/engine"; try { await Warehouse.open(${JSON.stringify(path)}); } catch (e) { console.log(e.name + ": " + e.message); }`;
      const out = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
        encoding: "utf8",
        cwd: join(import.meta.dirname, ".."),
      });
      expect(out.stdout).toMatch(/WarehouseOpenError: cannot open warehouse .*Another Bevan process/);
    } finally {
      holder.close();
    }
    expect(WarehouseOpenError.name).toBe("WarehouseOpenError");
  });
});
