// Patient-level questions: a register's patient list and one patient's record (snapshot
// and timeline). Only people registered (alive) at a practice in the caller's scope are
// returned; a person outside it is indistinguishable from one who does not exist.
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
  readonly pcnCode: string | null;
  readonly careHome: boolean;
  readonly learningDisability: boolean;
  readonly registers: readonly { register: string; firstDate: string; latestDate: string }[];
}

export interface TimelineEvent {
  readonly date: string;
  readonly kind: string;
  readonly code: string | null;
  readonly detail: string;
}

/** The timeline's sources: one SELECT per person-level event table, all through scoped views. */
const TIMELINE_SQL = `
  SELECT event_date AS date, 'gp_event' AS kind, code, coding_system || CASE WHEN value IS NULL THEN '' ELSE ' = ' || CAST(value AS VARCHAR) || COALESCE(' ' || unit, '') END AS detail FROM scoped_gp_event WHERE person_id = $id
  UNION ALL SELECT issue_date, 'medication', code, description FROM scoped_medication_issue WHERE person_id = $id
  UNION ALL SELECT admission_date, 'admission', primary_diagnosis, admission_method || ', ' || CAST(length_of_stay AS VARCHAR) || ' nights' FROM scoped_hospital_spell WHERE person_id = $id
  UNION ALL SELECT arrival_date, 'ae', NULL, CASE WHEN admitted THEN 'admitted' ELSE 'not admitted' END FROM scoped_ae_attendance WHERE person_id = $id
  UNION ALL SELECT appointment_date, 'outpatient', NULL, specialty || CASE WHEN attended THEN '' ELSE ' (did not attend)' END FROM scoped_outpatient_attendance WHERE person_id = $id
  UNION ALL SELECT contact_date, 'community', NULL, service FROM scoped_community_contact WHERE person_id = $id
  UNION ALL SELECT start_date, 'social_care', NULL, service_type FROM scoped_social_care_service WHERE person_id = $id
  UNION ALL SELECT request_date, 'imaging', NULL, modality || ' from ' || referral_source FROM scoped_imaging_request WHERE person_id = $id`;

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
    pcn_code: string | null;
    care_home: boolean;
    learning_disability: boolean;
  }>(
    "SELECT age, age_band, sex, ethnicity_group, imd_quintile, practice_code, pcn_code, care_home, learning_disability FROM scoped_person_asof p WHERE p.person_id = $id AND p.registered",
    { id: personId },
  );
  const p = people[0];
  if (!p) return null;
  const registers = await sw.json<{ register: string; first_date: string; latest_date: string }>(
    "SELECT r.register, r.first_date, r.latest_date FROM scoped_register r WHERE r.person_id = $id ORDER BY r.register",
    { id: personId },
  );
  const events = await sw.json<{ date: string; kind: string; code: string | null; detail: string }>(
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
      pcnCode: p.pcn_code,
      careHome: p.care_home,
      learningDisability: p.learning_disability,
      registers: registers.map((r) => ({
        register: r.register,
        firstDate: r.first_date,
        latestDate: r.latest_date,
      })),
    },
    timeline: events
      .slice(0, Math.trunc(options.timelineLimit))
      .map((e) => ({ date: e.date, kind: e.kind, code: e.code, detail: e.detail })),
    timelineTruncated: events.length > Math.trunc(options.timelineLimit),
  };
}
