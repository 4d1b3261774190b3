// The three disclosure attacks of issue 16, as a commissioner would run them through the
// HTTP API (docs/disclosure-control.md, "Attacks"). Each targets counts the API withholds
// (1–7 people) and reports what the attacker ends up with: an estimate, how sure the
// attacker can be of it, and — from the truth, which only the test knows — the error.
//   1. Averaging through timelines: monthly counts of (target ∪ a slowly changing group)
//      minus the group alone, averaged over up to 120 months.
//   2. Intervals: the count behind each published interval worked back from its shape, and
//      withheld cells differenced from the total and the shown cells.
//   3. Trackers of known size: a cohort of (target ∪ a group whose size is published),
//      asked with five such groups, minus the published sizes.
// The attacker knows the method and its parameters (the ptable is public): each published
// count is within ±D of the truth with variance V, so an average of k differences of two
// published counts has standard deviation √(2V/k). "Exact" below means the attacker's 95%
// interval holds a single whole number and it is the true count; "pinned" means the bounds
// (±D per published count) leave one possible value.

export interface Reply {
  readonly statusCode: number;
  json(): unknown;
}
export interface Asker {
  get(url: string): Promise<Reply>;
  post(url: string, body: unknown): Promise<Reply>;
}

/** The method's public parameters as the attacker knows them. */
export const KNOWN = { maxPerturbation: 5, variance: 3, threshold: 8 } as const;

export interface Target {
  /** What the withheld count is, in words. */
  readonly label: string;
  readonly truth: number;
}

export interface Outcome {
  readonly target: string;
  readonly truth: number;
  /** The attacker's estimate, or null when the API gave them nothing to estimate from. */
  readonly estimate: number | null;
  /** The attacker's own standard deviation for the estimate (from the public variance). */
  readonly sd: number | null;
  /** The values the ±D bounds leave possible (within 1–7). */
  readonly possible: readonly number[];
  /** Requests made and refused (query budget or differencing check). */
  readonly requests: number;
  readonly refused: number;
}

export interface AttackSummary {
  readonly attack: string;
  readonly targets: number;
  readonly estimated: number;
  readonly exact: number;
  readonly pinned: number;
  readonly refusedRequests: number;
  readonly requests: number;
  /** Mean absolute error of the estimates made (null when none). */
  readonly meanAbsoluteError: number | null;
  /** Share of estimates that round to the truth (a guess of 4 does so for about 1 in 7). */
  readonly roundsToTruth: number | null;
}

export function isExact(o: Outcome): boolean {
  return o.estimate !== null && o.sd !== null && 1.96 * o.sd < 0.5 && Math.round(o.estimate) === o.truth;
}
export function isPinned(o: Outcome): boolean {
  return o.possible.length === 1;
}

export function summarise(attack: string, outcomes: readonly Outcome[]): AttackSummary {
  const made = outcomes.filter((o) => o.estimate !== null);
  return {
    attack,
    targets: outcomes.length,
    estimated: made.length,
    exact: outcomes.filter(isExact).length,
    pinned: outcomes.filter(isPinned).length,
    requests: outcomes.reduce((a, o) => a + o.requests, 0),
    refusedRequests: outcomes.reduce((a, o) => a + o.refused, 0),
    meanAbsoluteError: made.length
      ? made.reduce((a, o) => a + Math.abs((o.estimate as number) - o.truth), 0) / made.length
      : null,
    roundsToTruth: made.length
      ? made.filter((o) => Math.round(o.estimate as number) === o.truth).length / made.length
      : null,
  };
}

