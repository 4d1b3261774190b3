// Which costing years each point of delivery's data covers: a year counts only if its source
// holds data from the start of the year (a month's grace), so a model never learns that
// nobody was prescribed anything in a year before prescribing data began.
import { getBuildInfo, type Warehouse } from "@bevan/engine";
import { POINTS_OF_DELIVERY, type PointOfDelivery } from "./currencies.ts";

const SOURCE: Record<PointOfDelivery, { table: string; column: string } | null> = {
  emergency_admission: { table: "hospital_spell", column: "admission_date" },
  elective_day_case: { table: "hospital_spell", column: "admission_date" },
  elective_ordinary: { table: "hospital_spell", column: "admission_date" },
  maternity: { table: "hospital_spell", column: "admission_date" },
  other_admission: { table: "hospital_spell", column: "admission_date" },
  ae: { table: "ae_attendance", column: "arrival_date" },
  outpatient_first: { table: "outpatient_attendance", column: "appointment_date" },
  outpatient_follow_up: { table: "outpatient_attendance", column: "appointment_date" },
  community: { table: "community_contact", column: "contact_date" },
  // The GP record holds coded history from long before any extract window: always covered.
  gp: null,
  prescribing: { table: "medication_issue", column: "issue_date" },
  // Care episodes open for years: the earliest start says nothing about when recording began.
  social_care: null,
  diagnostic_imaging: { table: "imaging_request", column: "request_date" },
};

export interface PodCoverage {
  readonly pointOfDelivery: PointOfDelivery;
  /** First date in the source, or null when coverage is assumed (GP record, social care). */
  readonly dataFrom: string | null;
  /** The costing years (0 = the 12 months to the as-of date) the data covers. */
  readonly years: readonly number[];
}

const GRACE_DAYS = 31;

export async function podCoverage(wh: Warehouse, years: number): Promise<PodCoverage[]> {
  const info = await getBuildInfo(wh);
  const asOf = info.as_of;
  if (!asOf) throw new Error("coverage needs a built warehouse");
  const firsts = new Map<string, string | null>();
  for (const s of Object.values(SOURCE)) {
    if (!s || firsts.has(`${s.table}.${s.column}`)) continue;
    const row = await wh.one<{ first: Date | null }>(`SELECT min(${s.column}) AS first FROM ${s.table}`);
    firsts.set(`${s.table}.${s.column}`, row.first ? row.first.toISOString().slice(0, 10) : null);
  }
  const yearStart = (k: number) => {
    const t = new Date(`${asOf}T00:00:00Z`);
    t.setUTCFullYear(t.getUTCFullYear() - (k + 1));
    t.setUTCDate(t.getUTCDate() + GRACE_DAYS);
    return t.toISOString().slice(0, 10);
  };
  return POINTS_OF_DELIVERY.map((pod) => {
    const s = SOURCE[pod];
    if (!s)
      return { pointOfDelivery: pod, dataFrom: null, years: Array.from({ length: years }, (_, k) => k) };
    const first = firsts.get(`${s.table}.${s.column}`) ?? null;
    const covered =
      first === null ? [] : Array.from({ length: years }, (_, k) => k).filter((k) => first <= yearStart(k));
    return { pointOfDelivery: pod, dataFrom: first, years: covered };
  });
}

/** The points of delivery covered in every one of `years`. */
export function coveredIn(coverage: readonly PodCoverage[], years: readonly number[]): PointOfDelivery[] {
  return coverage.filter((c) => years.every((y) => c.years.includes(y))).map((c) => c.pointOfDelivery);
}
