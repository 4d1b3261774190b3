// One diagnostic waiting list, week by week: patients held by completed weeks waited (as the
// DM01 census counts them), urgent patients seen first, routine patients longest-waiting first
// once their booking lead time has passed. Within a week, arrivals and scan slots come in a
// random order, so slots fall idle when the list runs dry before the week's arrivals come:
// the number lost is drawn exactly from the maximum of the random walk of slots against
// arrivals (the ballot theorem), which makes the model a continuous-time queue seen weekly.
// The deterministic version (expected values, no idle slots unless the list is empty) is
// run 0 of the Monte Carlo.
import type { Random } from "./random.ts";
import { logFactorial } from "./random.ts";

/** Cohorts kept: 0 … MAX_WEEKS − 1 completed weeks, and the last holds MAX_WEEKS weeks or more. */
export const MAX_WEEKS = 53;
export const SIX_WEEKS = 6;
export const THIRTEEN_WEEKS = 13;

export interface ListState {
  /** Urgent patients waiting, by completed weeks. */
  readonly urgent: Float64Array;
  /** Routine patients waiting, by completed weeks. */
  readonly routine: Float64Array;
}

export function emptyList(): ListState {
  return { urgent: new Float64Array(MAX_WEEKS + 1), routine: new Float64Array(MAX_WEEKS + 1) };
}

export function copyList(s: ListState): ListState {
  return { urgent: Float64Array.from(s.urgent), routine: Float64Array.from(s.routine) };
}

/** A list from counts by completed weeks (the last entry is that many weeks or more). */
export function listFrom(urgent: readonly number[], routine: readonly number[]): ListState {
  const s = emptyList();
  urgent.forEach((n, k) => {
    const i = Math.min(k, MAX_WEEKS);
    s.urgent[i] = (s.urgent[i] as number) + n;
  });
  routine.forEach((n, k) => {
    const i = Math.min(k, MAX_WEEKS);
    s.routine[i] = (s.routine[i] as number) + n;
  });
  return s;
}

export interface Census {
  readonly waiting: number;
  readonly over6: number;
  readonly over13: number;
}

export function census(s: ListState): Census {
  let waiting = 0;
  let over6 = 0;
  let over13 = 0;
  for (let k = 0; k <= MAX_WEEKS; k++) {
    const n = (s.urgent[k] as number) + (s.routine[k] as number);
    waiting += n;
    if (k >= SIX_WEEKS) over6 += n;
    if (k >= THIRTEEN_WEEKS) over13 += n;
  }
  return { waiting, over6, over13 };
}

export interface WeekFlows {
  readonly urgentArrivals: number;
  readonly routineArrivals: number;
  /** Tests available to patients on the list this week. */
  readonly capacity: number;
}

/**
 * Slots lost because the list was empty when they came: R0 patients ready at the start of the
 * week, `a` becoming ready during it, `s` slots, in uniformly random order. With X the slots
 * minus arrivals so far, lost = max(0, max X − R0), and for the walk's maximum M
 * P(M ≥ m) = C(a + s, a + m) / C(a + s, a) for m ≥ max(0, s − a) (reflection principle).
 */
export function idleSlots(ready: number, a: number, s: number, rng: Random): number {
  if (s <= 0 || ready >= s) return 0;
  const n = a + s;
  const logTotal = logFactorial(n) - logFactorial(a) - logFactorial(s);
  const tail = (m: number) =>
    a + m > n ? 0 : Math.exp(logFactorial(n) - logFactorial(a + m) - logFactorial(n - a - m) - logTotal);
  const u = rng.next();
  let m = Math.max(0, s - a);
  let p: number;
  if (ready >= m) {
    m = ready + 1;
    p = tail(m);
    if (u >= p) return 0;
  } else p = 1;
  // Walk up while the next level is still reached: P(M ≥ m + 1) = P(M ≥ m)(s − m)/(a + m + 1).
  for (;;) {
    const next = (p * (s - m)) / (a + m + 1);
    if (next <= u) break;
    p = next;
    m++;
  }
  return m - ready;
}

function removeOldest(cohorts: Float64Array, n: number, from: number): number {
  let left = n;
  for (let k = MAX_WEEKS; k >= from && left > 0; k--) {
    const take = Math.min(cohorts[k] as number, left);
    cohorts[k] = (cohorts[k] as number) - take;
    left -= take;
  }
  return n - left;
}

function age(cohorts: Float64Array, arrivals: number): void {
  cohorts[MAX_WEEKS] = (cohorts[MAX_WEEKS] as number) + (cohorts[MAX_WEEKS - 1] as number);
  for (let k = MAX_WEEKS - 1; k > 0; k--) cohorts[k] = cohorts[k - 1] as number;
  cohorts[0] = arrivals;
}

/**
 * One week of the list: urgent patients first, then routine patients who have waited at least
 * `leadWeeks`, longest first. With `rng` the flows are whole numbers and idle slots are drawn;
 * without it (the deterministic baseline) slots go idle only when the list is empty. Returns
 * the tests done.
 */
export function stepWeek(s: ListState, flows: WeekFlows, leadWeeks: number, rng: Random | null): number {
  const { urgent, routine } = s;
  // Urgent: waiting plus this week's arrivals, seen first.
  let urgentWaiting = flows.urgentArrivals;
  for (let k = 0; k <= MAX_WEEKS; k++) urgentWaiting += urgent[k] as number;
  const urgentSeen = Math.min(urgentWaiting, flows.capacity);
  let newUrgent = flows.urgentArrivals;
  const fromList = removeOldest(urgent, urgentSeen, 0);
  newUrgent -= urgentSeen - fromList;
  const left = flows.capacity - urgentSeen;
  // Routine: ready at the start of the week, and becoming ready during it.
  const lead = Math.max(0, Math.min(MAX_WEEKS, Math.floor(leadWeeks)));
  let ready = 0;
  for (let k = lead; k <= MAX_WEEKS; k++) ready += routine[k] as number;
  const becoming = lead === 0 ? flows.routineArrivals : (routine[lead - 1] as number);
  const idle = rng ? idleSlots(ready, becoming, left, rng) : Math.max(0, left - ready - becoming);
  const routineSeen = Math.min(left - idle, ready + becoming);
  let newRoutine = flows.routineArrivals;
  const seenReady = removeOldest(routine, routineSeen, lead);
  const seenBecoming = routineSeen - seenReady;
  if (lead === 0) newRoutine -= seenBecoming;
  else routine[lead - 1] = (routine[lead - 1] as number) - seenBecoming;
  age(urgent, newUrgent);
  age(routine, newRoutine);
  return urgentSeen + routineSeen;
}
