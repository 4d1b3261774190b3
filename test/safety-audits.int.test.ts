// Each medicines-safety audit, run by `bevan build` on the shared 20,000-person synthetic
// warehouse, finds exactly the cases the generator planted (truth/audits.csv) and no others.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SAFETY_AUDITS } from "@bevan/clinical";
import { parseCsvObjects } from "@bevan/domain";
import { Warehouse } from "@bevan/engine";
import { loadPseudonymKey, pseudonymiser } from "@bevan/ingest";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

let wh: Warehouse;
let found: Map<string, Map<bigint, string>>;
let planted: Map<string, Map<bigint, string>>;

beforeAll(async () => {
  const { db, extract, keyFile } = inject("demo");
  wh = await Warehouse.open(db, { readOnly: true });
  found = new Map();
  for (const r of await wh.all<{ audit_id: string; person_id: bigint; detail: string }>(
    "SELECT audit_id, person_id, detail FROM safety_audit_finding",
  )) {
    if (!found.has(r.audit_id)) found.set(r.audit_id, new Map());
    found.get(r.audit_id)?.set(r.person_id, r.detail);
  }
  const pseudonym = pseudonymiser(loadPseudonymKey(keyFile).key);
  planted = new Map();
  for (const r of parseCsvObjects(readFileSync(join(extract, "truth", "audits.csv"), "utf8"))) {
    const audit = r.audit ?? "";
    if (!planted.has(audit)) planted.set(audit, new Map());
    planted.get(audit)?.set(pseudonym(r.nhs_number ?? ""), r.detail ?? "");
  }
});
afterAll(() => wh.close());

describe("medicines-safety audits against the generator's planted cases", () => {
  it.each(SAFETY_AUDITS.map((a) => [a.id] as const))("%s finds exactly the planted cases", (id) => {
    const want = planted.get(id) ?? new Map();
    const got = found.get(id) ?? new Map();
    expect(want.size).toBeGreaterThan(0);
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    for (const [person, detail] of want) expect(got.get(person)).toBe(detail);
  });
});
