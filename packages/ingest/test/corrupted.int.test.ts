// The corrupted-input suite: hand-made FHIR NDJSON, a truncated bundle and a damaged CSV
// extract. Every bad record is quarantined with the reason written here, every good one is
// loaded, the totals reconcile and nothing throws. Then incremental loads by extract date.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Warehouse } from "@bevan/engine";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ingestPath } from "../src/ingest.ts";
import { loadPseudonymKey } from "../src/pseudonymise.ts";
import type { ExtractManifest } from "./fixtures.ts";

const tmp = mkdtempSync(join(tmpdir(), "bevan-corrupt-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const key = loadPseudonymKey(join(tmp, "secrets", "key"), { createDevKey: true });

const SNOMED = "http://snomed.info/sct";
const patient = (id: string, birthDate: string, nhs?: string) =>
  JSON.stringify({
    resourceType: "Patient",
    id,
    gender: "female",
    birthDate,
    ...(nhs ? { identifier: [{ system: "https://fhir.nhs.uk/Id/nhs-number", value: nhs }] } : {}),
  });
const condition = (id: string, subject: string, onset: string, code = "38341003", system = SNOMED) =>
  JSON.stringify({
    resourceType: "Condition",
    id,
    subject: { reference: `Patient/${subject}` },
    onsetDateTime: onset,
    code: { coding: [{ system, code }] },
  });

function folder(name: string, files: Record<string, string | Buffer>): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  for (const [f, content] of Object.entries(files)) writeFileSync(join(dir, f), content);
  return dir;
}

const patients = Buffer.concat([
  Buffer.from(
    [
      patient("p1", "1960-05-20", "9434765919"), // 1 good, valid NHS number
      patient("p2", "1980-01-01"), // 2 good, no NHS number (source id pseudonymised)
      patient("p3", "1970-01-01", "9434765918"), // 3 wrong check digit
      patient("p4", "2030-01-01"), // 4 born after the extract date
      '{"resourceType":"Patient","id":"p5","birthDate":"19', // 5 truncated JSON
      "",
    ].join("\n"),
  ),
  Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d, 0x0a]), // 6 not UTF-8
  Buffer.from(`${patient("p1", "1960-05-20", "9434765919")}\n`), // 7 identical copy of line 1
]);

const conditions = [
  condition("c1", "p1", "2020-01-01"), // 1 good
  condition("c2", "p2", "2021-06-01"), // 2 conflicts with line 8
  condition("c3", "p1", "2020-01-01", "X1", "http://example.org/codes"), // 3 unknown code system
  condition("c4", "p1", "2027-01-01"), // 4 after the extract date
  condition("c5", "p1", "1950-01-01"), // 5 before birth
  condition("c6", "nobody", "2020-01-01"), // 6 unknown patient
  condition("c7", "p2", "2019-02-03", "I10", "http://hl7.org/fhir/sid/icd-10"), // 7 good, ICD-10
  condition("c2", "p2", "2021-06-01", "44054006"), // 8 same id as line 2, other content
  condition("c1", "p1", "2020-01-01"), // 9 identical copy of line 1
  '{"resourceType":"Claim","id":"x1"}', // 10 a type the model does not hold
  '{"foo":1}', // 11 not a resource
  JSON.stringify({
    resourceType: "Condition",
    id: "c8",
    subject: { reference: "Patient/p1" },
    onsetDateTime: "2020-01-01",
  }), // 12 no code
].join("\n");

