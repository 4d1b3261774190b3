// The data-status endpoint on the shared 20,000-person warehouse: the last load's counts
// against the extract's own files (lines counted here), table row counts against SQL, and
// quarantine totals that add up.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Warehouse } from "@bevan/engine";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startApi } from "./harness.ts";

let api: Awaited<ReturnType<typeof startApi>>;
let expected: { personRows: number; registerRows: number };
beforeAll(async () => {
  const demo = inject("demo");
  const wh = await Warehouse.open(demo.db, { readOnly: true });
  try {
    const p = await wh.one<{ n: bigint }>("SELECT count(*) AS n FROM person");
    const r = await wh.one<{ n: bigint }>("SELECT count(*) AS n FROM register");
    expected = { personRows: Number(p.n), registerRows: Number(r.n) };
  } finally {
    wh.close();
  }
  api = await startApi(demo);
});
afterAll(async () => api.close());

describe("GET /api/data-status", () => {
  it("reports the last load, which reconciles with the extract's files", async () => {
    const { cookie } = await api.signIn("administrator");
    const res = await api.app.inject({ url: "/api/data-status", headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    const extract = inject("demo").extract;
    const manifest = JSON.parse(readFileSync(join(extract, "manifest.json"), "utf8")) as {
      files: { file: string }[];
    };
    const csvs = readdirSync(extract).filter((f) => f.endsWith(".csv"));
    expect(csvs.length).toBe(manifest.files.length);
    // Data rows: lines after the header (the synthetic extract has no embedded newlines).
    const rows = csvs.reduce(
      (a, f) =>
        a +
        readFileSync(join(extract, f), "utf8")
          .split("\n")
          .filter((l) => l.length > 0).length -
        1,
      0,
    );
    expect(s.lastLoad.files).toBe(manifest.files.length);
    expect(s.lastLoad.rowsLoaded + s.lastLoad.rowsQuarantined).toBe(rows);
    expect(s.lastLoad.extractDate).toBe("2026-03-31");
    expect(Number.isNaN(Date.parse(s.lastLoad.at))).toBe(false);
    expect(s.quarantine.reduce((a: number, q: { rows: number }) => a + q.rows, 0)).toBe(
      s.lastLoad.rowsQuarantined,
    );
    const table = (name: string) => s.tables.find((t: { name: string }) => t.name === name)?.rows;
    expect(table("person")).toBe(expected.personRows);
    expect(table("register")).toBe(expected.registerRows);
    expect(s.dataQuality.build.as_of).toBe("2026-03-31");
    // Bookkeeping only: nothing that looks like a person key or an NHS number.
    expect(res.body).not.toMatch(/\b9\d{9}\b/);
  });
});
