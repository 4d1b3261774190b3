// Waiting-list queueing formulas as in the NHS-R NHSRwaitinglist package (after Fong et al.,
// "Understanding and managing waiting lists", and the Kingman / Pollaczek–Khinchine
// approximation for a single-server queue). Units are the caller's: demand and capacity per
// week with waits in weeks, or per day with waits in days — consistently.
import { MethodsInputError } from "./errors.ts";
import { nonNegative, positive } from "./validate.ts";

/** Load: demand / capacity. Above 1 the list grows without bound. */
export function queueLoad(demand: number, capacity: number): number {
  return nonNegative(demand, "demand") / positive(capacity, "capacity");
}

/**
 * Target mean wait for a waiting-time target: with exponentially distributed waits, a mean of
 * target / factor puts about e^-factor of patients over the target (factor 4: about 2%).
 */
export function targetMeanWait(targetWait: number, factor = 4): number {
  return positive(targetWait, "targetWait") / positive(factor, "factor");
}

/** Target queue size by Little's law: demand × target mean wait. */
export function targetQueueSize(demand: number, targetWait: number, factor = 4): number {
  return nonNegative(demand, "demand") * targetMeanWait(targetWait, factor);
}

/** Capacity needed to bring the queue from its size to the target within timeToTarget. */
export function reliefCapacity(
  demand: number,
  queueSize: number,
  targetQueueSize: number,
  timeToTarget = 26,
): number {
  nonNegative(demand, "demand");
  nonNegative(queueSize, "queueSize");
  nonNegative(targetQueueSize, "targetQueueSize");
  return demand + (queueSize - targetQueueSize) / positive(timeToTarget, "timeToTarget");
}

/**
 * Capacity needed to hold the mean wait at target / factor given the variability of demand and
 * capacity (coefficients of variation; 1 for Poisson-like flows).
 */
export function targetCapacity(
  demand: number,
  targetWait: number,
  factor = 4,
  cvDemand = 1,
  cvCapacity = 1,
): number {
  nonNegative(demand, "demand");
  nonNegative(cvDemand, "cvDemand");
  nonNegative(cvCapacity, "cvCapacity");
  return demand + ((cvDemand ** 2 + cvCapacity ** 2) / 2) * (factor / positive(targetWait, "targetWait"));
}

/** Pressure: 2 × mean wait / target wait. Above 1 the list is failing its target. */
export function waitingListPressure(meanWait: number, targetWait: number): number {
  return (2 * nonNegative(meanWait, "meanWait")) / positive(targetWait, "targetWait");
}

/** Target wait in days for a clinical priority: P1 7, P2 28, P3 84, anything else (P4) 365. */
export function priorityToTarget(priority: number): number {
  if (!Number.isInteger(priority) || priority < 1) {
    throw new MethodsInputError(
      "invalid_option",
      "priority",
      `must be a whole number from 1, got ${priority}`,
    );
  }
  return priority === 1 ? 7 : priority === 2 ? 28 : priority === 3 ? 84 : 365;
}