describe("corrupted FHIR input", () => {
  let wh: Warehouse;
  beforeAll(async () => {
    wh = await Warehouse.open(join(tmp, "fhir.duckdb"));
  });
  afterAll(() => wh.close());

  it("quarantines every bad record with its line and reason, loads the good ones, reconciles", async () => {
    const dir = folder("ndjson", { "Patient.ndjson": patients, "Condition.ndjson": conditions });
    const report = await ingestPath(wh, dir, { key, today: "2026-04-01", extractDate: "2026-03-31" });
    const q = await wh.all<{ source_file: string; line_number: bigint; reason_code: string; reason: string }>(
      "SELECT * FROM quarantine ORDER BY source_file, line_number",
    );
    expect(q.map((r) => [r.source_file, Number(r.line_number), r.reason_code])).toEqual([
      ["Condition.ndjson", 2, "duplicate_conflict"],
      ["Condition.ndjson", 3, "unknown_code_system"],
      ["Condition.ndjson", 4, "future_date"],
      ["Condition.ndjson", 5, "date_before_birth"],
      ["Condition.ndjson", 6, "unknown_person"],
      ["Condition.ndjson", 8, "duplicate_conflict"],
      ["Condition.ndjson", 10, "unsupported_resource_type"],
      ["Condition.ndjson", 11, "not_a_resource"],
      ["Condition.ndjson", 12, "missing_value"],
      ["Patient.ndjson", 3, "invalid_nhs_number"],
      ["Patient.ndjson", 4, "future_date"],
      ["Patient.ndjson", 5, "malformed_json"],
      ["Patient.ndjson", 6, "invalid_encoding"],
    ]);
    for (const r of q) expect(r.reason.length).toBeGreaterThan(10);
    const byFile = Object.fromEntries(report.files.map((f) => [f.file, f]));
    expect(byFile["Patient.ndjson"]).toMatchObject({ rowsRead: 7, rowsLoaded: 3, rowsQuarantined: 4 });
    expect(byFile["Condition.ndjson"]).toMatchObject({ rowsRead: 12, rowsLoaded: 3, rowsQuarantined: 9 });
    expect(report.persons).toBe(2);
    const events = await wh.all<{ coding_system: string; code: string }>(
      "SELECT coding_system, code FROM gp_event ORDER BY code",
    );
    expect(events).toEqual([
      { coding_system: "snomedct", code: "38341003" },
      { coding_system: "icd10", code: "I10" },
    ]);
  });

  it("a truncated bundle is one quarantined record; the good bundle beside it loads and links to earlier people", async () => {
    const good = {
      resourceType: "Bundle",
      type: "collection",
      entry: [
        { resource: JSON.parse(condition("c9", "p2", "2022-01-01")) },
        { resource: JSON.parse(condition("c10", "p2", "2022-02-01")) },
      ],
    };
    const text = JSON.stringify(good);
    const dir = folder("bundles", { "good.json": text, "truncated.json": text.slice(0, text.length / 2) });
    const report = await ingestPath(wh, dir, { key, today: "2026-04-01", extractDate: "2026-03-31" });
    expect(report.files.map((f) => [f.file, f.rowsRead, f.rowsLoaded, f.rowsQuarantined])).toEqual([
      ["good.json", 2, 2, 0],
      ["truncated.json", 1, 0, 1],
    ]);
    const q = await wh.all<{ line_number: bigint; reason_code: string }>(
      "SELECT line_number, reason_code FROM quarantine WHERE source_file = 'truncated.json'",
    );
    expect(q.map((r) => [Number(r.line_number), r.reason_code])).toEqual([[0, "malformed_json"]]);
  });

  it("incremental: a later extract corrects a record by id; an older one cannot overwrite it; the same one changes nothing", async () => {
    const c1 = async () =>
      wh.all<{ code: string }>("SELECT code FROM gp_event WHERE source_id = 'Condition/c1'");
    const count = async () => Number((await wh.one<{ n: bigint }>("SELECT count(*) AS n FROM gp_event")).n);
    const n = await count();
    const later = folder("later", { "Condition.ndjson": condition("c1", "p1", "2020-01-01", "195967001") });
    await ingestPath(wh, later, { key, today: "2026-05-01", extractDate: "2026-04-30" });
    expect(await c1()).toEqual([{ code: "195967001" }]);
    expect(await count()).toBe(n);
    const older = folder("older", { "Condition.ndjson": condition("c1", "p1", "2020-01-01", "73211009") });
    const report = await ingestPath(wh, older, { key, today: "2026-05-01", extractDate: "2026-02-28" });
    expect(report.rowsQuarantined).toBe(1);
    expect(report.quarantineReasons).toEqual([
      { file: "Condition.ndjson", reasonCode: "superseded", count: 1 },
    ]);
    expect(await c1()).toEqual([{ code: "195967001" }]);
    await ingestPath(wh, later, { key, today: "2026-05-01", extractDate: "2026-04-30" });
    expect(await c1()).toEqual([{ code: "195967001" }]);
    expect(await count()).toBe(n);
  });
});

