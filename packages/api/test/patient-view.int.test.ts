// The patient view's details on the shared 20,000-person warehouse, against independent SQL:
// medicines in the last 12 months, diabetes care gaps, safety audit findings, the full
// timeline's size and its truncation flag; and still one audit event per read.
import { Warehouse } from "@bevan/engine";
import { queryAudit } from "@bevan/state";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startApi } from "./harness.ts";

let api: Awaited<ReturnType<typeof startApi>>;
let cookie = "";
let subject: {
  id: string;
  meds: Set<string>;
  falseProcesses: number;
  audits: Set<string>;
  contacts: number;
};

beforeAll(async () => {
  const demo = inject("demo");
  api = await startApi(demo);
  cookie = (await api.signIn("clinician")).cookie;
  const wh = await Warehouse.open(demo.db, { readOnly: true });
  try {
    // A person at the clinician's practice on the diabetes register, with the most GP events.
    const p = await wh.one<{ person_id: bigint }>(
      `SELECT p.person_id FROM person_asof p JOIN diabetes_care c USING (person_id)
       WHERE p.registered AND p.practice_code = $practice
       ORDER BY (SELECT count(*) FROM gp_event g WHERE g.person_id = p.person_id) DESC, p.person_id LIMIT 1`,
      { practice: api.subjects.practiceIn },
    );
    const id = p.person_id;
    const meds = await wh.all<{ code: string }>(
      `SELECT DISTINCT code FROM medication_issue WHERE person_id = $id
       AND issue_date > DATE '2025-03-31' AND issue_date <= DATE '2026-03-31'`,
      { id },
    );
    const care = await wh.one<{ n: number }>(
      `SELECT (CASE WHEN hba1c THEN 0 ELSE 1 END) + (CASE WHEN blood_pressure THEN 0 ELSE 1 END)
            + (CASE WHEN cholesterol THEN 0 ELSE 1 END) + (CASE WHEN serum_creatinine THEN 0 ELSE 1 END)
            + (CASE WHEN urine_albumin THEN 0 ELSE 1 END) + (CASE WHEN bmi THEN 0 ELSE 1 END)
            + (CASE WHEN smoking THEN 0 ELSE 1 END) + (CASE WHEN foot_surveillance = FALSE THEN 1 ELSE 0 END) AS n
       FROM diabetes_care WHERE person_id = $id`,
      { id },
    );
    const audits = await wh.all<{ audit_id: string }>(
      "SELECT audit_id FROM safety_audit_finding WHERE person_id = $id",
      { id },
    );
    const tables = [
      "gp_event",
      "medication_issue",
      "hospital_spell",
      "ae_attendance",
      "outpatient_attendance",
      "community_contact",
      "social_care_service",
      "imaging_request",
    ];
    let contacts = 0;
    for (const t of tables)
      contacts += Number(
        (await wh.one<{ n: bigint }>(`SELECT count(*) AS n FROM ${t} WHERE person_id = $id`, { id })).n,
      );
    subject = {
      id: String(id),
      meds: new Set(meds.map((m) => m.code)),
      falseProcesses: Number(care.n),
      audits: new Set(audits.map((a) => a.audit_id)),
      contacts,
    };
  } finally {
    wh.close();
  }
});
afterAll(async () => api.close());

describe("GET /api/patients/:personId details", () => {
  it("lists the medicines, care gaps and audit findings the base tables hold, with one audit event", async () => {
    const before = (await queryAudit(api.state, { action: "patient.read", limit: 1000 })).length;
    const res = await api.app.inject({
      url: `/api/patients/${subject.id}?timelineLimit=2000`,
      headers: { cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(new Set(r.details.medicines.map((m: { code: string }) => m.code))).toEqual(subject.meds);
    const processGaps = r.details.careGaps.filter((g: string) => g.endsWith("not recorded in 12 months"));
    expect(processGaps.length).toBe(subject.falseProcesses);
    expect(new Set(r.details.safetyAudits.map((a: { audit: string }) => a.audit))).toEqual(subject.audits);
    expect(r.details.frailty.conditionCount).toBeGreaterThanOrEqual(1);
    for (const v of r.details.latestValues) expect(v.date <= "2026-03-31").toBe(true);
    expect(r.timeline.length).toBe(Math.min(subject.contacts, 2000));
    expect(r.timelineTruncated).toBe(subject.contacts > 2000);
    const after = (await queryAudit(api.state, { action: "patient.read", limit: 1000 })).length;
    expect(after).toBe(before + 1);
  });

  it("names each timeline row: SNOMED CT terms from the codelists, ICD-10 titles, values with units", async () => {
    const r = (
      await api.app.inject({ url: `/api/patients/${subject.id}?timelineLimit=2000`, headers: { cookie } })
    ).json();
    type Row = { kind: string; code: string | null; term: string | null; detail: string };
    const rows: Row[] = r.timeline;
    const wh = await Warehouse.open(inject("demo").db, { readOnly: true });
    try {
      // Independent: the codelists' term for each GP event's code, and the values with units.
      const gp = await wh.all<{ code: string; term: string | null }>(
        `SELECT DISTINCT g.code, (SELECT min(term) FROM codelist_code c WHERE c.code = g.code) AS term
         FROM gp_event g WHERE g.person_id = $id`,
        { id: BigInt(subject.id) },
      );
      const termOf = new Map(gp.map((g) => [g.code, g.term]));
      const gpRows = rows.filter((e) => e.kind === "gp_event");
      expect(gpRows.length).toBeGreaterThan(0);
      for (const e of gpRows) expect(e.term, e.code ?? "").toBe(termOf.get(e.code ?? "") ?? null);
      expect(gpRows.filter((e) => e.term !== null).length / gpRows.length).toBeGreaterThan(0.9);
    } finally {
      wh.close();
    }
    for (const e of rows) {
      expect(e.detail).not.toMatch(/snomedct|ctv3|read2|icd10|_/i);
      if (e.kind === "admission") expect(e.term, e.code ?? "").not.toBeNull();
    }
  });

  it("caps the timeline newest first and says it was truncated", async () => {
    const r = (
      await api.app.inject({ url: `/api/patients/${subject.id}?timelineLimit=3`, headers: { cookie } })
    ).json();
    expect(r.timeline).toHaveLength(3);
    expect(r.timelineTruncated).toBe(subject.contacts > 3);
    const dates = r.timeline.map((e: { date: string }) => e.date);
    expect([...dates].sort().reverse()).toEqual(dates);
  });
});
