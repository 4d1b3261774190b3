// Ingest: every row is loaded or quarantined with a reason, counts reconcile, NHS numbers
// never reach the warehouse, and re-loading the same extract changes nothing.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Warehouse } from "@bevan/engine";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ingestExtract } from "../src/load.ts";
import { loadPseudonymKey } from "../src/pseudonymise.ts";
import { type ExtractManifest, syntheticNhsNumberForTests } from "./fixtures.ts";

const tmp = mkdtempSync(join(tmpdir(), "bevan-ingest-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A small extract: the first `n` lines of each demo file, plus the bad rows a real feed contains. */
function brokenExtract(n: number): string {
  const src = inject("demo").extract;
  const dir = join(tmp, "broken");
  mkdirSync(dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(src, "manifest.json"), "utf8")) as ExtractManifest;
  const take = (file: string) =>
    readFileSync(join(src, file), "utf8")
      .split("\n")
      .slice(0, n + 1);
  for (const f of manifest.files) {
    let lines = take(f.file);
    if (f.name === "patients") {
      const first = lines[1] ?? "";
      lines = [
        ...lines,
        first, // duplicate person
        first.replace(/^\d{10}/, "9434765918"), // fails modulus 11
        first
          .replace(/^\d{10}/, syntheticNhsNumberForTests(5_000_000))
          .replace(/,\d{4}-\d{2}-\d{2},/, ",2020-13-45,"), // impossible date of birth
      ];
    }
    if (f.name === "gp_events") {
      const first = lines[1] ?? "";
      lines = [
        ...lines,
        first.replace(/^\d{10}/, "9434765919"), // valid NHS number, not in patients.csv
        `${first.split(",").slice(0, 4).join(",")},abc,mmol/L,${first.split(",")[6]}`, // value not a number
      ];
    }
    writeFileSync(join(dir, f.file), `${lines.filter((l) => l !== "").join("\n")}\n`);
  }
  writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest));
  return dir;
}

describe("ingest of a CSV extract with bad rows", () => {
  let wh: Warehouse;
  let dir: string;
  const key = loadPseudonymKey(join(tmp, "secrets", "key"), { createDevKey: true });
  beforeAll(async () => {
    dir = brokenExtract(400);
    wh = await Warehouse.open(join(tmp, "w.duckdb"));
  });
  afterAll(() => wh.close());

  it("loads good rows, quarantines bad ones with a reason and line number, and the counts reconcile", async () => {
    const report = await ingestExtract(wh, dir, { key });
    for (const f of report.files) expect(f.rowsLoaded + f.rowsQuarantined, f.file).toBe(f.rowsRead);
    const patients = report.files.find((f) => f.file === "patients.csv");
    expect(patients).toMatchObject({ rowsRead: 403, rowsLoaded: 400, rowsQuarantined: 3 });
    const q = await wh.all<{ source_file: string; line_number: bigint; reason_code: string; reason: string }>(
      "SELECT * FROM quarantine ORDER BY source_file, line_number",
    );
    console.log(JSON.stringify(q.slice(0, 5), (_k, v) => (typeof v === "bigint" ? Number(v) : v)));
    const byFile = (f: string) =>
      q.filter((r) => r.source_file === f).map((r) => [Number(r.line_number), r.reason_code]);
    expect(byFile("patients.csv")).toEqual([
      [402, "duplicate_person"],
      [403, "invalid_nhs_number"],
      [404, "invalid_date"],
    ]);
    const events = byFile("gp_events.csv");
    expect(events.slice(-2)).toEqual([
      [402, "unknown_person"],
      [403, "invalid_number"],
    ]);
    // The rest of the 400 sampled events belong to people outside the 400 sampled patients.
    expect(events.slice(0, -2).every(([, code]) => code === "unknown_person")).toBe(true);
    for (const r of q) expect(r.reason).not.toMatch(/\d{10}/);
  });

  it("never stores an NHS number: no text column anywhere holds one", async () => {
    const nhs = readFileSync(join(dir, "patients.csv"), "utf8")
      .split("\n")
      .slice(1, 50)
      .map((l) => l.slice(0, 10));
    const columns = await wh.all<{ table_name: string; column_name: string }>(
      "SELECT table_name, column_name FROM information_schema.columns WHERE data_type = 'VARCHAR' AND table_schema = 'main'",
    );
    for (const c of columns) {
      const hits = await wh.one<{ n: bigint }>(
        `SELECT count(*) AS n FROM "${c.table_name}" WHERE "${c.column_name}" IN (${nhs.map((n) => `'${n}'`).join(", ")})`,
      );
      expect(hits.n, `${c.table_name}.${c.column_name}`).toBe(0n);
    }
    const ids = await wh.all<{ person_id: bigint }>("SELECT person_id FROM person LIMIT 50");
    for (const { person_id } of ids) expect(nhs).not.toContain(String(person_id));
    const months = await wh.one<{ n: bigint }>(
      "SELECT count(*) AS n FROM person WHERE day(birth_month) <> 1",
    );
    expect(months.n).toBe(0n);
  });

  it("re-loading the same extract changes nothing", async () => {
    const fingerprint = async () =>
      wh.all<{ t: string; n: bigint; h: bigint }>(`
        SELECT 'person' AS t, count(*) AS n, sum(hash(person)) AS h FROM person UNION ALL
        SELECT 'gp_event', count(*), sum(hash(gp_event)) FROM gp_event UNION ALL
        SELECT 'hospital_spell', count(*), sum(hash(hospital_spell)) FROM hospital_spell UNION ALL
        SELECT 'quarantine', count(*), sum(hash(quarantine)) FROM quarantine ORDER BY 1`);
    const before = await fingerprint();
    await ingestExtract(wh, dir, { key });
    expect(await fingerprint()).toEqual(before);
  });

  it("gives other pseudonyms under another key, and the same under the same key", async () => {
    const other = loadPseudonymKey(join(tmp, "secrets", "other-key"), { createDevKey: true });
    const wh2 = await Warehouse.open(join(tmp, "w2.duckdb"));
    try {
      await ingestExtract(wh2, dir, { key: other });
      const a = await wh.all<{ person_id: bigint }>(
        "SELECT person_id FROM person ORDER BY person_id LIMIT 5",
      );
      const b = await wh2.all<{ person_id: bigint }>(
        "SELECT person_id FROM person ORDER BY person_id LIMIT 5",
      );
      expect(a).not.toEqual(b);
    } finally {
      wh2.close();
    }
  });

  it("refuses a folder without a valid manifest, with an actionable message", async () => {
    const empty = join(tmp, "empty");
    mkdirSync(empty, { recursive: true });
    await expect(ingestExtract(wh, empty, { key })).rejects.toThrow(/no manifest.json/);
    writeFileSync(
      join(empty, "manifest.json"),
      JSON.stringify({ format: "bevan-extract", formatVersion: "1", files: [] }),
    );
    await expect(ingestExtract(wh, empty, { key })).rejects.toThrow(/extractDate.*\n.*files/s);
  });
});
