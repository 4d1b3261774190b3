// The costing rules as SQL: every activity row in the costing years gets a currency and a
// number of units (one spell, attendance, contact or day; tablets issued; weeks of a care
// episode in the year). Portable SQL: dates through the dialect, substr rather than left.
import type { Dialect } from "@bevan/engine";
import {
  COMMUNITY_CURRENCIES,
  EMERGENCY_SPECIALTIES,
  GENERAL_MEDICINE,
  SOCIAL_CARE_CURRENCIES,
} from "./currencies.ts";

export interface CostingWindow {
  readonly asOf: string;
  /** Costing years: 0 = the 12 months to the as-of date, 1 = the year before, … */
  readonly years: number;
}

/** The bounds of costing year k: dates d with from < d <= to. */
export function yearBounds(d: Dialect, asOf: string, k: number): { from: string; to: string } {
  const t = d.dateLiteral(asOf);
  return { from: d.addMonths(t, -12 * (k + 1)), to: k === 0 ? t : d.addMonths(t, -12 * k) };
}

function yearOf(d: Dialect, w: CostingWindow, col: string): string {
  const cases = Array.from({ length: w.years }, (_, k) => {
    const b = yearBounds(d, w.asOf, k);
    return `WHEN ${col} > ${b.from} AND ${col} <= ${b.to} THEN ${k}`;
  });
  return `CASE ${cases.join(" ")} END`;
}

function inYears(d: Dialect, w: CostingWindow, col: string): string {
  const all = yearBounds(d, w.asOf, w.years - 1);
  return `${col} > ${all.from} AND ${col} <= ${d.dateLiteral(w.asOf)}`;
}

/** The specialty group of an ICD-10 primary diagnosis (general medicine when none matches or it is missing). */
export function specialtySql(d: Dialect, diagnosis: string): string {
  const when = EMERGENCY_SPECIALTIES.map(
    (s) =>
      `WHEN ${s.prefixes.map((p) => `substr(${diagnosis}, 1, ${p.length}) = ${d.stringLiteral(p)}`).join(" OR ")} THEN ${d.stringLiteral(s.code)}`,
  );
  return `CASE ${when.join(" ")} ELSE ${d.stringLiteral(GENERAL_MEDICINE.code)} END`;
}

/** The currency of a hospital spell. */
export function spellCurrencySql(d: Dialect, s = "s"): string {
  return `CASE
    WHEN ${s}.admission_method = 'emergency' THEN 'NEL-' || ${specialtySql(d, `${s}.primary_diagnosis`)} || CASE WHEN ${s}.length_of_stay <= 1 THEN '-SS' ELSE '-LS' END
    WHEN ${s}.admission_method = 'elective' THEN CASE WHEN ${s}.length_of_stay = 0 THEN 'EL-DC' ELSE 'EL-IP' END
    WHEN ${s}.admission_method = 'maternity' THEN 'MAT-SPELL'
    ELSE 'APC-OTHER' END`;
}

export function spellPodSql(s = "s"): string {
  return `CASE
    WHEN ${s}.admission_method = 'emergency' THEN 'emergency_admission'
    WHEN ${s}.admission_method = 'elective' THEN CASE WHEN ${s}.length_of_stay = 0 THEN 'elective_day_case' ELSE 'elective_ordinary' END
    WHEN ${s}.admission_method = 'maternity' THEN 'maternity'
    ELSE 'other_admission' END`;
}

const mapSql = (d: Dialect, col: string, map: Readonly<Record<string, string>>, otherwise: string) =>
  `CASE ${Object.entries(map)
    .map(([k, v]) => `WHEN ${col} = ${d.stringLiteral(k)} THEN ${d.stringLiteral(v)}`)
    .join(" ")} ELSE ${otherwise} END`;

/**
 * One row per person, year, point of delivery and currency: activity rows and units. Needs
 * `_rx_currency(code, currency)` (see rxCurrencySql).
 */
