// The data-quality report on a hand-made FHIR load whose completeness, timeliness and
// per-practice figures are worked out by hand in the comments.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Warehouse } from "@bevan/engine";
import { afterAll, describe, expect, it } from "vitest";
import { dataQuality } from "../src/dq.ts";
import { ingestPath } from "../src/ingest.ts";
import { loadPseudonymKey } from "../src/pseudonymise.ts";

const tmp = mkdtempSync(join(tmpdir(), "bevan-dq-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const lines = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join("\n");
const code = { coding: [{ system: "http://snomed.info/sct", code: "38341003" }] };
const condition = (id: string, patient: string, date: string, encounter?: string) => ({
  resourceType: "Condition",
  id,
  subject: { reference: `Patient/${patient}` },
  ...(encounter ? { encounter: { reference: `Encounter/${encounter}` } } : {}),
  onsetDateTime: date,
  code,
});

describe("bevan dq", () => {
  it("reports completeness, timeliness and practice figures that match a hand count", async () => {
    const dir = join(tmp, "in");
    mkdirSync(dir);
    writeFileSync(
      join(dir, "Patient.ndjson"),
      lines([
        { resourceType: "Patient", id: "pA", birthDate: "1950-02-03", gender: "male" },
        { resourceType: "Patient", id: "pB", birthDate: "1990-07-08", gender: "female" },
      ]),
    );
    writeFileSync(
      join(dir, "Organization.ndjson"),
      lines([{ resourceType: "Organization", id: "o1", name: "A practice" }]),
    );
    writeFileSync(
      join(dir, "Encounter.ndjson"),
      lines([
        {
          resourceType: "Encounter",
          id: "e1",
          class: { code: "AMB" },
          subject: { reference: "Patient/pA" },
          serviceProvider: { reference: "Organization/o1" },
          period: { start: "2025-06-01" },
          type: [code],
        },
      ]),
    );
    writeFileSync(
      join(dir, "Condition.ndjson"),
      lines([
        condition("c1", "pA", "2025-06-01", "e1"),
        condition("c2", "pA", "2010-01-01"),
        condition("c3", "pB", "2026-01-15", "e1"),
        condition("c4", "pB", "2024-01-01"),
      ]),
    );
    const wh = await Warehouse.open(join(tmp, "w.duckdb"));
    try {
      const key = loadPseudonymKey(join(tmp, "key"), { createDevKey: true });
      await ingestPath(wh, dir, { key, today: "2026-04-01", extractDate: "2026-03-31" });
      const r = await dataQuality(wh);
      expect(r.extractDate).toBe("2026-03-31");
      const events = r.sources.find((s) => s.source === "gp_event");
      // Five events (e1, c1–c4); an organisation is known for e1 and, through e1, c1 and c3.
      expect(events).toMatchObject({
        origin: "source-records",
        rows: 5,
        completeness: { source_org: 0.6 },
        // Latest 2026-01-15 is 75 days before 2026-03-31; e1, c1, c3 fall in the last 12 months.
        timeliness: { latestDate: "2026-01-15", lagDays: 75, share12Months: 0.6 },
        codeCoverage: { bySystem: { snomedct: 5 }, inCodelists: null },
      });
      // pA's practice comes from their ambulatory encounter; pB has none.
      expect(r.sources.find((s) => s.source === "person")?.completeness).toEqual({
        lsoa_code: 0,
        ethnicity: 0,
        practice_code: 0.5,
      });
      expect(r.practices).toEqual([
        {
          practiceCode: "o1",
          persons: 1,
          lsoaMissing: 1,
          ethnicityUnknown: 1,
          gpEventsPerPerson: 3,
          latestGpEvent: "2025-06-01",
          gpEventsInCodelists: null,
        },
        {
          practiceCode: "unknown",
          persons: 1,
          lsoaMissing: 1,
          ethnicityUnknown: 1,
          gpEventsPerPerson: 2,
          latestGpEvent: "2026-01-15",
          gpEventsInCodelists: null,
        },
      ]);
    } finally {
      wh.close();
    }
  });
});
