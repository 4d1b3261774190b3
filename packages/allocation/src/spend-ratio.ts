// Observed against expected spend, indirectly standardised by age and sex. Counts of events
// have Poisson intervals (@bevan/methods); money does not, so the interval here treats a
// unit's spend as a sum of independent people's costs: expected E = Σ nᵦ·μᵦ and variance
// V = Σ nᵦ·σᵦ² from the reference population's mean and variance of cost per person in each
// age–sex band, and the ratio's limits are (O ± z√V) / E. A funnel plot's limits for a unit
// of expected spend E use the reference's variance-to-mean ratio k = ΣV / ΣE: 1 ± z√(kE)/E.
import { normalQuantile } from "@bevan/methods";
import { AllocationInputError } from "./errors.ts";

export interface BandReference {
  /** Mean cost per person in the band. */
  readonly mean: number;
  /** Variance of cost per person in the band. */
  readonly variance: number;
}

export interface SpendRatio {
  readonly observed: number;
  readonly expected: number;
  readonly ratio: number;
  readonly lower: number;
  readonly upper: number;
}

export function spendRatio(
  observed: number,
  populations: readonly number[],
  reference: readonly BandReference[],
  confidence = 0.95,
): SpendRatio {
  if (populations.length !== reference.length)
    throw new AllocationInputError(
      "populations",
      `has ${populations.length} bands, expected ${reference.length}`,
    );
  if (!(Number.isFinite(observed) && observed >= 0))
    throw new AllocationInputError("observed", "must be a sum of money, zero or more");
  let e = 0;
  let v = 0;
  populations.forEach((n, b) => {
    const r = reference[b];
    if (!(n >= 0) || !r) throw new AllocationInputError("populations", `band ${b} is not a count`);
    e += n * r.mean;
    v += n * r.variance;
  });
  if (!(e > 0))
    throw new AllocationInputError("expected", "is zero: nobody in the unit is expected to cost anything");
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const half = z * Math.sqrt(v);
  return {
    observed,
    expected: e,
    ratio: observed / e,
    lower: Math.max(0, observed - half) / e,
    upper: (observed + half) / e,
  };
}

export interface SpendFunnelPoint {
  readonly expected: number;
  readonly lower95: number;
  readonly upper95: number;
  readonly lower998: number;
  readonly upper998: number;
}

/** Control limits of O/E around 1 for expected spends from `from` to `to`, at `points` points. */
export function spendFunnel(
  varianceToMean: number,
  from: number,
  to: number,
  points = 60,
): SpendFunnelPoint[] {
  if (!(varianceToMean >= 0)) throw new AllocationInputError("varianceToMean", "must be zero or more");
  if (!(from > 0 && to > from))
    throw new AllocationInputError("range", "must run from a positive spend upwards");
  const z95 = normalQuantile(0.975);
  const z998 = normalQuantile(0.999);
  const out: SpendFunnelPoint[] = [];
  for (let k = 0; k < points; k++) {
    // Geometric spacing: the funnel changes fastest at small units.
    const e = from * (to / from) ** (k / (points - 1));
    const sd = Math.sqrt(varianceToMean * e) / e;
    out.push({
      expected: e,
      lower95: Math.max(0, 1 - z95 * sd),
      upper95: 1 + z95 * sd,
      lower998: Math.max(0, 1 - z998 * sd),
      upper998: 1 + z998 * sd,
    });
  }
  return out;
}

/** Where a ratio falls against the limits for its own variance: high or low beyond 99.8%, beyond 95%, or within. */
export function spendFlag(
  observed: number,
  expected: number,
  variance: number,
): "high" | "low" | "above95" | "below95" | "none" {
  const sd = Math.sqrt(variance);
  if (!(sd > 0)) return "none";
  const z = (observed - expected) / sd;
  if (z > normalQuantile(0.999)) return "high";
  if (z < -normalQuantile(0.999)) return "low";
  if (z > normalQuantile(0.975)) return "above95";
  if (z < -normalQuantile(0.975)) return "below95";
  return "none";
}
