// A seeded discrete-time waiting-list simulator: each day brings Poisson arrivals at the
// demand rate and Poisson capacity at the capacity rate; capacity treats the longest waiters
// first. The output has the same shape as real data, so the statistics above apply to it.
import { dayNumber, isoDate } from "./dates.ts";
import { MethodsInputError } from "./errors.ts";
import { normalRandom, poissonDraw, uniformRandom } from "./random.ts";
import { nonNegative } from "./validate.ts";
import type { WaitingList } from "./waiting-list-data.ts";

export interface SimulatorOptions {
  startDate: string;
  endDate: string;
  /** Mean referrals per week. */
  demandPerWeek: number;
  /** Mean removals (treatments) per week. */
  capacityPerWeek: number;
  /** Patients already waiting on startDate (all referred that day). Default 0. */
  initialQueue?: number;
  seed: number;
}

export function simulateWaitingList(options: SimulatorOptions): WaitingList {
  const start = dayNumber(options.startDate, "startDate");
  const end = dayNumber(options.endDate, "endDate");
  if (end < start) throw new MethodsInputError("invalid_date", "endDate", "must not be before startDate");
  nonNegative(options.demandPerWeek, "demandPerWeek");
  nonNegative(options.capacityPerWeek, "capacityPerWeek");
  const initial = nonNegative(options.initialQueue ?? 0, "initialQueue");
  const uniform = uniformRandom(options.seed);
  const normal = normalRandom(options.seed ^ 0x9e3779b9);
  const referrals: string[] = [];
  const removals: (string | null)[] = [];
  const waiting: number[] = [];
  const add = (day: number) => {
    waiting.push(referrals.length);
    referrals.push(isoDate(day));
    removals.push(null);
  };
  for (let i = 0; i < initial; i++) add(start);
  for (let day = start; day <= end; day++) {
    const arrivals = poissonDraw(options.demandPerWeek / 7, uniform, normal);
    for (let i = 0; i < arrivals; i++) add(day);
    let slots = poissonDraw(options.capacityPerWeek / 7, uniform, normal);
    // Today's arrivals can be treated today, as in a same-day clinic; FIFO order throughout.
    while (slots > 0 && waiting.length > 0) {
      const next = waiting.shift() as number;
      removals[next] = isoDate(day);
      slots--;
    }
  }
  return { referrals, removals };
}