export function costActivitySql(d: Dialect, w: CostingWindow): string {
  const years = `(VALUES ${Array.from({ length: w.years }, (_, k) => `(${k})`).join(", ")}) AS y(k)`;
  // The bounds of year y.k, for care episodes that span several costing years.
  const bound = (which: "from" | "to") =>
    `CASE ${Array.from({ length: w.years }, (_, j) => `WHEN y.k = ${j} THEN ${yearBounds(d, w.asOf, j)[which]}`).join(" ")} END`;
  const yFrom = bound("from");
  const yTo = bound("to");
  const careEnd = `least(coalesce(c.end_date, ${yTo}), ${yTo}, coalesce(p.death_date, ${yTo}))`;
  const careStart = `greatest(c.start_date, ${yFrom})`;
  const rows = [
    `SELECT s.person_id, ${yearOf(d, w, "s.admission_date")} AS year, ${spellPodSql()} AS pod, ${spellCurrencySql(d)} AS currency, 1.0 AS units
     FROM hospital_spell s WHERE ${inYears(d, w, "s.admission_date")}`,
    `SELECT a.person_id, ${yearOf(d, w, "a.arrival_date")}, 'ae', CASE WHEN a.department_type = 3 THEN 'AE-T3' ELSE 'AE-T1' END, 1.0
     FROM ae_attendance a WHERE ${inYears(d, w, "a.arrival_date")}`,
    `SELECT o.person_id, ${yearOf(d, w, "o.appointment_date")},
       CASE WHEN o.first_attendance THEN 'outpatient_first' ELSE 'outpatient_follow_up' END,
       CASE WHEN o.first_attendance THEN 'OP-FIRST' ELSE 'OP-FUP' END, 1.0
     FROM outpatient_attendance o WHERE o.attended AND ${inYears(d, w, "o.appointment_date")}`,
    `SELECT cc.person_id, ${yearOf(d, w, "cc.contact_date")}, 'community', ${mapSql(d, "cc.service", COMMUNITY_CURRENCIES, "'CHS-OTHER'")}, 1.0
     FROM community_contact cc WHERE ${inYears(d, w, "cc.contact_date")}`,
    `SELECT g.person_id, ${yearOf(d, w, "g.event_date")}, 'gp', 'GP-CONS', 1.0
     FROM (SELECT DISTINCT e.person_id, e.event_date FROM gp_event e
           JOIN organisation org ON org.org_code = e.source_org AND org.org_type = 'practice'
           WHERE ${inYears(d, w, "e.event_date")}) AS g`,
    `SELECT m.person_id, ${yearOf(d, w, "m.issue_date")}, 'prescribing', coalesce(rx.currency, 'RX:' || m.code),
       CAST(m.quantity AS DOUBLE)
     FROM medication_issue m LEFT JOIN _rx_currency rx ON rx.code = m.code WHERE ${inYears(d, w, "m.issue_date")}`,
    `SELECT c.person_id, y.k, 'social_care', ${mapSql(d, "c.service_type", SOCIAL_CARE_CURRENCIES, "NULL")},
       CAST(${d.daysBetween(careStart, careEnd)} AS DOUBLE) / 7.0
     FROM social_care_service c JOIN person p ON p.person_id = c.person_id CROSS JOIN ${years}
     WHERE c.service_type IN (${Object.keys(SOCIAL_CARE_CURRENCIES)
       .map((s) => d.stringLiteral(s))
       .join(", ")})
       AND c.start_date <= ${yTo} AND (c.end_date IS NULL OR c.end_date > ${yFrom})
       AND ${careEnd} > ${careStart}`,
    `SELECT i.person_id, ${yearOf(d, w, "i.test_date")}, 'diagnostic_imaging', 'DI-' || i.modality, 1.0
     FROM imaging_request i WHERE i.referral_source = 'gp' AND i.test_date IS NOT NULL AND ${inYears(d, w, "i.test_date")}`,
  ];
  return `SELECT person_id, year, pod, currency, count(*) AS activity,
      sum(units) AS units, count(*) - count(units) AS missing_units
    FROM (${rows.join("\nUNION ALL\n")}) AS act (person_id, year, pod, currency, units)
    GROUP BY person_id, year, pod, currency`;
}

/**
 * Each medicine code issued, with the currency that prices it: RX:<code> when the table prices
 * that code, else the RX row whose description is the medicine's name (dm+d names match).
 */
export function rxCurrencySql(): string {
  return `SELECT m.code,
      coalesce(
        (SELECT min(u.currency) FROM unit_cost u WHERE u.currency = 'RX:' || m.code),
        (SELECT min(u.currency) FROM unit_cost u
          WHERE u.point_of_delivery = 'prescribing' AND lower(u.description) = lower(m.description))
      ) AS currency
    FROM (SELECT code, min(description) AS description FROM medication_issue GROUP BY code) AS m`;
}
