// Patient-level questions: a register's patient list and one patient's record (snapshot
// and timeline). Only people registered (alive) at a practice in the caller's scope are
// returned; a person outside it is indistinguishable from one who does not exist.
import { icd10Term } from "@bevan/domain";
import type { ScopedWarehouse } from "./scope.ts";

export interface PatientListRow {
  readonly personId: string;
  readonly age: number;
  readonly sex: string;
  readonly practiceCode: string;
  readonly registers: readonly string[];
}

export interface PatientListQuery {
  readonly register: string;
  readonly practice?: string;
  readonly limit: number;
  readonly offset: number;
}

export async function patientList(
  sw: ScopedWarehouse,
  q: PatientListQuery,
): Promise<{ total: number; rows: PatientListRow[] }> {
  const who = `p.registered${q.practice ? " AND p.practice_code = $practice" : ""}`;
  const filter = `${who} AND p.person_id IN (SELECT person_id FROM scoped_register WHERE scoped_register.register = $register)`;
  const params: Record<string, string | number> = { register: q.register };
  if (q.practice) params.practice = q.practice;
  // The total is a count (an aggregate): a repeated page of the same list does not recount.
  const [total] = await sw.aggregate<{ n: bigint }>(
    `SELECT count(*) AS n FROM scoped_person_asof p WHERE ${filter}`,
    params,
  );
  const rows = await pageOfRegister(sw, q, who, params, Number(total?.n ?? 0));
  // The page's register lists are looked up for its rows only: through a view of those
  // people, not by joining the register table to every id in scope.
  const lists =
    rows.length === 0
      ? []
      : await sw
          .forPeople(rows.map((r) => r.person_id))
          .all<{ person_id: bigint; registers: string[] }>(
            "SELECT r.person_id, list(r.register ORDER BY r.register) AS registers FROM scoped_register r GROUP BY r.person_id",
          );
  const registersOf = new Map(lists.map((l) => [l.person_id, l.registers]));
  return {
    total: Number(total?.n ?? 0),
    rows: rows.map((r) => ({
      personId: String(r.person_id),
      age: r.age,
      sex: r.sex,
      practiceCode: r.practice_code,
      registers: [...(registersOf.get(r.person_id) ?? [])],
    })),
  };
}

type ListRow = { person_id: bigint; age: number; sex: string; practice_code: string };

/**
 * One page of the list in person_id order, without joining the whole register to everyone in
 * scope: the register's first ids in scope are taken as candidates, and the window widens
 * until it holds the page (any qualifying person beyond the window has a larger id than every
 * candidate, so a window that holds a full page holds the right one). Most register rows
 * qualify (a register needs a registered person), so the first window nearly always does.
 */
