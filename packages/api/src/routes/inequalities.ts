// Health inequalities: an indicator by deprivation quintile, ethnicity, sex, age band or
// learning disability, with Wilson intervals, rate ratios against a reference group (Katz log
// interval), ESP2013 age-standardised rates (Dobson) and, for deprivation, the slope index of
// inequality. All statistics come from @bevan/methods.
import {
  directlyStandardisedRate,
  ESP2013_BANDS,
  proportionRatio,
  sii,
  wilsonLower,
  wilsonUpper,
} from "@bevan/methods";
import {
  AGE_BANDS,
  addCells,
  type Cell,
  EMPTY_CELL,
  type IndicatorGrouping,
  indicator,
  indicatorCells,
  practicesInScope,
} from "@bevan/query";
import type { FastifyInstance } from "fastify";
import { principalOf } from "../auth/access.ts";
import type { ApiContext } from "../context.ts";
import { countsForDerived, disclose, disclosureNote, policyFor, shown } from "../disclosure.ts";
import { keepsRow, keyedPracticeCache } from "../practice-cache.ts";
import { ErrorBody } from "../schemas.ts";
import { InequalitiesQuery, InequalitiesResponse } from "../schemas-analytics.ts";
import { builtAsOf, scopedTo } from "./aggregates.ts";
import { indicatorOr400 } from "./variation.ts";

type Dimension = Exclude<IndicatorGrouping, "practice" | "pcn">;
const NONE = { value: null, suppressed: true };

/** The comparison group per dimension; for age bands, the largest band. */
const REFERENCE: Record<Exclude<Dimension, "age_band">, string> = {
  imd_quintile: "5",
  ethnicity_group: "White",
  sex: "F",
  learning_disability: "no",
};
export const SII_NOTE =
  "slope index of inequality is the fitted gap in the rate between the least and the most deprived ends of the deprivation scale (IMD quintiles, weighted by population; negative when the rate is higher among the more deprived); the relative index of inequality is the same comparison as a ratio (below 1 when higher among the more deprived)";

interface Bounds {
  readonly lower: number;
  readonly upper: number;
}
interface SiiFigures {
  value: number;
  ci95: Bounds;
  rii: number;
  riiCi95: Bounds;
}

/** SII and RII (PHEindicatormethods' phe_sii) over the quintiles, most deprived first. */
function siiFigures(
  populations: readonly number[],
  quintiles: readonly { value: number; ci: Bounds }[],
): SiiFigures | null {
  const res = sii({
    populations,
    values: quintiles.map((x) => x.value),
    lowerCls: quintiles.map((x) => x.ci.lower),
    upperCls: quintiles.map((x) => x.ci.upper),
    valueType: "proportion",
    repetitions: 10_000,
    seed: 1,
  });
  const iv = res.intervals[0];
  return iv
    ? {
        value: res.sii,
        ci95: { lower: iv.siiLower, upper: iv.siiUpper },
        rii: res.rii,
        riiCi95: { lower: iv.riiLower, upper: iv.riiUpper },
      }
    : null;
}