describe("corrupted CSV extract", () => {
  it("quarantines wrong column counts, bad encoding and unknown coding systems by line", async () => {
    const src = inject("demo").extract;
    const dir = join(tmp, "csv");
    mkdirSync(dir, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(src, "manifest.json"), "utf8")) as ExtractManifest;
    const keep = manifest.files.filter((f) => ["organisations", "patients", "gp_events"].includes(f.name));
    // One person with events: their patients.csv row and five of their events.
    const eventLines = readFileSync(join(src, "gp_events.csv"), "utf8").split("\n").slice(1);
    const perPerson = new Map<string, number>();
    for (const l of eventLines) perPerson.set(l.slice(0, 10), (perPerson.get(l.slice(0, 10)) ?? 0) + 1);
    const nhs = [...perPerson].find(([, n]) => n >= 5)?.[0] ?? "";
    for (const f of keep) {
      const all = readFileSync(join(src, f.file), "utf8").split("\n");
      const lines = f.name === "patients" ? [all[0] ?? "", ...all.filter((l) => l.startsWith(nhs))] : all;
      if (f.name === "gp_events") {
        const own = readFileSync(join(src, f.file), "utf8")
          .split("\n")
          .filter((l) => l.startsWith(nhs))
          .slice(0, 5);
        const first = own[0] ?? "";
        const cells = first.split(",");
        const bad = [
          `${first},extra`, // line 7 (after the header and five good rows): too many columns
          cells.slice(0, 3).join(","), // line 8: too few
          [cells[0], cells[1], "martian", ...cells.slice(3)].join(","), // line 9: unknown coding system
        ];
        writeFileSync(
          join(dir, f.file),
          Buffer.concat([
            Buffer.from(`${[lines[0], ...own, ...bad].join("\n")}\n`),
            Buffer.from(`${cells[0]},${cells[1]},snomedct,\xff\xfe,,,X\n`, "latin1"), // line 10: not UTF-8
          ]),
        );
      } else writeFileSync(join(dir, f.file), `${lines.filter((l) => l !== "").join("\n")}\n`);
    }
    writeFileSync(join(dir, "manifest.json"), JSON.stringify({ ...manifest, files: keep }));
    const wh = await Warehouse.open(join(tmp, "csv.duckdb"));
    try {
      const report = await ingestPath(wh, dir, { key, today: "2026-04-01" });
      const events = report.files.find((f) => f.file === "gp_events.csv");
      expect(events).toMatchObject({ rowsRead: 9, rowsLoaded: 5, rowsQuarantined: 4 });
      const q = await wh.all<{ line_number: bigint; reason_code: string }>(
        "SELECT line_number, reason_code FROM quarantine WHERE source_file = 'gp_events.csv' ORDER BY 1",
      );
      expect(q.map((r) => [Number(r.line_number), r.reason_code])).toEqual([
        [7, "wrong_column_count"],
        [8, "wrong_column_count"],
        [9, "unknown_code_system"],
        [10, "invalid_encoding"],
      ]);
      for (const f of report.files) expect(f.rowsLoaded + f.rowsQuarantined, f.file).toBe(f.rowsRead);
    } finally {
      wh.close();
    }
  });
});
