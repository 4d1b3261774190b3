// Saved cohorts: editing creates a new version; old versions never change; results can pin a version.

import { duckdb } from "@bevan/engine";
import { describe, expect, it } from "vitest";
import { age, and, cohort, not, register, savedCohort } from "../src/cohort/builder.ts";
import { compileCohort, UnresolvedSavedCohortError } from "../src/cohort/compile.ts";
import { resolveSavedCohorts, SavedCohortPopulationError } from "../src/cohort/resolve.ts";
import { MemoryCohortStore, SavedCohortNotFoundError } from "../src/cohort/store.ts";

const store = () => {
  let n = 0;
  return new MemoryCohortStore({ now: () => new Date("2026-04-01T09:00:00Z"), newId: () => `c${++n}` });
};

describe("MemoryCohortStore", () => {
  it("creates version 1 and each edit creates the next version, keeping the old ones", async () => {
    const s = store();
    const v1 = await s.create(cohort("diabetes", register("DM")), { savedBy: "analyst" });
    expect([v1.id, v1.version, v1.savedAt]).toEqual(["c1", 1, "2026-04-01T09:00:00.000Z"]);
    const v2 = await s.update("c1", cohort("diabetes 65+", and(register("DM"), age({ min: 65 }))), {
      savedBy: "analyst",
      note: "add age",
    });
    expect(v2.version).toBe(2);
    expect((await s.get("c1", 1))?.definition.name).toBe("diabetes");
    expect((await s.get("c1"))?.definition.name).toBe("diabetes 65+");
    expect((await s.history("c1")).map((v) => v.version)).toEqual([1, 2]);
    expect(await s.list()).toHaveLength(1);
  });
  it("an unchanged definition (in any key order) does not create a version", async () => {
    const s = store();
    await s.create(cohort("d", register("DM")), { savedBy: "a" });
    const same = JSON.parse(
      '{"criteria":{"register":"DM","kind":"register"},"population":"registered","name":"d","language":1,"kind":"cohort"}',
    );
    expect((await s.update("c1", same, { savedBy: "a" })).version).toBe(1);
  });
  it("validates what it saves and refuses unknown ids", async () => {
    const s = store();
    await expect(s.create({ ...cohort("x", register("DM")), name: "" }, { savedBy: "a" })).rejects.toThrow(
      /name/,
    );
    await expect(s.update("nope", cohort("x", register("DM")), { savedBy: "a" })).rejects.toThrow(
      SavedCohortNotFoundError,
    );
  });
});

describe("saved cohort references", () => {
  it("resolve to the pinned version, so later edits do not change a result", async () => {
    const s = store();
    await s.create(cohort("dm", register("DM")), { savedBy: "a" });
    await s.update("c1", cohort("hyp", register("HYP")), { savedBy: "a" });
    const r = await resolveSavedCohorts(cohort("not dm", not(savedCohort("c1", 1))), s);
    expect(r.criteria).toEqual({ kind: "not", of: { kind: "register", register: "DM" } });
  });
  it("fail clearly when missing, over another population, or compiled unresolved", async () => {
    const s = store();
    await s.create(cohort("all", register("DM"), { population: "everyone" }), { savedBy: "a" });
    await expect(resolveSavedCohorts(cohort("x", savedCohort("c9", 1)), s)).rejects.toThrow(
      SavedCohortNotFoundError,
    );
    await expect(resolveSavedCohorts(cohort("x", savedCohort("c1", 1)), s)).rejects.toThrow(
      SavedCohortPopulationError,
    );
    expect(() =>
      compileCohort(cohort("x", savedCohort("c1", 1)), { dialect: duckdb, asOf: "2026-03-31" }),
    ).toThrow(UnresolvedSavedCohortError);
  });
});
