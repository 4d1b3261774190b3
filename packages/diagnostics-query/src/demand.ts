// Where demand comes from: requests joining the imaging lists per 1,000 registered people by
// age band, sex, deprivation and register over the year to the as-of date; each practice's
// GP direct-access requests against those expected from its age and sex mix (indirect
// standardisation, for the funnel plot); and a demographic index — expected demand from the
// same rates applied to the registered population year by year, past and projected (the
// population aged forward with the warehouse's own death rates) — that the forecast uses as
// its exposure, so the population's ageing feeds the forecast and the trend is what is left.
import type { ScopedWarehouse } from "@bevan/query";

const LIST =
  "r.referral_source IN ('gp', 'outpatient') AND (r.priority IS NULL OR r.priority <> 'planned') AND r.test IS NOT NULL";

export type RateDimension = "age_band" | "sex" | "imd_quintile" | "register";

export interface RateCell {
  readonly group: string;
  readonly modality: string | null;
  readonly requests: number;
  readonly people: number;
}

const yearWindow = (sw: ScopedWarehouse, asOf: string) =>
  `r.request_date > ${sw.dialect.addDays(sw.dialect.dateLiteral(asOf), -365)} AND r.request_date <= ${sw.dialect.dateLiteral(asOf)}`;

/** Requests in the year to `asOf` and registered people, by a dimension (and by modality; null = every modality). */
export async function demandRateCells(
  sw: ScopedWarehouse,
  asOf: string,
  by: RateDimension,
): Promise<RateCell[]> {
  const group =
    by === "register" ? "g.register" : by === "imd_quintile" ? "CAST(p.imd_quintile AS VARCHAR)" : `p.${by}`;
  const from =
    by === "register"
      ? "scoped_person_asof p JOIN scoped_register g ON g.person_id = p.person_id"
      : "scoped_person_asof p";
  const [requests, people] = await Promise.all([
    sw.aggregate<{ grp: string | null; modality: string | null; n: bigint }>(
      `SELECT ${group} AS grp, r.modality AS modality, count(*) AS n
       FROM ${from} JOIN scoped_imaging_request r ON r.person_id = p.person_id
       WHERE p.registered AND ${LIST} AND ${yearWindow(sw, asOf)}
       GROUP BY GROUPING SETS ((1, 2), (1))`,
    ),
    sw.aggregate<{ grp: string | null; n: bigint }>(
      `SELECT ${group} AS grp, count(*) AS n FROM ${from} WHERE p.registered GROUP BY 1`,
    ),
  ]);
  const pop = new Map(people.map((p) => [p.grp ?? "unknown", Number(p.n)]));
  return requests
    .map((r) => ({
      group: r.grp ?? "unknown",
      modality: r.modality,
      requests: Number(r.n),
      people: pop.get(r.grp ?? "unknown") ?? 0,
    }))
    .concat(
      [...pop.entries()]
        .filter(([g]) => !requests.some((r) => (r.grp ?? "unknown") === g && r.modality === null))
        .map(([g, n]) => ({ group: g, modality: null, requests: 0, people: n })),
    )
    .sort((a, b) => (a.group + (a.modality ?? "")).localeCompare(b.group + (b.modality ?? "")));
}

export interface PracticeReferrals {
  readonly practice: string;
  readonly observed: number;
  readonly expected: number;
  readonly registered: number;
}

/**
 * GP direct-access requests in the year to `asOf` by requesting practice, against the number
 * expected from its registered people's age bands and sex at the rates of all the practices in
 * the caller's view.
 */
export async function practiceReferrals(
  sw: ScopedWarehouse,
  asOf: string,
  modality?: string,
): Promise<PracticeReferrals[]> {
  const mod = modality ? ` AND r.modality = ${sw.dialect.stringLiteral(modality)}` : "";
  const [obs, pop] = await Promise.all([
    sw.aggregate<{ practice: string; age_band: string; sex: string; n: bigint }>(
      `SELECT p.practice_code AS practice, p.age_band, p.sex, count(*) AS n
       FROM scoped_person_asof p JOIN scoped_imaging_request r ON r.person_id = p.person_id
       WHERE p.registered AND r.referral_source = 'gp' AND r.referrer_code = p.practice_code AND ${LIST} AND ${yearWindow(sw, asOf)}${mod}
       GROUP BY 1, 2, 3`,
    ),
    sw.aggregate<{ practice: string; age_band: string; sex: string; n: bigint }>(
      "SELECT p.practice_code AS practice, p.age_band, p.sex, count(*) AS n FROM scoped_person_asof p WHERE p.registered GROUP BY 1, 2, 3",
    ),
  ]);
  const key = (a: string, s: string) => `${a}|${s}`;
  const cellReq = new Map<string, number>();
  const cellPop = new Map<string, number>();
  for (const o of obs)
    cellReq.set(key(o.age_band, o.sex), (cellReq.get(key(o.age_band, o.sex)) ?? 0) + Number(o.n));
  for (const p of pop)
    cellPop.set(key(p.age_band, p.sex), (cellPop.get(key(p.age_band, p.sex)) ?? 0) + Number(p.n));
  const out = new Map<string, { observed: number; expected: number; registered: number }>();
  for (const p of pop) {
    const e = out.get(p.practice) ?? { observed: 0, expected: 0, registered: 0 };
    const k = key(p.age_band, p.sex);
    const rate = (cellReq.get(k) ?? 0) / Math.max(1, cellPop.get(k) ?? 0);
    e.expected += rate * Number(p.n);
    e.registered += Number(p.n);
    out.set(p.practice, e);
  }
  for (const o of obs) {
    const e = out.get(o.practice);
    if (e) e.observed += Number(o.n);
  }
  return [...out.entries()]
    .map(([practice, e]) => ({ practice, ...e }))
    .sort((a, b) => a.practice.localeCompare(b.practice));
}

