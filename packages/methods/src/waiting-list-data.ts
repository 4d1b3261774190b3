// Waiting-list statistics from patient-level referral and removal dates, as in
// NHSRwaitinglist's wl_queue_size, wl_removal_stats and the mean wait of wl_stats.
import { dayNumber, isoDate } from "./dates.ts";
import { MethodsInputError } from "./errors.ts";
import { sameLength } from "./validate.ts";

export interface WaitingList {
  /** Referral (addition) dates, ISO yyyy-mm-dd. */
  referrals: readonly string[];
  /** Removal dates aligned with referrals; null while still waiting. */
  removals: readonly (string | null)[];
}

interface Parsed {
  referral: number[];
  removal: (number | null)[];
}

function parse(list: WaitingList): Parsed {
  sameLength({ referrals: list.referrals, removals: list.removals });
  if (list.referrals.length === 0)
    throw new MethodsInputError("empty_input", "referrals", "the waiting list has no rows");
  const referral = list.referrals.map((d, i) => dayNumber(d, `referrals[${i}]`));
  const removal = list.removals.map((d, i) => {
    if (d === null) return null;
    const r = dayNumber(d, `removals[${i}]`);
    if (r < (referral[i] as number)) {
      throw new MethodsInputError(
        "invalid_date",
        `removals[${i}]`,
        `is ${d}, before its referral ${list.referrals[i]}`,
      );
    }
    return r;
  });
  return { referral, removal };
}

/**
 * Patients on the list at the end of each day from startDate (default: first referral) to
 * endDate (default: last referral): referred on or before the day and not yet removed.
 */
export function queueSizes(
  list: WaitingList & { startDate?: string; endDate?: string },
): { date: string; queueSize: number }[] {
  const { referral, removal } = parse(list);
  const start = list.startDate ? dayNumber(list.startDate, "startDate") : Math.min(...referral);
  const end = list.endDate ? dayNumber(list.endDate, "endDate") : Math.max(...referral);
  const out: { date: string; queueSize: number }[] = [];
  for (let day = start; day <= end; day++) {
    let size = 0;
    referral.forEach((r, i) => {
      const rem = removal[i];
      if (r <= day && (rem === null || rem === undefined || rem > day)) size++;
    });
    out.push({ date: isoDate(day), queueSize: size });
  }
  return out;
}

export interface RemovalStats {
  /** Mean removals per week (7 / mean days between removals); NaN with no removals. */
  capacityWeekly: number;
  capacityDaily: number;
  /** Coefficient of variation of the days between removals. */
  capacityCv: number;
  removalCount: number;
}

/**
 * Capacity from the gaps between removals. Days on which the list was empty restart the clock,
 * so idle time with nobody to treat does not count against capacity.
 */
export function removalStats(list: WaitingList & { startDate?: string }): RemovalStats {
  const parsed = parse(list);
  const start = list.startDate ? dayNumber(list.startDate, "startDate") : Math.min(...parsed.referral);
  const emptyDays = queueSizes(list)
    .filter((q) => q.queueSize === 0)
    .map((q) => ({ day: dayNumber(q.date, "date"), removal: false }));
  const removalDays = parsed.removal
    .filter((r): r is number => r !== null)
    .map((day) => ({ day, removal: true }));
  const events = [...emptyDays, ...removalDays].sort(
    (a, b) => a.day - b.day || Number(a.removal) - Number(b.removal),
  );
  const gaps: number[] = [];
  events.forEach((e, i) => {
    const previous = i === 0 ? start : (events[i - 1]?.day as number);
    if (e.removal) gaps.push(e.day - previous);
  });
  const count = gaps.length;
  const mean = count ? gaps.reduce((a, b) => a + b, 0) / count : Number.NaN;
  const sd = count <= 1 ? 0 : Math.sqrt(gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / (count - 1));
  return { capacityWeekly: 7 / mean, capacityDaily: 1 / mean, capacityCv: sd / mean, removalCount: count };
}

/** Mean days waited at endDate by the patients still waiting then. */
export function meanWait(list: WaitingList & { endDate: string }): number {
  const { referral, removal } = parse(list);
  const end = dayNumber(list.endDate, "endDate");
  const waits: number[] = [];
  referral.forEach((r, i) => {
    const rem = removal[i] ?? null;
    if ((rem !== null && rem > end) || (rem === null && r <= end)) waits.push(end - r);
  });
  return waits.length ? waits.reduce((a, b) => a + b, 0) / waits.length : Number.NaN;
}