/** Values in 1..threshold−1 consistent with every difference d (truth within d ± spread). */
function possibleFrom(differences: readonly number[], spread: number): number[] {
  const out: number[] = [];
  for (let v = 1; v < KNOWN.threshold; v++)
    if (differences.every((d) => Math.abs(d - v) <= spread)) out.push(v);
  return out;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

interface Count {
  readonly value: number | null;
  readonly suppressed: boolean;
}

const cohort = (name: string, criteria: object, population: "registered" | "everyone" = "registered") => ({
  kind: "cohort",
  language: 1,
  name,
  population,
  criteria,
});

/** A withheld register × practice count: people registered, of the register's age, on it. */
export interface RegisterCell extends Target {
  readonly register: string;
  readonly minAge: number;
  readonly practice: string;
}

/** The target's definition in the cohort language (the attacker can write it: nothing is secret). */
export function targetCriteria(t: RegisterCell): object {
  return {
    kind: "and",
    of: [
      { kind: "register", register: t.register },
      { kind: "organisation", level: "practice", in: [t.practice] },
      { kind: "age", min: t.minAge },
    ],
  };
}

/**
 * Attack 1: for each target, two 120-month timelines — (target ∪ people of 70+ at another
 * practice) and (people of 70+ at that practice) — and the average monthly difference. Over
 * everyone in the extract, so the target (register and practice as at the build) is the same
 * people every month while the filler group changes as people reach 70.
 */
export async function averagingThroughTimelines(
  api: Asker,
  targets: readonly RegisterCell[],
  other: (t: RegisterCell) => string,
  asOf: string,
): Promise<Outcome[]> {
  // 120 month ends up to the as-of date's month (the most one request may ask for).
  const first = Number(asOf.slice(0, 4)) * 12 + Number(asOf.slice(5, 7)) - 1 - 119;
  const from = `${Math.floor(first / 12)}-${String((first % 12) + 1).padStart(2, "0")}-01`;
  const out: Outcome[] = [];
  for (const t of targets) {
    const group = {
      kind: "and",
      of: [
        { kind: "organisation", level: "practice", in: [other(t)] },
        { kind: "age", min: 70 },
      ],
    };
    // Over everyone in the extract: the target (register and practice as at the build) is the
    // same people every month, while the filler group changes as people reach 70.
    const target = {
      kind: "and",
      of: [
        { kind: "register", register: t.register },
        { kind: "organisation", level: "practice", in: [t.practice] },
      ],
    };
    const a = await api.post("/api/cohorts/timeline", {
      definition: cohort("a", { kind: "or", of: [target, group] }, "everyone"),
      from,
    });
    const b = await api.post("/api/cohorts/timeline", { definition: cohort("b", group, "everyone"), from });
    const refused = [a, b].filter((r) => r.statusCode !== 200).length;
    const diffs: number[] = [];
    if (refused === 0) {
      const pa = (a.json() as { points: { count: Count }[] }).points;
      const pb = (b.json() as { points: { count: Count }[] }).points;
      pa.forEach((p, i) => {
        const q = pb[i];
        if (p.count.value !== null && q?.count.value !== null && q?.count.value !== undefined)
          diffs.push(p.count.value - q.count.value);
      });
    }
    out.push({
      target: t.label,
      truth: t.truth,
      estimate: diffs.length ? mean(diffs) : null,
      sd: diffs.length ? Math.sqrt((2 * KNOWN.variance) / diffs.length) : null,
      possible: diffs.length ? possibleFrom(diffs, 2 * KNOWN.maxPerturbation) : [1, 2, 3, 4, 5, 6, 7],
      requests: 2,
      refused,
    });
  }
  return out;
}

/**
 * Attack 3: for each target, five previews of (target ∪ one age band at another practice),
 * minus the band's published size from /api/population.
 */
export async function trackersOfKnownSize(
  api: Asker,
  targets: readonly RegisterCell[],
  other: (t: RegisterCell) => string,
): Promise<Outcome[]> {
  const out: Outcome[] = [];
  const bandsOf = new Map<string, { group: string; registered: Count }[]>();
  for (const t of targets) {
    const q = other(t);
    let bands = bandsOf.get(q);
    if (!bands) {
      const r = await api.get(`/api/population?breakdown=age_band&org=${q}`);
      bands = (r.json() as { groups: { group: string; registered: Count }[] }).groups;
      bandsOf.set(q, bands);
    }
    const known = bands.filter((b) => b.registered.value !== null && b.group !== "90+").slice(0, 5);
    const diffs: number[] = [];
    let refused = 0;
    for (const band of known) {
      const [lo, hi] = band.group.split("-").map(Number);
      const k = {
        kind: "and",
        of: [
          { kind: "organisation", level: "practice", in: [q] },
          { kind: "age", min: lo, max: hi },
        ],
      };
      const r = await api.post("/api/cohorts/preview", {
        definition: cohort("tracker", { kind: "or", of: [targetCriteria(t), k] }),
      });
      if (r.statusCode !== 200) {
        refused++;
        continue;
      }
      const c = (r.json() as { count: Count }).count;
      if (c.value !== null) diffs.push(c.value - (band.registered.value as number));
    }
    out.push({
      target: t.label,
      truth: t.truth,
      estimate: diffs.length ? mean(diffs) : null,
      sd: diffs.length ? Math.sqrt((2 * KNOWN.variance) / diffs.length) : null,
      possible: diffs.length ? possibleFrom(diffs, 2 * KNOWN.maxPerturbation) : [1, 2, 3, 4, 5, 6, 7],
      requests: known.length,
      refused,
    });
  }
  return out;
}

/** Wilson score interval (95%), to work a count back from an interval's shape. */
function wilson(n: number, d: number): [number, number] {
  const z = 1.959963984540054;
  const p = n / d;
  const centre = (p + (z * z) / (2 * d)) / (1 + (z * z) / d);
  const half = (z / (1 + (z * z) / d)) * Math.sqrt((p * (1 - p)) / d + (z * z) / (4 * d * d));
  return [centre - half, centre + half];
}

/** The (numerator, denominator) an interval and rate were computed from, by search. */
export function countFromInterval(
  rate: number,
  ci: { lower: number; upper: number },
  maxDen = 100_000,
): number | null {
  for (let d = 1; d <= maxDen; d++) {
    const n = Math.round(rate * d);
    if (Math.abs(n / d - rate) > 1e-12) continue;
    const [lo, hi] = wilson(n, d);
    if (Math.abs(lo - ci.lower) < 1e-9 && Math.abs(hi - ci.upper) < 1e-9) return n;
  }
  return null;
}

/** A group of /api/inequalities whose numerator is withheld, and the truth of its withheld sum. */
export interface InequalityCell {
  readonly register: string;
  readonly practice: string;
  readonly dimension: string;
  /** Truth per group (the test's own SQL). */
  readonly truth: ReadonlyMap<string, number>;
  /** The practice's true numerator. */
  readonly total: number;
}

/**
 * Attack 2: per (register, practice, dimension), the counts behind each shown group's
 * interval, worked back from its shape, and the withheld groups' sum differenced from the
 * practice's published numerator. Also reports how many intervals gave back the exact count.
 */
export async function intervalsAndDifferencing(
  api: Asker,
  cells: readonly InequalityCell[],
): Promise<{ outcomes: Outcome[]; intervals: number; intervalsExact: number }> {
  const outcomes: Outcome[] = [];
  let intervals = 0;
  let intervalsExact = 0;
  for (const c of cells) {
    const r = await api.get(
      `/api/inequalities?indicator=register:${c.register}&dimension=${c.dimension}&org=${c.practice}`,
    );
    const p = await api.get(`/api/prevalence?register=${c.register}&org=${c.practice}`);
    if (r.statusCode !== 200 || p.statusCode !== 200) continue;
    const groups = (
      r.json() as {
        groups: {
          group: string;
          numerator: Count;
          rate: number | null;
          ci95: { lower: number; upper: number } | null;
        }[];
      }
    ).groups;
    const total = (p.json() as { groups: { numerator: Count }[] }).groups[0]?.numerator;
    let shownSum = 0;
    const withheld: string[] = [];
    for (const g of groups) {
      if (g.rate !== null && g.ci95) {
        const n = countFromInterval(g.rate, g.ci95);
        intervals++;
        if (n !== null && n === c.truth.get(g.group)) intervalsExact++;
        shownSum += n ?? (g.numerator.value as number);
      } else if (g.numerator.suppressed) withheld.push(g.group);
      else shownSum += g.numerator.value ?? 0;
    }
    if (withheld.length === 0) continue;
    const truth = withheld.reduce((a, g) => a + (c.truth.get(g) ?? 0), 0);
    if (truth === 0 || truth >= KNOWN.threshold) continue;
    const shownCells = groups.length - withheld.length;
    const estimate = total && total.value !== null ? total.value - shownSum : null;
    const spread = KNOWN.maxPerturbation * (shownCells + 1);
    outcomes.push({
      target: `${c.register} at ${c.practice}, ${c.dimension} ${withheld.join("+")}`,
      truth,
      estimate,
      sd: estimate === null ? null : Math.sqrt(KNOWN.variance * (shownCells + 1)),
      possible: estimate === null ? [1, 2, 3, 4, 5, 6, 7] : possibleFrom([estimate], spread),
      requests: 2,
      refused: 0,
    });
  }
  return { outcomes, intervals, intervalsExact };
}
