// Mutual aid between sites: which waiting patients to offer a test elsewhere so that the
// fewest in the network are still waiting past the standard at the end of the horizon.
// Each site sees its own patients longest-waiting first; a patient counts as a breach when
// they will have waited the standard (6 weeks) or more by the horizon's end without a test.
// Only patients their own site cannot see in time are offered a transfer; a receiving site
// takes no more than its spare capacity (what it has beyond its own demand over the horizon,
// and beyond its own patients who must be seen in time); no journey exceeds the limit. It is
// an integer programme (a transportation problem) solved with HiGHS in two stages: most
// breaches avoided, then the least travel for that.
import highsModule from "highs";
import type { MutualAidNetwork, NetworkSite, SiteModality } from "./mutual-aid-network.ts";

/** What one site can give or take for one modality over the horizon. */
export interface SitePosition {
  readonly site: string;
  readonly trust: string;
  readonly modality: string;
  readonly waiting: number;
  /** Patients who reach the standard by the horizon's end unless seen. */
  readonly atRisk: number;
  /** Of those, patients the site cannot see in time: the breaches without aid. */
  readonly excess: number;
  /** Patients it could take from elsewhere. */
  readonly spare: number;
  /** Waiting at the horizon's end without aid. */
  readonly listAtHorizon: number;
}

export interface Transfer {
  readonly from: string;
  readonly to: string;
  readonly modality: string;
  readonly patients: number;
  readonly minutes: number;
  /** Completed weeks waited by the patients moved (longest first): the range. */
  readonly waitedWeeks: { readonly min: number; readonly max: number };
}

export interface TrustOutcome {
  readonly trust: string;
  readonly waitingBefore: number;
  readonly over6Before: number;
  readonly waitingAfter: number;
  readonly over6After: number;
  readonly shareBefore: number;
  readonly shareAfter: number;
  readonly gives: number;
  readonly receives: number;
}

export interface MutualAidPlan {
  readonly horizonWeeks: number;
  readonly standardWeeks: number;
  readonly maxTravelMinutes: number;
  readonly breachesBefore: number;
  readonly breachesAfter: number;
  readonly transfers: readonly Transfer[];
  readonly positions: readonly SitePosition[];
  readonly trusts: readonly TrustOutcome[];
  readonly solver: { readonly status: string; readonly stages: number; readonly variables: number };
}

/** Position of one site for one modality (closed form of longest-waiting-first over the horizon). */
export function position(
  site: NetworkSite,
  m: SiteModality,
  horizon: number,
  standard: number,
): SitePosition {
  const waiting = m.backlog.reduce((a, b) => a + b, 0);
  let atRisk = 0;
  m.backlog.forEach((n, k) => {
    if (k + horizon >= standard) atRisk += n;
  });
  const canSee = horizon * m.capacityPerWeek;
  return {
    site: site.code,
    trust: site.trust,
    modality: m.modality,
    waiting,
    atRisk,
    excess: Math.max(0, Math.floor(atRisk - canSee)),
    spare: Math.max(
      0,
      Math.floor(Math.min(horizon * (m.capacityPerWeek - m.demandPerWeek), canSee - atRisk)),
    ),
    listAtHorizon: Math.max(0, waiting + horizon * (m.demandPerWeek - m.capacityPerWeek)),
  };
}

export interface Arc {
  readonly from: number;
  readonly to: number;
  readonly minutes: number;
}

/** The positions and the transfers allowed: same modality, journey within the limit, a giver with excess and a taker with spare. */
export function arcsOf(network: MutualAidNetwork): { positions: SitePosition[]; arcs: Arc[] } {
  const horizon = network.horizonWeeks ?? 4;
  const standard = network.standardWeeks ?? 6;
  const positions = network.sites.flatMap((s) => s.modalities.map((m) => position(s, m, horizon, standard)));
  const minutes = new Map(network.travelMinutes.map((t) => [`${t.from}>${t.to}`, t.minutes]));
  const arcs: Arc[] = [];
  positions.forEach((a, i) => {
    positions.forEach((b, j) => {
      if (i === j || a.modality !== b.modality || a.site === b.site || a.excess <= 0 || b.spare <= 0) return;
      const t = minutes.get(`${a.site}>${b.site}`);
      if (t === undefined || t > network.maxTravelMinutes) return;
      arcs.push({ from: i, to: j, minutes: t });
    });
  });
  return { positions, arcs };
}

interface Solution {
  readonly Status: string;
  readonly ObjectiveValue: number;
  readonly Columns: Record<string, { readonly Primal: number }>;
}
// The package's types describe its CommonJS build; Node loads its ES module build, whose
// default export is the loader itself.
const loadHighs = highsModule as unknown as () => Promise<{ solve(lp: string): Solution }>;
let solver: Promise<{ solve(lp: string): Solution }> | null = null;

