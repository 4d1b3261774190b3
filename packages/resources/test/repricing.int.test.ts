// Acceptance: a small hand-made activity set repriced by the build matches a total worked out
// by hand from the default unit-cost table (data/unit-costs.csv), figure by figure; activity
// the table cannot price is in cost_gap, never silently dropped.
import { setBuildInfo, type Warehouse } from "@bevan/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCosts } from "../src/index.ts";
import { insertRows, scratchWarehouse } from "./support/scratch.ts";

let wh: Warehouse;

beforeAll(async () => {
  wh = await scratchWarehouse();
  await insertRows(wh, "organisation", [
    { org_code: "P1", org_name: "Practice one", org_type: "practice", parent_code: "PCN1" },
    { org_code: "H1", org_name: "A hospital", org_type: "acute_trust", parent_code: null },
  ]);
  const people = [1n, 2n].map((id) => ({ person_id: id, practice_code: "P1", registered: true }));
  await insertRows(wh, "person", people);
  await insertRows(wh, "person_asof", people);
  await insertRows(wh, "hospital_spell", [
    {
      spell_id: "s1",
      person_id: 1n,
      admission_date: "2025-06-01",
      admission_method: "emergency",
      primary_diagnosis: "J189",
      length_of_stay: 3,
    },
    {
      spell_id: "s2",
      person_id: 1n,
      admission_date: "2025-06-02",
      admission_method: "emergency",
      primary_diagnosis: "R074",
      length_of_stay: 0,
    },
    {
      spell_id: "s3",
      person_id: 1n,
      admission_date: "2025-06-03",
      admission_method: "emergency",
      primary_diagnosis: "N390",
      length_of_stay: 1,
    },
    {
      spell_id: "s4",
      person_id: 1n,
      admission_date: "2025-06-04",
      admission_method: "elective",
      primary_diagnosis: "H259",
      length_of_stay: 0,
    },
    {
      spell_id: "s5",
      person_id: 1n,
      admission_date: "2025-06-05",
      admission_method: "elective",
      primary_diagnosis: "M169",
      length_of_stay: 2,
    },
    {
      spell_id: "s6",
      person_id: 2n,
      admission_date: "2025-06-06",
      admission_method: "maternity",
      primary_diagnosis: "O800",
      length_of_stay: 1,
    },
    {
      spell_id: "s7",
      person_id: 2n,
      admission_date: "2025-06-07",
      admission_method: "emergency",
      primary_diagnosis: "I639",
      length_of_stay: 10,
    },
    // Before the three costing years: not costed at all.
    {
      spell_id: "s8",
      person_id: 2n,
      admission_date: "2022-06-07",
      admission_method: "emergency",
      primary_diagnosis: "I639",
      length_of_stay: 10,
    },
  ]);
  await insertRows(wh, "ae_attendance", [
    { attendance_id: "a1", person_id: 1n, arrival_date: "2025-07-01", department_type: 1 },
    { attendance_id: "a2", person_id: 1n, arrival_date: "2025-07-02", department_type: 3 },
    { attendance_id: "a3", person_id: 1n, arrival_date: "2025-07-03", department_type: null },
    { attendance_id: "a4", person_id: 1n, arrival_date: "2025-02-01", department_type: 1 },
  ]);
  await insertRows(wh, "outpatient_attendance", [
    {
      attendance_id: "o1",
      person_id: 1n,
      appointment_date: "2025-08-01",
      first_attendance: true,
      attended: true,
    },
    {
      attendance_id: "o2",
      person_id: 1n,
      appointment_date: "2025-08-02",
      first_attendance: false,
      attended: true,
    },
    {
      attendance_id: "o3",
      person_id: 1n,
      appointment_date: "2025-08-03",
      first_attendance: false,
      attended: false,
    },
  ]);
  await insertRows(wh, "community_contact", [
    { contact_id: "c1", person_id: 1n, contact_date: "2025-09-01", service: "District nursing" },
    { contact_id: "c2", person_id: 1n, contact_date: "2025-09-02", service: "Wheelchair service" },
  ]);
  await insertRows(wh, "gp_event", [
    { person_id: 1n, event_date: "2025-05-01", coding_system: "snomedct", code: "a", source_org: "P1" },
    { person_id: 1n, event_date: "2025-05-01", coding_system: "snomedct", code: "b", source_org: "P1" },
    { person_id: 1n, event_date: "2025-07-01", coding_system: "snomedct", code: "a", source_org: "P1" },
    // Recorded by a hospital, not a GP contact.
    { person_id: 1n, event_date: "2025-08-01", coding_system: "snomedct", code: "a", source_org: "H1" },
  ]);
  await insertRows(wh, "medication_issue", [
    // Priced by name: the table's amlodipine row is another pack's dm+d code.
    {
      person_id: 1n,
      issue_date: "2025-09-01",
      coding_system: "dmd",
      code: "37075711000001101",
      description: "Amlodipine 5mg tablets",
      quantity: 56,
      source_org: "P1",
    },
    // Priced by code.
    {
      person_id: 1n,
      issue_date: "2025-09-02",
      coding_system: "dmd",
      code: "21677411000001106",
      description: "Apixaban 5mg tablets",
      quantity: 112,
      source_org: "P1",
    },
    {
      person_id: 1n,
      issue_date: "2025-09-03",
      coding_system: "dmd",
      code: "320139002",
      description: "Salbutamol 100micrograms/dose inhaler CFC free",
      quantity: 1,
      source_org: "P1",
    },
    {
      person_id: 1n,
      issue_date: "2025-09-04",
      coding_system: "dmd",
      code: "1068411000001105",
      description: "Omeprazole 20mg gastro-resistant capsules",
      quantity: null,
      source_org: "P1",
    },
  ]);
  await insertRows(wh, "social_care_service", [
    {
      service_id: "h1",
      person_id: 2n,
      service_type: "home_care",
      start_date: "2025-10-01",
      end_date: "2025-10-15",
    },
    {
      service_id: "r1",
      person_id: 2n,
      service_type: "residential_care",
      start_date: "2025-12-21",
      end_date: null,
    },
    {
      service_id: "h2",
      person_id: 2n,
      service_type: "home_care",
      start_date: "2025-03-17",
      end_date: "2025-04-14",
    },
    { service_id: "b1", person_id: 2n, service_type: "blue_badge", start_date: "2025-01-01", end_date: null },
  ]);
  await insertRows(wh, "imaging_request", [
    {
      request_id: "i1",
      person_id: 1n,
      modality: "CR",
      referral_source: "gp",
      request_date: "2025-10-20",
      test_date: "2025-11-01",
    },
    {
      request_id: "i2",
      person_id: 1n,
      modality: "CR",
      referral_source: "outpatient",
      request_date: "2025-10-20",
      test_date: "2025-11-01",
    },
  ]);
  await setBuildInfo(wh, { as_of: "2026-03-31" });
});