async function pageOfRegister(
  sw: ScopedWarehouse,
  q: PatientListQuery,
  who: string,
  params: Record<string, string | number>,
  total: number,
): Promise<ListRow[]> {
  const limit = Math.trunc(q.limit);
  const offset = Math.trunc(q.offset);
  const needed = Math.max(0, Math.min(limit, total - offset));
  const wanted = offset + limit;
  const page = (window: number | null) =>
    sw.all<ListRow>(
      `WITH candidates AS (SELECT r.person_id FROM scoped_register r WHERE r.register = $register${
        window === null ? "" : ` ORDER BY r.person_id LIMIT ${window}`
      })
       SELECT p.person_id, p.age, p.sex, p.practice_code FROM scoped_person_asof p
       WHERE ${who} AND p.person_id IN (SELECT person_id FROM candidates)
       ORDER BY p.person_id LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
  for (const window of [2 * wanted + 64, 16 * wanted + 1024]) {
    const rows = await page(window);
    if (rows.length >= needed) return rows;
  }
  // The whole register.
  return page(null);
}

export interface PatientSnapshot {
  readonly personId: string;
  readonly age: number;
  readonly ageBand: string;
  readonly sex: string;
  readonly ethnicityGroup: string;
  readonly imdQuintile: number | null;
  readonly practiceCode: string;
  readonly practiceName: string | null;
  readonly pcnCode: string | null;
  readonly pcnName: string | null;
  readonly careHome: boolean;
  readonly learningDisability: boolean;
  readonly registers: readonly { register: string; firstDate: string; latestDate: string }[];
}

export interface TimelineEvent {
  readonly date: string;
  readonly kind: string;
  readonly code: string | null;
  /** What the code means: the SNOMED CT term from the codelists, the dm+d name, the ICD-10 title; null when unknown. */
  readonly term: string | null;
  /** The rest, in words: a value and its unit, the admission method and stay, the service. */
  readonly detail: string;
}

/**
 * The timeline's sources: one SELECT per person-level event table, all through scoped views,
 * each giving a code (if any), its term where the warehouse knows it, a value and unit, and
 * the rest of the detail.
 */
const TIMELINE_SQL = `
  SELECT g.event_date AS date, 'gp_event' AS kind, g.code, (SELECT min(cc.term) FROM codelist_code cc WHERE cc.code = g.code) AS term, g.value, g.unit, '' AS detail FROM scoped_gp_event g WHERE g.person_id = $id
  UNION ALL SELECT issue_date, 'medication', code, description, quantity, NULL, '' FROM scoped_medication_issue WHERE person_id = $id
  UNION ALL SELECT admission_date, 'admission', primary_diagnosis, NULL, length_of_stay, NULL, admission_method FROM scoped_hospital_spell WHERE person_id = $id
  UNION ALL SELECT arrival_date, 'ae', NULL, NULL, NULL, NULL, CASE WHEN admitted THEN 'admitted' ELSE 'not admitted' END FROM scoped_ae_attendance WHERE person_id = $id
  UNION ALL SELECT appointment_date, 'outpatient', NULL, specialty, NULL, NULL, CASE WHEN attended THEN '' ELSE 'did not attend' END FROM scoped_outpatient_attendance WHERE person_id = $id
  UNION ALL SELECT contact_date, 'community', NULL, service, NULL, NULL, '' FROM scoped_community_contact WHERE person_id = $id
  UNION ALL SELECT start_date, 'social_care', NULL, service_type, NULL, NULL, '' FROM scoped_social_care_service WHERE person_id = $id
  UNION ALL SELECT request_date, 'imaging', NULL, modality, NULL, NULL, referral_source FROM scoped_imaging_request WHERE person_id = $id`;

const MODALITIES: Readonly<Record<string, string>> = {
  MR: "MRI scan",
  CT: "CT scan",
  US: "Ultrasound scan",
  BMD: "DEXA (bone density) scan",
  RF: "Barium enema (fluoroscopy)",
  CR: "X-ray",
};
const REFERRERS: Readonly<Record<string, string>> = {
  gp: "requested by the GP",
  outpatient: "requested in outpatients",
  inpatient: "requested on a ward",
  ae: "requested in A&E",
};
const words = (s: string) => (s ? `${s.charAt(0).toUpperCase()}${s.slice(1)}`.replace(/_/g, " ") : s);
const number = (v: number) => (Number.isInteger(v) ? String(v) : String(Number(v.toFixed(2))));

type TimelineRow = {
  date: string;
  kind: string;
  code: string | null;
  term: string | null;
  value: number | null;
  unit: string | null;
  detail: string;
};

/** One timeline row in words. */
function timelineEvent(e: TimelineRow): TimelineEvent {
  const base = { date: e.date, kind: e.kind, code: e.code };
  switch (e.kind) {
    case "gp_event":
      return {
        ...base,
        term: e.term,
        detail: e.value === null ? "" : `${number(e.value)}${e.unit ? ` ${e.unit}` : ""}`,
      };
    case "medication":
      return { ...base, term: e.term, detail: e.value === null ? "" : `quantity ${number(e.value)}` };
    case "admission": {
      const nights = e.value === null ? "" : `, ${e.value} ${e.value === 1 ? "night" : "nights"}`;
      return {
        ...base,
        term: e.code ? icd10Term(e.code) : null,
        detail: `${words(e.detail)} admission${nights}`,
      };
    }
    case "ae":
      return { ...base, term: "A&E attendance", detail: words(e.detail) };
    case "outpatient":
      return { ...base, term: e.term, detail: words(e.detail) };
    case "imaging":
      return {
        ...base,
        term: MODALITIES[e.term ?? ""] ?? e.term,
        detail: REFERRERS[e.detail] ?? e.detail,
      };
    default:
      return { ...base, term: e.term ? words(e.term) : null, detail: words(e.detail) };
  }
}

/** The record of one person in scope and registered, or null. */
export async function patientRecord(
  sw: ScopedWarehouse,
  personId: bigint,
  options: { timelineLimit: number },
): Promise<{ snapshot: PatientSnapshot; timeline: TimelineEvent[]; timelineTruncated: boolean } | null> {
  const people = await sw.all<{
    age: number;
    age_band: string;
    sex: string;
    ethnicity_group: string;
    imd_quintile: number | null;
    practice_code: string;
    practice_name: string | null;
    pcn_code: string | null;
    pcn_name: string | null;
    care_home: boolean;
    learning_disability: boolean;
  }>(
    `SELECT age, age_band, sex, ethnicity_group, imd_quintile, practice_code,
       (SELECT min(o.org_name) FROM organisation o WHERE o.org_code = p.practice_code) AS practice_name,
       pcn_code, (SELECT min(o.org_name) FROM organisation o WHERE o.org_code = p.pcn_code) AS pcn_name,
       care_home, learning_disability FROM scoped_person_asof p WHERE p.person_id = $id AND p.registered`,
    { id: personId },
  );
  const p = people[0];
  if (!p) return null;
  const registers = await sw.json<{ register: string; first_date: string; latest_date: string }>(
    "SELECT r.register, r.first_date, r.latest_date FROM scoped_register r WHERE r.person_id = $id ORDER BY r.register",
    { id: personId },
  );
  const events = await sw.json<TimelineRow>(
    `SELECT * FROM (${TIMELINE_SQL}) t ORDER BY t.date DESC, t.kind, t.code LIMIT ${Math.trunc(options.timelineLimit) + 1}`,
    { id: personId },
  );
  return {
    snapshot: {
      personId: String(personId),
      age: p.age,
      ageBand: p.age_band,
      sex: p.sex,
      ethnicityGroup: p.ethnicity_group,
      imdQuintile: p.imd_quintile,
      practiceCode: p.practice_code,
      practiceName: p.practice_name,
      pcnCode: p.pcn_code,
      pcnName: p.pcn_name,
      careHome: p.care_home,
      learningDisability: p.learning_disability,
      registers: registers.map((r) => ({
        register: r.register,
        firstDate: r.first_date,
        latestDate: r.latest_date,
      })),
    },
    timeline: events.slice(0, Math.trunc(options.timelineLimit)).map(timelineEvent),
    timelineTruncated: events.length > Math.trunc(options.timelineLimit),
  };
}
