// The imaging network's planted queues. Before anyone is simulated, the expected daily demand
// for each site and test is worked out from the population cells (ages, localities), and each
// DM01 test's waiting list is run as a fluid first-in-first-out queue against the site's
// capacity (with bank holidays and random downtime): urgent and emergency patients go first,
// routine patients once their booking lead time has passed. Each person's request then takes
// its test date from where it falls in that queue, so the waiting lists in the records are the
// planted queues plus the chance of who was referred when.
import { isBankHoliday } from "@bevan/domain";
import type { PopulationCells } from "./cells.ts";
import { addYears, isoOf } from "./dates.ts";
import {
  AGE_BAND_STARTS,
  DM01_TESTS,
  LOCALITY_TRUSTS,
  SITES,
  type Site,
  TEST_DEMAND,
  TEST_MODALITY,
  type TestDemand,
  TRUST_PERFORMANCE,
} from "./imaging-network.ts";
import { Rng } from "./rng.ts";

/** Request classes with their own time profile: GP direct access, outpatients, and inpatients with A&E. */
export const CLASSES = ["gp", "outpatient", "emergency"] as const;
export type RequestClass = (typeof CLASSES)[number];

/** Mean requests a day per unit rate for one class, cumulated from the window's first day. */
interface Profile {
  readonly cumulative: Float64Array;
}

export interface SiteQueue {
  readonly site: Site;
  readonly test: string;
  /** Cumulative routine patients ready (after their lead time), from the simulation's first day. */
  readonly ready: Float64Array;
  /** Cumulative routine patients seen. */
  readonly served: Float64Array;
  /** Routine patients ready on each day. */
  readonly readyPerDay: Float64Array;
  /** Whether the site scans on the day (a weekday that is not a bank holiday). */
  readonly open: Uint8Array;
}

export interface CapacityRow {
  readonly trust: string;
  readonly site: string;
  readonly modality: string;
  readonly weekStart: number;
  readonly planned: number;
  readonly lost: number;
  readonly slots: number;
  readonly reason: string;
}

export interface ImagingWorld {
  /** First day requests are written (26 weeks before the history starts, so early censuses are complete). */
  readonly start: number;
  readonly asOf: number;
  /** First day of the queue simulation (a year's run-in before `start`). */
  readonly simStart: number;
  readonly end: number;
  /** Per test and class: cumulative expected requests per unit annual rate, over [start, asOf]. */
  readonly profiles: ReadonlyMap<string, Profile>;
  readonly queues: ReadonlyMap<string, SiteQueue>;
  readonly capacity: readonly CapacityRow[];
}

const YEAR = 365.25;
const RUN_IN = 365;

export const queueKey = (site: string, test: string) => `${site}|${test}`;

export function ageBand(age: number): number {
  let band = 0;
  AGE_BAND_STARTS.forEach((start, i) => {
    if (age >= start) band = i;
  });
  return band;
}

/** Requests a year per person of this age and sex (base year). */
export function annualRate(t: TestDemand, age: number, sex: "F" | "M"): number {
  if (age < 0) return 0;
  return ((t.perThousand[ageBand(age)] ?? 0) * t.sex[sex]) / 1000;
}

/** Relative daily intensity of requests of a class (before growth), about 1 on an average day. */
function dayWeight(day: number, cls: RequestClass): number {
  const iso = isoOf(day);
  const dow = new Date(day * 86_400_000).getUTCDay();
  const doy = (day - Date.UTC(Number(iso.slice(0, 4)), 0, 1) / 86_400_000) / YEAR;
  const holiday = isBankHoliday(iso);
  if (cls === "emergency") {
    const week = dow === 0 || dow === 6 ? 0.85 : 1.04;
    return week * (holiday ? 0.9 : 1) * (1 + 0.05 * Math.cos(2 * Math.PI * (doy - 0.04)));
  }
  // Elective requests are made on working days; fewer in late December and in August.
  let w = dow === 0 ? 0.05 : dow === 6 ? 0.1 : 1.36;
  if (holiday) w *= 0.12;
  const md = iso.slice(5);
  if (md >= "12-24" || md <= "01-01") w *= 0.5;
  if (iso.slice(5, 7) === "08") w *= 0.93;
  return w * (1 + 0.07 * Math.cos(2 * Math.PI * (doy - 0.07)));
}