afterAll(() => wh?.close());

describe("repricing a hand-made activity set", () => {
  it("matches the total worked out by hand, figure by figure", async () => {
    await buildCosts(wh);
    // Person 1, the 12 months to 31 March 2026 (unit costs from data/unit-costs.csv):
    const person1 =
      3677.15 + // s1 emergency, J18.9 respiratory, 3 nights: NEL-RESP-LS
      527.72 + // s2 emergency, R07.4 chest pain (cardiology), 0 nights: NEL-CARD-SS
      575.07 + // s3 emergency, N39.0 (general medicine), 1 night: NEL-GEN-SS
      912.53 + // s4 elective day case: EL-DC
      6620.0 + // s5 elective, 2 nights: EL-IP
      272.97 + // a1 A&E type 1: AE-T1
      123.75 + // a2 A&E type 3: AE-T3
      272.97 + // a3 A&E type not recorded, costed as type 1
      232.07 + // o1 outpatient first attendance: OP-FIRST
      192.28 + // o2 outpatient follow-up: OP-FUP (o3 did not attend: not priced)
      58.11 + // c1 district nursing: CHS-DN
      2 * 48.0 + // two days with GP entries by the practice: GP-CONS
      56 * 0.021071 + // amlodipine 5mg, 56 tablets at 59p for 28
      112 * 0.030179; // apixaban 5mg, 112 tablets at £1.69 for 56
    // Person 2:
    const person2 =
      5921.23 + // s7 emergency, I63.9 stroke (neurology), 10 nights: NEL-NEUR-LS
      2 * 190.1 + // h1 home care, 14 days = 2 weeks
      (100 / 7) * 945.75 + // r1 residential care, 21 Dec 2025 to 31 March 2026 = 100 days
      2 * 190.1; // h2 home care, the 14 days of it from 31 March 2025
    const rows = await wh.all<{ person_id: bigint; year: number; cost: number }>(
      "SELECT person_id, year, sum(cost) AS cost FROM person_cost GROUP BY 1, 2 ORDER BY 1, 2",
    );
    const cost = (p: bigint, y: number) => rows.find((r) => r.person_id === p && r.year === y)?.cost ?? 0;
    expect(cost(1n, 0)).toBeCloseTo(person1, 6);
    expect(cost(2n, 0)).toBeCloseTo(person2, 6);
    // The year before: a4 (A&E type 1) and the first 14 days of h2.
    expect(cost(1n, 1)).toBeCloseTo(272.97, 6);
    expect(cost(2n, 1)).toBeCloseTo(2 * 190.1, 6);
    expect(rows.some((r) => r.year === 2)).toBe(false);
  });

  it("the repricing by currency adds up: units × unit cost = cost", async () => {
    const lines = await wh.all<{ units: number; unit_cost: number; cost: number }>(
      "SELECT units, unit_cost, cost FROM cost_line",
    );
    for (const l of lines) expect(l.cost).toBeCloseTo(l.units * l.unit_cost, 9);
    const [a, b] = await Promise.all([
      wh.one<{ t: number }>("SELECT sum(cost) AS t FROM cost_line"),
      wh.one<{ t: number }>("SELECT sum(cost) AS t FROM person_cost"),
    ]);
    expect(a.t).toBeCloseTo(b.t, 6);
  });

  it("lists what it could not price, and why", async () => {
    const gaps = await wh.all<{ currency: string; reason: string; activity: bigint }>(
      "SELECT currency, reason, activity FROM cost_gap WHERE year = 0 ORDER BY currency",
    );
    expect(gaps.map((g) => [g.currency, Number(g.activity)])).toEqual([
      ["CHS-OTHER", 1],
      ["DI-CR", 1],
      ["MAT-SPELL", 1],
      ["RX:1068411000001105", 1],
      ["RX:320139002", 1],
    ]);
    expect(gaps.find((g) => g.currency === "RX:1068411000001105")?.reason).toMatch(/quantity not recorded/);
    expect(gaps.find((g) => g.currency === "MAT-SPELL")?.reason).toMatch(/no unit cost/);
  });
});
