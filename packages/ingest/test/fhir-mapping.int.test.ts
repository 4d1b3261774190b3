// FHIR Encounters → admission method, and Patient addresses → LSOA, case by case: UK Core's
// admission method extension, priority, admit source and the Encounter type (docs/fhir-ingest.md);
// an LSOA extension, a postcode found through a lookup, and people whose LSOA stays unknown.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildWarehouse } from "@bevan/build";
import { Warehouse } from "@bevan/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SHARED_DATA } from "../../../test/paths.ts";
import { UKCORE_ADMISSION_METHOD_URL } from "../src/fhir/admission-method.ts";
import { LSOA_EXTENSION_URLS } from "../src/fhir/extract.ts";
import { ingestPath } from "../src/ingest.ts";
import { loadPseudonymKey } from "../src/pseudonymise.ts";
import { loadReferenceTables } from "../src/reference.ts";

const tmp = mkdtempSync(join(tmpdir(), "bevan-fhirmap-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const key = loadPseudonymKey(join(tmp, "secrets", "key"), { createDevKey: true });

const snomed = (code: string) => ({ coding: [{ system: "http://snomed.info/sct", code }] });
/** Encounter id → what it carries, and the admission method it must give. */
const ENCOUNTERS: [string, Record<string, unknown>, string][] = [
  [
    "uk21",
    { extension: [{ url: UKCORE_ADMISSION_METHOD_URL, valueCodeableConcept: { coding: [{ code: "21" }] } }] },
    "emergency",
  ],
  [
    "uk11",
    { extension: [{ url: UKCORE_ADMISSION_METHOD_URL, valueCodeableConcept: { coding: [{ code: "11" }] } }] },
    "elective",
  ],
  [
    "uk31",
    { extension: [{ url: UKCORE_ADMISSION_METHOD_URL, valueCodeableConcept: { coding: [{ code: "31" }] } }] },
    "maternity",
  ],
  [
    "uk81",
    { extension: [{ url: UKCORE_ADMISSION_METHOD_URL, valueCodeableConcept: { coding: [{ code: "81" }] } }] },
    "transfer",
  ],
  // The extension wins over a type that says otherwise.
  [
    "uk12-typed",
    {
      extension: [{ url: UKCORE_ADMISSION_METHOD_URL, valueCodeableConcept: { coding: [{ code: "12" }] } }],
      type: [snomed("183452005")],
    },
    "elective",
  ],
  ["priorityEM", { priority: { coding: [{ code: "EM" }] } }, "emergency"],
  ["priorityEL", { priority: { coding: [{ code: "EL" }] } }, "elective"],
  ["sourceEmd", { hospitalization: { admitSource: { coding: [{ code: "emd" }] } } }, "emergency"],
  ["typeEmergency", { type: [snomed("183452005")] }, "emergency"],
  ["typeElective", { type: [snomed("8715000")] }, "elective"],
  ["typeNeutral", { type: [snomed("308540004")] }, "unknown"],
  ["nothing", {}, "unknown"],
];

/** Patient id → its address, and the LSOA it must get (postcodes map through the test's lookup). */
const PATIENTS: [string, Record<string, unknown>[] | undefined, string | null][] = [
  [
    "p-ext",
    [
      {
        use: "home",
        postalCode: "ZZ9 9ZZ",
        extension: [{ url: LSOA_EXTENSION_URLS[0], valueString: "E01006074" }],
      },
    ],
    "E01006074",
  ],
  ["p-postcode", [{ use: "home", postalCode: "m33 7ab" }], "E01006075"],
  [
    "p-old-then-home",
    [
      { use: "old", postalCode: "M33 7AB" },
      { use: "home", postalCode: "M41 0XY" },
    ],
    "E01006080",
  ],
  ["p-unknown-postcode", [{ postalCode: "SW1A 1AA" }], null],
  ["p-no-address", undefined, null],
];

const LOOKUP = "pcds,lsoa21cd,imd\nM33 7AB,E01006075,5\nM41 0XY,E01006080,3\nM1 1AA,not-an-lsoa,1\n";

function bundle(): unknown {
  const entry: unknown[] = [];
  for (const [id, address] of PATIENTS)
    entry.push({
      resource: {
        resourceType: "Patient",
        id,
        gender: "female",
        birthDate: "1960-05-01",
        ...(address ? { address } : {}),
      },
    });
  for (const [id, extra] of ENCOUNTERS)
    entry.push({
      resource: {
        resourceType: "Encounter",
        id,
        status: "finished",
        class: { system: "http://terminology.hl7.org/CodeSystem/v3-ActCode", code: "IMP" },
        subject: { reference: "Patient/p-ext" },
        period: { start: "2025-06-01", end: "2025-06-04" },
        ...extra,
      },
    });
  return { resourceType: "Bundle", type: "collection", entry };
}

let wh: Warehouse;
let report: Awaited<ReturnType<typeof ingestPath>>;

beforeAll(async () => {
  const input = join(tmp, "input");
  const { mkdirSync } = await import("node:fs");
  mkdirSync(input, { recursive: true });
  writeFileSync(join(input, "bundle.json"), JSON.stringify(bundle()));
  writeFileSync(join(tmp, "lookup.csv"), LOOKUP);
  wh = await Warehouse.open(join(tmp, "w.duckdb"));
  report = await ingestPath(wh, input, {
    key,
    today: "2026-03-31",
    extractDate: "2026-03-31",
    postcodeLookup: join(tmp, "lookup.csv"),
  });
  await loadReferenceTables(wh, SHARED_DATA);
  await buildWarehouse(wh, { sharedDataDir: SHARED_DATA });
}, 120_000);
afterAll(() => wh.close());

describe("FHIR admission method", () => {
  it("follows the mapping table: UK Core extension, then priority, admit source, Encounter type; else unknown", async () => {
    const rows = await wh.all<{ spell_id: string; admission_method: string }>(
      "SELECT spell_id, admission_method FROM hospital_spell ORDER BY spell_id",
    );
    const got = Object.fromEntries(rows.map((r) => [r.spell_id, r.admission_method]));
    expect(got).toEqual(Object.fromEntries(ENCOUNTERS.map(([id, , method]) => [id, method])));
  });
});

describe("FHIR address → LSOA → IMD", () => {
  it("takes an LSOA extension, else the home address's postcode through the lookup; else unknown", async () => {
    const rows = await wh.all<{ lsoa_code: string | null }>(
      "SELECT lsoa_code FROM person ORDER BY lsoa_code",
    );
    expect(rows.map((r) => r.lsoa_code).sort()).toEqual(
      PATIENTS.map(([, , lsoa]) => lsoa).sort((a, b) => String(a).localeCompare(String(b))),
    );
    expect(report.lsoa).toEqual({
      people: 5,
      fromExtension: 1,
      fromPostcode: 2,
      unknown: 2,
      withPostcode: 4,
      postcodeLookup: true,
    });
  });

  it("gives the people with an LSOA their IMD after the build; the others stay unknown, and the data-quality view counts them", async () => {
    const r = await wh.one<{ with_imd: bigint; without: bigint }>(
      "SELECT count(imd_decile) AS with_imd, count(*) - count(imd_decile) AS without FROM person_asof",
    );
    expect(Number(r.with_imd)).toBe(3);
    expect(Number(r.without)).toBe(2);
  });
});

describe("a re-identification store locked by a running server", () => {
  it("stops with a message naming the store and what to do, after the load itself has committed", async () => {
    const { spawn } = await import("node:child_process");
    const { PINNED_NODE, REPO_ROOT } = await import("../../../test/paths.ts");
    const dbPath = join(tmp, "locked", "w.duckdb");
    const store = join(tmp, "locked", "secrets", "reidentification.duckdb");
    const { mkdirSync } = await import("node:fs");
    mkdirSync(join(tmp, "locked", "secrets"), { recursive: true });
    // Create the store, then hold it open in another process, as `bevan serve` does.
    const first = await Warehouse.open(store);
    await first.exec(
      "CREATE TABLE reidentification (person_id BIGINT, identifier VARCHAR, identifier_kind VARCHAR)",
    );
    first.close();
    const holder = spawn(
      PINNED_NODE,
      [
        "--input-type=module",
        "-e",
        `import { DuckDBInstance } from "@duckdb/node-api"; const i = await DuckDBInstance.create(${JSON.stringify(store)}, { access_mode: "READ_ONLY" }); await i.connect(); process.stdout.write("open\\n"); setInterval(() => {}, 1000);`,
      ],
      { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "inherit"] },
    );
    try {
      await new Promise<void>((ok) => holder.stdout?.once("data", () => ok()));
      const w = await Warehouse.open(dbPath);
      try {
        await expect(
          ingestPath(w, join(SHARED_DATA, "synthea", "bulk-ndjson-10"), {
            key,
            today: "2024-08-06",
            reidentificationPath: store,
          }),
        ).rejects.toMatchObject({
          name: "ReidentificationStoreLockedError",
          message: expect.stringContaining("Stop the server, then run the same `bevan ingest` again"),
        });
        const loaded = await w.one<{ n: bigint }>("SELECT count(*) AS n FROM person");
        // Every Patient in the export (counted from the file itself: the folder holds 13, not the 10 its name says).
        const patients = readFileSync(
          join(SHARED_DATA, "synthea", "bulk-ndjson-10", "Patient.000.ndjson"),
          "utf8",
        )
          .split("\n")
          .filter((l) => l.trim() !== "").length;
        expect(Number(loaded.n)).toBe(patients);
      } finally {
        w.close();
      }
    } finally {
      holder.kill();
    }
  }, 180_000);
});
