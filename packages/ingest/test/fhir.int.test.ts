// FHIR ingest of the shared Synthea samples: every resource is loaded or quarantined, and
// the per-type counts match a count made here from the raw files with plain JSON parsing.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { Warehouse } from "@bevan/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestPath } from "../src/ingest.ts";
import { loadPseudonymKey } from "../src/pseudonymise.ts";
import { openReidentification } from "../src/reidentification.ts";

const SYNTHEA = join(import.meta.dirname, "..", "..", "..", "..", "shared", "data", "synthea");
const tmp = mkdtempSync(join(tmpdir(), "bevan-fhir-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const key = loadPseudonymKey(join(tmp, "secrets", "key"), { createDevKey: true });

// What the warehouse model holds; everything else must be quarantined as unsupported.
const SUPPORTED = new Set([
  "Patient",
  "Organization",
  "Practitioner",
  "Condition",
  "Observation",
  "Procedure",
  "Immunization",
  "AllergyIntolerance",
  "DiagnosticReport",
  "CarePlan",
  "MedicationRequest",
  "MedicationStatement",
  "Encounter",
  "ImagingStudy",
]);

type Resource = { resourceType: string; id: string; [k: string]: unknown };

/** Independent count: parse every bundle with JSON.parse and tally resources by type. */
function rawBundles(dir: string): Resource[] {
  const out: Resource[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith(".json.gz"))) {
    const bundle = JSON.parse(gunzipSync(readFileSync(join(dir, f))).toString("utf8")) as {
      entry: { resource: Resource }[];
    };
    for (const e of bundle.entry) out.push(e.resource);
  }
  return out;
}

function tally(resources: Resource[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of resources) counts[r.resourceType] = (counts[r.resourceType] ?? 0) + 1;
  return counts;
}

describe("FHIR R4 transaction bundles (300 Synthea patients)", () => {
  let wh: Warehouse;
  let report: Awaited<ReturnType<typeof ingestPath>>;
  const raw = rawBundles(join(SYNTHEA, "fhir-r4-bundles-300"));
  const reid = join(tmp, "secrets", "reid.duckdb");
  beforeAll(async () => {
    wh = await Warehouse.open(join(tmp, "bundles.duckdb"));
    report = await ingestPath(wh, join(SYNTHEA, "fhir-r4-bundles-300"), {
      key,
      today: "2021-04-01",
      reidentificationPath: reid,
    });
  }, 120_000);
  afterAll(() => wh.close());

  it("loads all 300 patients, and reads exactly the resources the bundles hold, by type", () => {
    expect(report.persons).toBe(300);
    const byType: Record<string, number> = {};
    for (const f of report.files)
      for (const [t, c] of Object.entries(f.resourceTypes ?? {})) byType[t] = (byType[t] ?? 0) + c.rowsRead;
    expect(byType).toEqual(tally(raw));
    expect(report.rowsRead).toBe(raw.length);
    for (const f of report.files) expect(f.rowsLoaded + f.rowsQuarantined, f.file).toBe(f.rowsRead);
    expect(report.rowsLoaded + report.rowsQuarantined).toBe(report.rowsRead);
  });

  it("puts each supported resource in the table the mapping names, once per id", async () => {
    const distinct = (type: string, where: (r: Resource) => boolean = () => true) =>
      new Set(raw.filter((r) => r.resourceType === type && where(r)).map((r) => r.id)).size;
    const count = async (sql: string) => Number((await wh.one<{ n: bigint }>(sql)).n);
    const cls = (r: Resource) => (r.class as { code: string }).code;
    expect(await count("SELECT count(*) AS n FROM hospital_spell")).toBe(
      distinct("Encounter", (r) => cls(r) === "IMP"),
    );
    expect(await count("SELECT count(*) AS n FROM ae_attendance")).toBe(
      distinct("Encounter", (r) => cls(r) === "EMER"),
    );
    expect(await count("SELECT count(*) AS n FROM imaging_request")).toBe(distinct("ImagingStudy"));
    expect(await count("SELECT count(*) AS n FROM organisation")).toBe(distinct("Organization"));
    expect(await count("SELECT count(*) AS n FROM practitioner")).toBe(distinct("Practitioner"));
    // Immunizations are CVX-coded events; every one is in gp_event.
    expect(await count("SELECT count(*) AS n FROM gp_event WHERE coding_system = 'cvx'")).toBe(
      distinct("Immunization"),
    );
    expect(await count("SELECT count(*) AS n FROM gp_event WHERE coding_system = 'loinc'")).toBe(
      distinct("Observation") + distinct("DiagnosticReport"),
    );
  });

  it("quarantines unsupported types with a reason, and the one medication dated before birth", async () => {
    const q = await wh.all<{ reason_code: string; n: bigint }>(
      "SELECT reason_code, count(*) AS n FROM quarantine GROUP BY 1 ORDER BY 1",
    );
    const unsupported = raw.filter((r) => !SUPPORTED.has(r.resourceType)).length;
    const births = new Map(
      raw.filter((r) => r.resourceType === "Patient").map((r) => [r.id, String(r.birthDate)]),
    );
    const beforeBirth = raw.filter((r) => {
      if (r.resourceType !== "MedicationRequest") return false;
      const patient = (r.subject as { reference: string }).reference.replace("urn:uuid:", "");
      return String(r.authoredOn).slice(0, 10) < (births.get(patient) ?? "");
    }).length;
    expect(Object.fromEntries(q.map((r) => [r.reason_code, Number(r.n)]))).toEqual({
      unsupported_resource_type: unsupported,
      ...(beforeBirth > 0 ? { date_before_birth: beforeBirth } : {}),
    });
  });

  it("keeps names, identifiers and exact birth dates out of the warehouse", async () => {
    const patients = raw.filter((r) => r.resourceType === "Patient");
    const secrets = patients.flatMap((p) => [
      p.id,
      ...((p.name as { family: string }[]) ?? []).map((n) => n.family),
      ...((p.identifier as { value: string }[]) ?? []).map((i) => i.value),
    ]);
    const columns = await wh.all<{ table_name: string; column_name: string }>(
      "SELECT table_name, column_name FROM information_schema.columns WHERE data_type = 'VARCHAR' AND table_schema = 'main' AND table_catalog = current_database()",
    );
    const list = secrets.map((s) => `'${s.replaceAll("'", "''")}'`).join(", ");
    for (const c of columns) {
      const hits = await wh.one<{ n: bigint }>(
        `SELECT count(*) AS n FROM "${c.table_name}" WHERE "${c.column_name}" IN (${list})`,
      );
      expect(hits.n, `${c.table_name}.${c.column_name}`).toBe(0n);
    }
    const days = await wh.one<{ n: bigint }>("SELECT count(*) AS n FROM person WHERE day(birth_month) <> 1");
    expect(days.n).toBe(0n);
  });

  it("re-identifies a person key to the source patient id, outside the warehouse", async () => {
    const store = await openReidentification(reid);
    try {
      const ids = await wh.all<{ person_id: bigint }>(
        "SELECT person_id FROM person ORDER BY person_id LIMIT 5",
      );
      const found = await store.lookup([...ids.map((r) => r.person_id), 12345n]);
      expect(found.size).toBe(5);
      const patientIds = new Set(raw.filter((r) => r.resourceType === "Patient").map((r) => r.id));
      for (const v of found.values()) expect(patientIds.has(v)).toBe(true);
    } finally {
      store.close();
    }
  });

  it("gives emergency admissions: Synthea's inpatient stays typed 183452005 (Emergency hospital admission) are emergency spells", async () => {
    // Counted here from the raw JSON: inpatient-class Encounters by their SNOMED CT type.
    const inpatient = raw.filter(
      (r) =>
        r.resourceType === "Encounter" &&
        ["IMP", "ACUTE", "NONAC"].includes((r.class as { code?: string })?.code ?? ""),
    );
    const typed = (codes: string[]) =>
      inpatient.filter((r) =>
        (r.type as { coding?: { code?: string }[] }[] | undefined)?.some((t) =>
          t.coding?.some((c) => codes.includes(c.code ?? "")),
        ),
      ).length;
    const rows = await wh.all<{ method: string; n: bigint }>(
      "SELECT admission_method AS method, count(*) AS n FROM hospital_spell GROUP BY 1",
    );
    const count = (m: string) => Number(rows.find((r) => r.method === m)?.n ?? 0);
    expect(count("emergency")).toBe(typed(["183452005"]));
    expect(count("emergency")).toBeGreaterThan(100);
    expect(count("elective")).toBe(typed(["183495009"]));
    expect(count("emergency") + count("elective") + count("unknown")).toBe(inpatient.length);
    // Synthea has no UK addresses: no LSOA, reported rather than dropped.
    expect(report.lsoa).toMatchObject({
      people: 300,
      fromExtension: 0,
      fromPostcode: 0,
      unknown: 300,
      postcodeLookup: false,
    });
  });

  it("loading the same bundles again changes nothing", async () => {
    const fingerprint = async () =>
      wh.all(`
        SELECT 'person' AS t, count(*) AS n, sum(hash(person)) AS h FROM person UNION ALL
        SELECT 'gp_event', count(*), sum(hash(gp_event)) FROM gp_event UNION ALL
        SELECT 'medication_issue', count(*), sum(hash(medication_issue)) FROM medication_issue UNION ALL
        SELECT 'quarantine', count(*), sum(hash(quarantine)) FROM quarantine UNION ALL
        SELECT 'source_record', count(*), sum(hash(source_record)) FROM source_record ORDER BY 1`);
    const before = await fingerprint();
    await ingestPath(wh, join(SYNTHEA, "fhir-r4-bundles-300"), { key, today: "2021-04-01" });
    expect(await fingerprint()).toEqual(before);
  }, 120_000);
});

describe("FHIR Bulk NDJSON and Synthea CSV samples", () => {
  it("loads the Bulk NDJSON export: lines counted independently, log.ndjson ignored", async () => {
    const dir = join(SYNTHEA, "bulk-ndjson-10");
    const wh = await Warehouse.open(join(tmp, "bulk.duckdb"));
    try {
      const report = await ingestPath(wh, dir, { key, today: "2024-08-06" });
      const expected: Record<string, number> = {};
      for (const f of readdirSync(dir).filter((n) => /^[A-Z].*\.ndjson$/.test(n))) {
        const lines = readFileSync(join(dir, f), "utf8")
          .split("\n")
          .filter((l) => l.trim() !== "");
        for (const l of lines) {
          const t = (JSON.parse(l) as Resource).resourceType;
          expected[t] = (expected[t] ?? 0) + 1;
        }
      }
      const byType: Record<string, number> = {};
      for (const f of report.files)
        for (const [t, c] of Object.entries(f.resourceTypes ?? {})) byType[t] = (byType[t] ?? 0) + c.rowsRead;
      expect(byType).toEqual(expected);
      expect(report.ignoredFiles).toEqual(["LICENSE", "log.ndjson"]);
      expect(report.extractDate).toBe("2024-08-06"); // the export's transactionTime
      expect(report.persons).toBe(expected.Patient);
      expect(report.rowsLoaded + report.rowsQuarantined).toBe(report.rowsRead);
    } finally {
      wh.close();
    }
  });

  it("loads the Synthea CSV export: every data row of every file accounted for", async () => {
    const dir = join(SYNTHEA, "csv-27");
    const wh = await Warehouse.open(join(tmp, "csv27.duckdb"));
    try {
      const report = await ingestPath(wh, dir, { key, today: "2026-01-01" });
      const patients = readFileSync(join(dir, "patients.csv"), "utf8").trim().split("\n").length - 1;
      expect(report.persons).toBe(patients);
      for (const f of report.files) {
        // These files have no quoted newlines: data rows = lines - header.
        const lines = readFileSync(join(dir, f.file), "utf8").trim().split("\n").length - 1;
        expect(f.rowsRead, f.file).toBe(lines);
        expect(f.rowsLoaded + f.rowsQuarantined, f.file).toBe(f.rowsRead);
      }
      const events = await wh.one<{ n: bigint }>(
        "SELECT count(*) AS n FROM gp_event WHERE coding_system = 'snomedct'",
      );
      expect(Number(events.n)).toBeGreaterThan(0);
    } finally {
      wh.close();
    }
  });
});