export interface DemographicIndex {
  /** Index by year offset from the as-of date (−3 … +3): expected demand relative to the as-of year. */
  readonly byYear: ReadonlyMap<number, number>;
  /** Index for a date, interpolated linearly between years. */
  at(isoDate: string): number;
}

const BAND = (age: number) => Math.min(9, Math.floor(Math.max(0, age) / 10));

/**
 * Expected list demand from the rates per person by ten-year age band and sex applied to the
 * registered population as it ages: backwards, today's people as they were; forwards, single
 * years of age moved on with each band's death rate over the last year, the youngest years
 * held at today's numbers. Only the population's ageing: people moving in and out, and
 * everything else, are the forecast's trend.
 */
export async function demographicIndex(sw: ScopedWarehouse, asOf: string): Promise<DemographicIndex> {
  const d = sw.dialect;
  const a = d.dateLiteral(asOf);
  const [rates, now, deaths] = await Promise.all([
    sw.aggregate<{ age: number; sex: string; n: bigint }>(
      `SELECT p.age, p.sex, count(*) AS n FROM scoped_person_asof p JOIN scoped_imaging_request r ON r.person_id = p.person_id
       WHERE p.registered AND ${LIST} AND ${yearWindow(sw, asOf)} GROUP BY 1, 2`,
    ),
    sw.aggregate<{ age: number; sex: string; n: bigint }>(
      "SELECT p.age, p.sex, count(*) AS n FROM scoped_person_asof p WHERE p.registered GROUP BY 1, 2",
    ),
    sw.aggregate<{ age: number; sex: string; n: bigint }>(
      `SELECT p.age, p.sex, count(*) AS n FROM scoped_person_asof p JOIN scoped_death x ON x.person_id = p.person_id
       WHERE x.death_date > ${d.addDays(a, -365)} AND x.death_date <= ${a} GROUP BY 1, 2`,
    ),
  ]);
  const cell = (age: number, sex: string) => `${BAND(Number(age))}|${sex}`;
  const sum = (rows: { age: number; sex: string; n: bigint }[]) => {
    const m = new Map<string, number>();
    for (const r of rows) m.set(cell(r.age, r.sex), (m.get(cell(r.age, r.sex)) ?? 0) + Number(r.n));
    return m;
  };
  const req = sum(rates);
  const popNow = sum(now);
  const died = sum(deaths);
  const rate = (c: string) => (req.get(c) ?? 0) / Math.max(1, popNow.get(c) ?? 0);
  const expected = (pop: Map<string, number>) => [...pop.entries()].reduce((s, [c, n]) => s + rate(c) * n, 0);
  const base = Math.max(1e-9, expected(popNow));
  const byYear = new Map<number, number>([[0, 1]]);
  // The past: today's registered people as they were k years younger (the ageing of this
  // population alone; people moving in and out are left to the trend).
  for (const k of [1, 2, 3])
    byYear.set(
      -k,
      expected(
        sum(now.filter((r) => Number(r.age) - k >= 0).map((r) => ({ ...r, age: Number(r.age) - k }))),
      ) / base,
    );
  // Projection: single years of age moved on, survival by band, entrants at the youngest ages as now.
  const single = new Map<string, number>();
  for (const r of now) single.set(`${Number(r.age)}|${r.sex}`, Number(r.n));
  const survival = (age: number, sex: string) => {
    const c = cell(age, sex);
    return Math.max(0, 1 - (died.get(c) ?? 0) / Math.max(1, (popNow.get(c) ?? 0) + (died.get(c) ?? 0)));
  };
  let current = single;
  for (const j of [1, 2, 3]) {
    const next = new Map<string, number>();
    for (const [k, n] of current) {
      const [age, sex] = k.split("|") as [string, string];
      const a1 = Number(age) + 1;
      next.set(`${a1}|${sex}`, (next.get(`${a1}|${sex}`) ?? 0) + n * survival(Number(age), sex));
    }
    for (const sex of ["F", "M"]) next.set(`0|${sex}`, single.get(`0|${sex}`) ?? 0);
    current = next;
    const banded = new Map<string, number>();
    for (const [k, n] of current) {
      const [age, sex] = k.split("|") as [string, string];
      banded.set(cell(Number(age), sex), (banded.get(cell(Number(age), sex)) ?? 0) + n);
    }
    byYear.set(j, expected(banded) / base);
  }
  const asOfDay = Date.parse(`${asOf}T00:00:00Z`);
  return {
    byYear,
    at(iso: string) {
      const years = (Date.parse(`${iso}T00:00:00Z`) - asOfDay) / (365.25 * 86_400_000);
      const lo = Math.max(-3, Math.min(2, Math.floor(years)));
      const f = Math.max(0, Math.min(1, years - lo));
      return (byYear.get(lo) ?? 1) * (1 - f) + (byYear.get(lo + 1) ?? 1) * f;
    },
  };
}
