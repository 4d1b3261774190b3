// Abridged life table by Chiang's method II with Silcocks' confidence limits, as PHE/UKHSA
// compute life expectancy (PHEindicatormethods::phe_life_expectancy). Chiang CL, The Life
// Table and its Applications (1984); Silcocks PBS et al., J Epidemiol Community Health
// 2001;55:38-43.
import { MethodsInputError } from "./errors.ts";
import { zFor } from "./normal.ts";
import { checkEach, finite, sameLength, sum } from "./validate.ts";

/** The 20 standard start ages: 0, 1, 5, 10, ..., 85, 90 (90+ is open-ended). */
export const LIFE_TABLE_START_AGES: readonly number[] = Object.freeze([
  0,
  1,
  ...Array.from({ length: 18 }, (_, i) => (i + 1) * 5),
]);

export interface LifeExpectancyOptions {
  /** Start age of each band; any order, but must be exactly the 20 standard start ages. */
  startAges: readonly number[];
  populations: readonly number[];
  deaths: readonly number[];
  /** A fraction, default 0.95. */
  confidence?: number;
}

export interface LifeExpectancyRow {
  startAge: number;
  /** Null when suppressed (see `suppressed`). */
  value: number | null;
  lower: number | null;
  upper: number | null;
  /** Why PHE's rules suppress this row, or null when published. */
  suppressed: string | null;
}

/**
 * Life expectancy at each start age, in ascending age order. PHE's suppression rules apply:
 * the whole table is null when any band has negative deaths, a population of zero or less,
 * more deaths than population, or the total population is 5,000 or less; a value is null
 * (its limits kept, as PHE does) when its 95% interval is wider than 20 years.
 */
export function lifeExpectancy(options: LifeExpectancyOptions): LifeExpectancyRow[] {
  const { startAges, populations, deaths } = options;
  const confidence = options.confidence ?? 0.95;
  if (!(confidence > 0 && confidence < 1)) {
    throw new MethodsInputError(
      "invalid_confidence",
      "confidence",
      `must be a fraction between 0 and 1, got ${confidence}`,
    );
  }
  sameLength({ startAges, populations, deaths });
  checkEach(startAges, "startAges", finite);
  checkEach(populations, "populations", finite);
  checkEach(deaths, "deaths", finite);
  const order = startAges
    .map((_, i) => i)
    .sort((a, b) => (startAges[a] as number) - (startAges[b] as number));
  const ages = order.map((i) => startAges[i] as number);
  if (ages.length !== LIFE_TABLE_START_AGES.length || ages.some((a, i) => a !== LIFE_TABLE_START_AGES[i])) {
    throw new MethodsInputError(
      "invalid_option",
      "startAges",
      `must be the 20 bands ${LIFE_TABLE_START_AGES.join(", ")} (each once), got ${[...startAges].join(", ")}`,
    );
  }
  const pop = order.map((i) => populations[i] as number);
  const dth = order.map((i) => deaths[i] as number);

  const reason = suppressionReason(pop, dth);
  if (reason !== null)
    return ages.map((startAge) => ({ startAge, value: null, lower: null, upper: null, suppressed: reason }));

  const table = lifeTable(pop, dth);
  const z = zFor(confidence);
  const z95 = zFor(0.95);
  return ages.map((startAge, i) => {
    const e = table.e[i] as number;
    const se = table.se[i] as number;
    const value = Number.isFinite(e) ? e : null;
    const lower = Number.isFinite(se) ? e - z * se : null;
    const upper = Number.isFinite(se) ? e + z * se : null;
    const wide = Number.isFinite(se) && 2 * z95 * se > 20;
    return {
      startAge,
      value: wide ? null : value,
      lower,
      upper,
      suppressed: wide ? "95% confidence interval wider than 20 years" : null,
    };
  });
}

function suppressionReason(pop: readonly number[], dth: readonly number[]): string | null {
  if (dth.some((d) => d < 0)) return "some age bands have negative deaths";
  if (pop.some((p) => p <= 0)) return "some age bands have a zero or negative population";
  if (dth.some((d, i) => d > (pop[i] as number))) return "some age bands have more deaths than population";
  if (sum(pop) <= 5000) return "total population is 5,000 or less";
  return null;
}

/** Chiang II abridged life table: life expectancy e and its Silcocks standard error per band. */
function lifeTable(pop: readonly number[], dth: readonly number[]): { e: number[]; se: number[] } {
  const k = pop.length;
  const last = k - 1;
  const m = pop.map((p, i) => (dth[i] as number) / p);
  // Fraction of the interval lived by those who die in it: 0.1 in the first year, else 0.5.
  const a = LIFE_TABLE_START_AGES.map((age) => (age === 0 ? 0.1 : 0.5));
  const n = LIFE_TABLE_START_AGES.map((age, i) =>
    i < last ? (LIFE_TABLE_START_AGES[i + 1] as number) - age : 2 / (m[i] as number),
  );
  const q = m.map((mi, i) =>
    i < last ? (mi * (n[i] as number)) / (1 + mi * (n[i] as number) * (1 - (a[i] as number))) : 1,
  );
  const l: number[] = [100_000];
  for (let i = 1; i < k; i++) l.push((l[i - 1] as number) * (1 - (q[i - 1] as number)));
  const d = l.map((li, i) => li - (i < last ? (l[i + 1] as number) : 0));
  const L = l.map((li, i) =>
    i < last
      ? (n[i] as number) * ((l[i + 1] as number) + (a[i] as number) * (d[i] as number))
      : li / (m[i] as number),
  );
  const T: number[] = new Array(k).fill(0);
  for (let i = last, acc = 0; i >= 0; i--) {
    acc += L[i] as number;
    T[i] = acc;
  }
  const e = l.map((li, i) => (li === 0 ? 0 : (T[i] as number) / li));
  // Silcocks: variance of q from the binomial, and of the open last band from its mortality rate.
  const varQ = q.map((qi, i) => {
    if (i === last) return 4 / ((dth[i] as number) * (m[i] as number) ** 2);
    return d[i] === 0 ? 0 : (qi * qi * (1 - qi)) / (dth[i] as number);
  });
  const weighted = l.map((li, i) =>
    i < last
      ? (varQ[i] as number) *
        li *
        li *
        ((1 - (a[i] as number)) * (n[i] as number) + (e[i + 1] as number)) ** 2
      : (li / 2) ** 2 * (varQ[i] as number),
  );
  const se: number[] = new Array(k).fill(0);
  for (let i = last, acc = 0; i >= 0; i--) {
    acc += weighted[i] as number;
    se[i] = Math.sqrt(acc / (l[i] as number) ** 2);
  }
  return { e, se };
}