function growth(t: TestDemand, day: number, asOf: number): number {
  return (1 + t.growth) ** ((day - (asOf - 182)) / YEAR);
}

/** Share of each class in a test's requests. */
export function classShare(t: TestDemand, cls: RequestClass): number {
  const [gp, op, ip, ae] = t.sources;
  return cls === "gp" ? gp : cls === "outpatient" ? op : ip + ae;
}

const isOpen = (day: number) => {
  const dow = new Date(day * 86_400_000).getUTCDay();
  return dow !== 0 && dow !== 6 && !isBankHoliday(isoOf(day));
};

/** The Monday on or before a day. */
export function mondayOf(day: number): number {
  const dow = new Date(day * 86_400_000).getUTCDay();
  return day - ((dow + 6) % 7);
}

export function buildImagingWorld(
  cells: PopulationCells,
  persons: number,
  asOfDay: number,
  seed: number,
): ImagingWorld {
  const start = addYears(asOfDay, -3) - 182;
  const simStart = start - RUN_IN;
  const end = asOfDay + 560;
  const days = end - simStart + 1;
  const baseStart = addYears(asOfDay, -1);

  // Normalise each class's day weights to average 1 over the base year.
  const norm = new Map<RequestClass, number>();
  for (const cls of CLASSES) {
    let sum = 0;
    for (let d = baseStart; d < asOfDay; d++) sum += dayWeight(d, cls);
    norm.set(cls, (asOfDay - baseStart) / sum);
  }
  const weight = (day: number, cls: RequestClass) => dayWeight(day, cls) * (norm.get(cls) ?? 1);

  const profiles = new Map<string, Profile>();
  for (const t of TEST_DEMAND) {
    for (const cls of CLASSES) {
      const cumulative = new Float64Array(asOfDay - start + 1);
      let sum = 0;
      for (let d = start; d <= asOfDay; d++) {
        sum += (weight(d, cls) * growth(t, d, asOfDay)) / YEAR;
        cumulative[d - start] = sum;
      }
      profiles.set(`${t.code}|${cls}`, { cumulative });
    }
  }

  // Expected people of each age (at the as-of date), sex and locality.
  const groups = new Map<string, { locality: string; sex: "F" | "M"; age: number; n: number }>();
  cells.forEachAllocation(persons, (cell, count) => {
    const key = `${cell.lsoa.locality}|${cell.sex}|${cell.age}`;
    const g = groups.get(key);
    if (g) g.n += count;
    else
      groups.set(key, {
        locality: cell.lsoa.locality,
        sex: cell.sex,
        age: cell.age === 90 ? 92 : cell.age,
        n: count,
      });
  });
  const trustShare = (locality: string, trust: string) =>
    (LOCALITY_TRUSTS[locality] ?? LOCALITY_TRUSTS.Central ?? []).find(([t]) => t === trust)?.[1] ?? 0;
  /** Expected requests a year for a test at a trust from people aged (age at as-of − yearsBefore). */
  const trustRate = new Map<string, number[]>();
  for (const t of TEST_DEMAND) {
    for (const trust of Object.keys(TRUST_PERFORMANCE)) {
      const byYear: number[] = [];
      for (let k = 0; k <= 6; k++) {
        let sum = 0;
        for (const g of groups.values())
          sum += g.n * trustShare(g.locality, trust) * annualRate(t, g.age - k, g.sex);
        byYear.push(sum);
      }
      trustRate.set(`${t.code}|${trust}`, byYear);
    }
  }
  const siteShare = (site: Site, test: string) => {
    const total = SITES.filter((s) => s.trust === site.trust).reduce((a, s) => a + (s.tests[test] ?? 0), 0);
    return total > 0 ? (site.tests[test] ?? 0) / total : 0;
  };
  /** Expected requests of one class for a site and test on a day (before the run-in, as at the start). */
  const expected = (site: Site, t: TestDemand, cls: RequestClass, day: number) => {
    const yearsBefore = Math.min(6, Math.max(0, Math.floor((asOfDay - Math.max(day, start)) / YEAR)));
    const rate = trustRate.get(`${t.code}|${site.trust}`)?.[yearsBefore] ?? 0;
    return (
      (rate * siteShare(site, t.code) * classShare(t, cls) * weight(day, cls) * growth(t, day, asOfDay)) /
      YEAR
    );
  };

  const rng = new Rng(seed, 0x1a6e0001);
  const queues = new Map<string, SiteQueue>();
  const capacity: CapacityRow[] = [];
  const open = new Uint8Array(days);
  for (let i = 0; i < days; i++) open[i] = isOpen(simStart + i) ? 1 : 0;

  for (const site of SITES) {
    const perf = TRUST_PERFORMANCE[site.trust];
    if (!perf) continue;
    for (const t of TEST_DEMAND) {
      if (!(site.tests[t.code] ?? 0)) continue;
      const modality = TEST_MODALITY[t.code] ?? "";
      // Daily demand on the scanner by priority.
      const routine = new Float64Array(days);
      const first = new Float64Array(days);
      for (let i = 0; i < days; i++) {
        const day = simStart + i;
        let elective = 0;
        for (const cls of ["gp", "outpatient"] as const) elective += expected(site, t, cls, day);
        const emergency = expected(site, t, "emergency", day);
        const [urgent, rout, planned] = t.priorities;
        routine[i] = elective * rout;
        // Seen before routine patients: urgent and emergency patients, and planned tests on their dates.
        first[i] = elective * (urgent + planned) + emergency;
      }
      const sessions = modality === "CR" ? 20 : modality === "RF" || modality === "BMD" ? 4 : 10;
      // Patients seen first on a closed day (a weekend emergency) take slots on the next open day.
      let carried = 0;
      for (let i = 0; i < days; i++) {
        if (open[i]) {
          first[i] = (first[i] ?? 0) + carried;
          carried = 0;
        } else {
          carried += first[i] ?? 0;
          first[i] = 0;
        }
      }
      // Lost sessions week by week: bank holidays, breakdowns (CT and MR), planned maintenance, summer staffing.
      const weeks: { w: number; lost: number; reason: string; demand: number; routine: number }[] = [];
      for (let w = mondayOf(simStart); w <= end; w += 7) {
        let holidays = 0;
        for (let k = 0; k < 5; k++) if (isBankHoliday(isoOf(w + k))) holidays++;
        let lost = Math.round((holidays * sessions) / 5);
        let reason = holidays > 0 ? "bank_holiday" : "";
        if ((modality === "CT" || modality === "MR") && rng.chance(1.3 / 52)) {
          lost += Math.max(1, Math.round(sessions * (0.3 + 0.5 * rng.next())));
          reason = "breakdown";
        } else if (rng.chance(1 / 52)) {
          lost += Math.max(1, Math.round(sessions * 0.2));
          reason = "maintenance";
        } else if (isoOf(w).slice(5, 7) >= "07" && isoOf(w).slice(5, 7) <= "08" && rng.chance(0.35)) {
          lost += 1;
          reason = "staffing";
        }
        let demand = 0;
        let rout = 0;
        for (let k = 0; k < 7; k++) {
          const i = w + k - simStart;
          if (i >= 0 && i < days) {
            demand += (routine[i] ?? 0) + (first[i] ?? 0);
            rout += routine[i] ?? 0;
          }
        }
        weeks.push({ w, lost: Math.min(sessions, lost), reason, demand, routine: rout });
      }
      const dm01 = DM01_TESTS.includes(t.code);
      // Routine patients are ready once their booking lead time has passed (uniform in days).
      const [lo, hi] = perf.leadDays;
      const readyPerDay = new Float64Array(days);
      for (let i = 0; i < days; i++) {
        const share = (routine[i] ?? 0) / (hi - lo + 1);
        for (let k = lo; k <= hi && i + k < days; k++) readyPerDay[i + k] = (readyPerDay[i + k] ?? 0) + share;
      }
      const ready = new Float64Array(days);
      const served = new Float64Array(days);
      // The trust holds its routine backlog near a planned level (weeks of routine demand) by
      // adding waiting-list sessions when it is over and cancelling some when it is under.
      const backlogTarget = (day: number) => {
        const from = perf.backlogWeeks[t.code] ?? 0;
        const to = perf.backlogWeeksEnd?.[t.code] ?? from;
        if (perf.step) return day >= asOfDay - perf.step.daysBeforeAsOf ? to : from;
        const f = Math.min(1, Math.max(0, (day - start) / (asOfDay - start)));
        return from + (to - from) * f;
      };
      let queue = backlogTarget(simStart) * (weeks[0]?.routine ?? 0);
      let cumReady = queue;
      let cumServed = 0;
      weeks.forEach(({ w, lost, reason, routine: weekRoutine }, j) => {
        let demand = 0;
        let available = 0;
        for (let k = Math.max(0, j - 26); k < Math.min(weeks.length, j + 26); k++) {
          demand += weeks[k]?.demand ?? 0;
          available += sessions - (weeks[k]?.lost ?? 0);
        }
        // Slots per session: the surrounding year's demand over the sessions actually available.
        const perSession = (demand / Math.max(1, available)) * (modality === "CR" ? 1.25 : 1) || 0;
        const gap = dm01 && perSession > 0 ? (queue - backlogTarget(w) * weekRoutine) / 6 : 0;
        const extra = Math.round(
          Math.max(-0.3 * sessions, Math.min(0.5 * sessions, gap / Math.max(perSession, 1e-9))),
        );
        const planned = Math.max(1, sessions + extra);
        const lostNow = Math.min(planned, lost);
        // Future weeks: only what is planned is known (bank holidays).
        const known = w > asOfDay && reason !== "bank_holiday" ? 0 : lostNow;
        if (w >= mondayOf(start) && w <= asOfDay + 7 * 12)
          capacity.push({
            trust: site.trust,
            site: site.code,
            modality,
            weekStart: w,
            planned: w > asOfDay ? sessions : planned,
            lost: known,
            slots: perSession,
            reason: known > 0 ? reason : "",
          });
        let openDays = 0;
        for (let k = 0; k < 7; k++) if (open[w + k - simStart]) openDays++;
        const daily = ((planned - lostNow) * perSession) / Math.max(1, openDays);
        for (let k = 0; k < 7; k++) {
          const i = w + k - simStart;
          if (i < 0 || i >= days) continue;
          const r = readyPerDay[i] ?? 0;
          cumReady += r;
          const cap = open[i] ? Math.max(0, daily - (first[i] ?? 0)) : 0;
          const seen = Math.min(queue + r, cap);
          queue = queue + r - seen;
          cumServed += seen;
          ready[i] = cumReady;
          served[i] = cumServed;
        }
      });
      if (!dm01) continue;
      queues.set(queueKey(site.code, t.code), { site, test: t.code, ready, served, readyPerDay, open });
    }
  }
  return { start, asOf: asOfDay, simStart, end, profiles, queues, capacity };
}

/**
 * The day a routine patient ready on `readyDay` is seen: where they fall among that day's
 * ready patients (`position` in [0, 1)) against the cumulative number seen.
 */
export function routineServiceDay(
  q: SiteQueue,
  simStart: number,
  readyDay: number,
  position: number,
): number {
  const i = Math.min(Math.max(0, readyDay - simStart), q.ready.length - 1);
  const target = (q.ready[i] ?? 0) - (q.readyPerDay[i] ?? 0) * (1 - position);
  let lo = i;
  let hi = q.served.length - 1;
  if ((q.served[hi] ?? 0) < target) return simStart + hi;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((q.served[mid] ?? 0) >= target) hi = mid;
    else lo = mid + 1;
  }
  return simStart + lo;
}

/** The next day on or after `day` when sites scan (weekdays other than bank holidays). */
export function nextOpenDay(day: number): number {
  let d = day;
  while (!isOpen(d)) d++;
  return d;
}
