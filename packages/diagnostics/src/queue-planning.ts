// The queue formulas a planner applies to one waiting list (NHSRwaitinglist's, in
// @bevan/methods): the load, the list size and capacity that hold a 6-week target at a chosen
// breach probability, the relief capacity that clears a backlog in N weeks, and — the same
// Kingman relation read the other way — the mean wait and list size a given capacity holds.
import { queueLoad, reliefCapacity, targetCapacity, targetQueueSize } from "@bevan/methods";

/**
 * Mean wait (in the units of 1 / (capacity − demand)) that a stable list settles at, from the
 * relation behind `targetCapacity`: capacity = demand + ((cvD² + cvC²) / 2) / meanWait.
 * For Poisson arrivals and removals (cv 1) it is the M/M/1 mean time in system 1 / (C − D).
 * Infinite when capacity does not exceed demand.
 */
export function meanWaitAtCapacity(demand: number, capacity: number, cvDemand = 1, cvCapacity = 1): number {
  if (capacity <= demand) return Number.POSITIVE_INFINITY;
  return (cvDemand ** 2 + cvCapacity ** 2) / 2 / (capacity - demand);
}

/** Mean list size a capacity holds (Little's law on `meanWaitAtCapacity`). */
export function meanListAtCapacity(demand: number, capacity: number, cvDemand = 1, cvCapacity = 1): number {
  return demand * meanWaitAtCapacity(demand, capacity, cvDemand, cvCapacity);
}

/** The factor of a target: with exponential waits, e^−factor of patients wait past it. */
export function factorForBreach(breachProbability: number): number {
  if (!(breachProbability > 0 && breachProbability < 1))
    throw new RangeError(`the breach probability must be between 0 and 1 (got ${breachProbability})`);
  return -Math.log(breachProbability);
}

export interface ListPlanInput {
  /** Patients added a week. */
  readonly demandPerWeek: number;
  /** Tests a week available to the list now. */
  readonly capacityPerWeek: number;
  /** Patients waiting now. */
  readonly waiting: number;
  /** Waiting-time target in weeks (DM01: 6). */
  readonly targetWeeks: number;
  /** Share allowed to wait past the target (the standard: 0.01; an interim target, e.g. 0.05). */
  readonly breachProbability: number;
  /** Weeks in which to bring the list down to its target size. */
  readonly clearWeeks: number;
  readonly cvDemand?: number;
  readonly cvCapacity?: number;
}

export interface ListPlan {
  readonly load: number;
  readonly targetMeanWaitWeeks: number;
  /** The list size that keeps the target (Little's law). */
  readonly targetListSize: number;
  /** Capacity that holds the list at the target once there. */
  readonly targetCapacityPerWeek: number;
  /** Capacity that brings the list to its target size in `clearWeeks`. */
  readonly reliefCapacityPerWeek: number;
  /** Weeks to reach the target size at today's capacity; null if it never gets there. */
  readonly weeksToTargetAtCurrentCapacity: number | null;
}

export function planList(i: ListPlanInput): ListPlan {
  const factor = factorForBreach(i.breachProbability);
  const target = targetQueueSize(i.demandPerWeek, i.targetWeeks, factor);
  const cvD = i.cvDemand ?? 1;
  const cvC = i.cvCapacity ?? 1;
  const surplus = i.capacityPerWeek - i.demandPerWeek;
  return {
    load: queueLoad(i.demandPerWeek, i.capacityPerWeek),
    targetMeanWaitWeeks: i.targetWeeks / factor,
    targetListSize: target,
    targetCapacityPerWeek: targetCapacity(i.demandPerWeek, i.targetWeeks, factor, cvD, cvC),
    reliefCapacityPerWeek: reliefCapacity(
      i.demandPerWeek,
      i.waiting,
      Math.min(target, i.waiting),
      i.clearWeeks,
    ),
    weeksToTargetAtCurrentCapacity:
      i.waiting <= target ? 0 : surplus > 0 ? (i.waiting - target) / surplus : null,
  };
}