export function inequalityRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const cells = keyedPracticeCache(ctx, (ics, key) => {
    const [id, dimension] = key.split("|") as [string, Dimension];
    return indicatorCells(ics, indicator(id), dimension);
  });
  app.get(
    "/api/inequalities",
    {
      schema: {
        tags: ["analytics"],
        summary:
          "An indicator by deprivation, ethnicity, sex, age band or learning disability, with ratios and SII",
        querystring: InequalitiesQuery,
        response: {
          200: InequalitiesResponse,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          503: ErrorBody,
        },
      },
      config: { access: "aggregates:read" },
    },
    async (request) => {
      const principal = principalOf(request);
      const q = request.query as { indicator: string; dimension: Dimension; org?: string };
      const ind = indicatorOr400(q.indicator);
      const sw = await scopedTo(ctx, principal, q.org);
      const asOf = await builtAsOf(sw);
      const standardise = q.dimension !== "age_band";
      const [all, mine] = await Promise.all([cells(asOf, `${ind.id}|${q.dimension}`), practicesInScope(sw)]);
      const byAge = new Map<string, { group: string; ageBand: string; numerator: Cell; denominator: Cell }>();
      const keep = keepsRow(principal, mine);
      for (const c of all) {
        if (!keep(c)) continue;
        const k = `${c.group}|${c.ageBand}`;
        const b = byAge.get(k) ?? {
          group: c.group,
          ageBand: c.ageBand,
          numerator: EMPTY_CELL,
          denominator: EMPTY_CELL,
        };
        byAge.set(k, {
          ...b,
          numerator: addCells(b.numerator, c.numerator),
          denominator: addCells(b.denominator, c.denominator),
        });
      }
      const groupsOf = new Map<string, { group: string; numerator: Cell; denominator: Cell }>();
      for (const b of byAge.values()) {
        const g = groupsOf.get(b.group) ?? { group: b.group, numerator: EMPTY_CELL, denominator: EMPTY_CELL };
        groupsOf.set(b.group, {
          group: b.group,
          numerator: addCells(g.numerator, b.numerator),
          denominator: addCells(g.denominator, b.denominator),
        });
      }
      const rows = [...groupsOf.values()].sort((a, b) =>
        a.group < b.group ? -1 : a.group > b.group ? 1 : 0,
      );
      const policy = policyFor(principal, ctx.disclosure);
      const num = disclose(
        rows.map((r) => r.numerator),
        policy,
      );
      const den = disclose(
        rows.map((r) => r.denominator),
        policy,
      );
      const shownRows = rows.map((r, i) => ({
        group: r.group,
        n: shown(num.cells[i]),
        d: shown(den.cells[i]),
        raw: r,
      }));
      // For age bands, the reference is the largest band as published (not as counted).
      const reference =
        q.dimension === "age_band"
          ? (shownRows.reduce((best, r) => ((r.d ?? -1) > (best?.d ?? -1) ? r : best), shownRows[0])?.group ??
            "")
          : REFERENCE[q.dimension];
      const ref = shownRows.find((r) => r.group === reference);
      const groups = shownRows.map((r, i) => {
        const ok = r.n !== null && r.d !== null && r.d > 0 && r.n <= r.d;
        const rate = ok ? (r.n as number) / (r.d as number) : null;
        const ci95 = ok
          ? {
              lower: wilsonLower(r.n as number, r.d as number, 0.95),
              upper: wilsonUpper(r.n as number, r.d as number, 0.95),
            }
          : null;
        const isRef = r.group === reference;
        const canRatio =
          ok && !isRef && ref && ref.n !== null && ref.d !== null && ref.n > 0 && (r.n as number) > 0;
        const rr = canRatio
          ? proportionRatio(
              { numerator: r.n as number, denominator: r.d as number },
              { numerator: ref.n as number, denominator: ref.d as number },
            )
          : null;
        // Age-standardised from the group's age-specific counts, published only beside a shown
        // crude rate. For aggregate audiences each band enters perturbed (countsForDerived), so
        // neither the rate nor its interval carries an exact count.
        let dsr: { value: number | null; lower: number | null; upper: number | null } | null = null;
        if (standardise && ok) {
          const cells = [...byAge.values()].filter((a) => a.group === r.group);
          const counts = countsForDerived(
            AGE_BANDS.map((b) => cells.find((c) => c.ageBand === b)?.numerator ?? EMPTY_CELL),
            policy,
          );
          const populations = countsForDerived(
            AGE_BANDS.map((b) => cells.find((c) => c.ageBand === b)?.denominator ?? EMPTY_CELL),
            policy,
          );
          // Bands with nobody in them (e.g. below a register's minimum age) leave the standard too.
          const keep = populations.map((p) => p > 0);
          if (keep.some(Boolean))
            dsr = directlyStandardisedRate({
              counts: counts.filter((_, k) => keep[k]),
              populations: populations.filter((_, k) => keep[k]),
              standardPopulation: ESP2013_BANDS.map((b) => b.population).filter((_, k) => keep[k]),
              multiplier: 1,
              confidence: 0.95,
            });
        }
        return {
          group: r.group,
          numerator: num.cells[i] ?? NONE,
          denominator: den.cells[i] ?? NONE,
          rate,
          ci95,
          rateRatio: isRef && ok ? 1 : (rr?.estimate ?? null),
          rrCi95: rr ? { lower: rr.lower, upper: rr.upper } : null,
          significant: rr ? rr.lower > 1 || rr.upper < 1 : null,
          standardisedRate: dsr?.value ?? null,
          // A proportion's interval stays within 0–100% (Dobson's limits can pass 1 for small groups).
          standardisedCi95:
            dsr && dsr.lower !== null && dsr.upper !== null
              ? { lower: Math.max(0, dsr.lower), upper: Math.min(1, dsr.upper) }
              : null,
        };
      });
      // SII and RII on the crude proportions and, when the page shows age-standardised rates, on
      // those too: deprivation and age are entangled (older areas are less deprived), so the
      // two can point in opposite directions; the standardised one is the headline.
      let siiOut: SiiFigures | null = null;
      let siiStd: SiiFigures | null = null;
      if (q.dimension === "imd_quintile") {
        const quintiles = ["1", "2", "3", "4", "5"].map((g) => groups.find((x) => x.group === g));
        const populations = quintiles.map((x) => x?.denominator.value ?? 0);
        if (quintiles.every((x) => x?.ci95 && x.rate !== null && x.rate > 0 && x.rate < 1))
          siiOut = siiFigures(
            populations,
            quintiles.map((x) => ({ value: x?.rate as number, ci: x?.ci95 as Bounds })),
          );
        if (
          standardise &&
          quintiles.every(
            (x) =>
              x?.standardisedRate != null &&
              x.standardisedCi95 &&
              x.standardisedRate > 0 &&
              x.standardisedRate < 1 &&
              x.standardisedCi95.lower > 0,
          )
        )
          siiStd = siiFigures(
            populations,
            quintiles.map((x) => ({
              value: x?.standardisedRate as number,
              ci: x?.standardisedCi95 as Bounds,
            })),
          );
      }
      return {
        asOf,
        disclosure: disclosureNote(policy),
        indicator: ind.id,
        indicatorName: ind.name,
        dimension: q.dimension,
        reference,
        groups,
        sii: siiOut,
        siiStandardised: siiStd,
        siiNote: q.dimension === "imd_quintile" ? SII_NOTE : null,
        standardisation: standardise ? "ESP2013 direct, 5-year bands" : null,
      };
    },
  );
}
