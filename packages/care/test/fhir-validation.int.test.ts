// The demo caseload's care plans as FHIR R4, checked by the HL7/HAPI FHIR validator (base R4
// core definitions: UK Core's packages are not on the registries this project can reach) with
// zero errors, and imported back to the identical plan. The validator starts once.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createUser, openState } from "@bevan/state";
import { afterAll, describe, expect, it } from "vitest";
import {
  DEMO_CASELOAD_SIZE,
  getPlans,
  listEpisodes,
  planFromFhir,
  planToFhir,
  SYSTEMS,
  seedDemoCaseload,
} from "../src/index.ts";
import { validateFhir } from "./fhir-validator.ts";

const dir = mkdtempSync(join(tmpdir(), "bevan-fhir-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("FHIR export of the demo caseload", () => {
  it("validates with zero errors and imports back to the same plans", async () => {
    const db = await openState({ kind: "pglite" });
    try {
      const coordinator = await createUser(db, {
        username: "coordinator",
        displayName: "Sam Okoro",
        role: "care_coordinator",
        scopes: [{ level: "pcn", code: "U00001" }],
        password: "not used here",
      });
      const people = Array.from({ length: DEMO_CASELOAD_SIZE }, (_, i) => ({
        personId: String(1_000_000_000_000 + i * 7919),
        practiceCode: "A00001",
        practiceName: "Riverside Surgery",
      }));
      await seedDemoCaseload(db, { people, coordinators: [{ id: coordinator, name: "Sam Okoro" }] });
      const episodes = await listEpisodes(db, {});
      const plans = await getPlans(
        db,
        episodes.map((e) => e.personId),
      );
      expect(plans.size).toBeGreaterThanOrEqual(20);
      const files: string[] = [];
      for (const [personId, plan] of plans) {
        const e = episodes.find((x) => x.personId === personId);
        const bundle = planToFhir({
          subject: { system: SYSTEMS.pseudonym, value: personId },
          plan: plan.content,
          version: plan.version,
          status: e?.status ?? "closed",
          created: plan.createdAt,
          updated: plan.updatedAt,
        });
        // Round trip: the import gives back exactly the stored plan.
        expect(planFromFhir(JSON.parse(JSON.stringify(bundle))).plan).toEqual(plan.content);
        const file = join(dir, `${personId}.json`);
        writeFileSync(file, JSON.stringify(bundle));
        files.push(file);
      }
      const results = validateFhir(files);
      expect(results).toHaveLength(files.length);
      const errors = results.flatMap((r) =>
        r.messages
          .filter((m) => m.severity === "error" || m.severity === "fatal")
          .map((m) => `${m.location}: ${m.message}`),
      );
      expect(errors).toEqual([]);
      // The validator did look: it reports warnings (e.g. Bevan's own code systems it cannot resolve).
      expect(results.some((r) => r.messages.length > 0)).toBe(true);
    } finally {
      await db.close();
    }
  }, 900_000);
});