export async function planMutualAid(network: MutualAidNetwork): Promise<MutualAidPlan> {
  const horizon = network.horizonWeeks ?? 4;
  const standard = network.standardWeeks ?? 6;
  const { positions, arcs } = arcsOf(network);
  const breachesBefore = positions.reduce((a, p) => a + p.excess, 0);
  let flows = arcs.map(() => 0);
  let status = "Empty";
  let stages = 0;
  if (arcs.length > 0) {
    solver ??= loadHighs();
    const highs = await solver;
    const name = (k: number) => `x${k}`;
    const rows = (extra: string[]) => {
      const lines: string[] = [];
      positions.forEach((p, i) => {
        const out = arcs.flatMap((a, k) => (a.from === i ? [name(k)] : []));
        if (out.length) lines.push(` give${i}: ${out.join(" + ")} <= ${p.excess}`);
        const inn = arcs.flatMap((a, k) => (a.to === i ? [name(k)] : []));
        if (inn.length) lines.push(` take${i}: ${inn.join(" + ")} <= ${p.spare}`);
      });
      return [...lines, ...extra].join("\n");
    };
    const vars = arcs.map((_, k) => name(k));
    const lp = (sense: string, objective: string, extra: string[]) =>
      `${sense}\n obj: ${objective}\nSubject To\n${rows(extra)}\nBounds\n${vars.map((v) => ` 0 <= ${v}`).join("\n")}\nGeneral\n ${vars.join(" ")}\nEnd\n`;
    // Stage 1: the most breaches avoided.
    const first = highs.solve(lp("Maximize", vars.join(" + "), []));
    stages++;
    status = first.Status;
    if (first.Status !== "Optimal")
      throw new Error(`mutual aid: the solver stopped with status ${first.Status}`);
    const best = Math.round(first.ObjectiveValue);
    // Stage 2: the least travel for that many.
    if (best > 0) {
      const second = highs.solve(
        lp("Minimize", arcs.map((a, k) => `${a.minutes === 0 ? 0.001 : a.minutes} ${name(k)}`).join(" + "), [
          ` moved: ${vars.join(" + ")} = ${best}`,
        ]),
      );
      stages++;
      status = second.Status;
      if (second.Status !== "Optimal")
        throw new Error(`mutual aid: the solver stopped with status ${second.Status}`);
      flows = arcs.map((_, k) => Math.round(second.Columns[name(k)]?.Primal ?? 0));
    }
  }
  const transfers = describeTransfers(network, positions, arcs, flows);
  const sent = positions.map(() => 0);
  const received = positions.map(() => 0);
  arcs.forEach((a, k) => {
    sent[a.from] = (sent[a.from] as number) + (flows[k] as number);
    received[a.to] = (received[a.to] as number) + (flows[k] as number);
  });
  const trusts = [...new Set(positions.map((p) => p.trust))].sort().map((trust) => {
    let wb = 0;
    let ob = 0;
    let wa = 0;
    let oa = 0;
    let gives = 0;
    let receives = 0;
    positions.forEach((p, i) => {
      if (p.trust !== trust) return;
      wb += p.listAtHorizon;
      ob += p.excess;
      wa += Math.max(0, p.listAtHorizon - (sent[i] as number) + (received[i] as number));
      oa += p.excess - (sent[i] as number);
      gives += sent[i] as number;
      receives += received[i] as number;
    });
    return {
      trust,
      waitingBefore: wb,
      over6Before: ob,
      waitingAfter: wa,
      over6After: oa,
      shareBefore: wb > 0 ? ob / wb : 0,
      shareAfter: wa > 0 ? oa / wa : 0,
      gives,
      receives,
    };
  });
  const moved = flows.reduce((a, b) => a + b, 0);
  return {
    horizonWeeks: horizon,
    standardWeeks: standard,
    maxTravelMinutes: network.maxTravelMinutes,
    breachesBefore,
    breachesAfter: breachesBefore - moved,
    transfers,
    positions,
    trusts,
    solver: { status, stages, variables: arcs.length },
  };
}

/** Which patients move on each arc: each giver's longest-waiting first, nearest receiver first. */
function describeTransfers(
  network: MutualAidNetwork,
  positions: SitePosition[],
  arcs: Arc[],
  flows: number[],
): Transfer[] {
  const out: Transfer[] = [];
  positions.forEach((p, i) => {
    const site = network.sites.find((s) => s.code === p.site);
    const backlog = [...(site?.modalities.find((m) => m.modality === p.modality)?.backlog ?? [])];
    const mine = arcs
      .map((a, k) => ({ a, n: flows[k] as number }))
      .filter((x) => x.a.from === i && x.n > 0)
      .sort((x, y) => x.a.minutes - y.a.minutes);
    let k = backlog.length - 1;
    for (const { a, n } of mine) {
      let left = n;
      let max = -1;
      let min = -1;
      while (left > 0 && k >= 0) {
        const take = Math.min(backlog[k] as number, left);
        if (take > 0) {
          if (max < 0) max = k;
          min = k;
          backlog[k] = (backlog[k] as number) - take;
          left -= take;
        }
        if ((backlog[k] as number) <= 0) k--;
      }
      out.push({
        from: p.site,
        to: positions[a.to]?.site ?? "",
        modality: p.modality,
        patients: n,
        minutes: a.minutes,
        waitedWeeks: { min: Math.max(0, min), max: Math.max(0, max) },
      });
    }
  });
  return out;
}
