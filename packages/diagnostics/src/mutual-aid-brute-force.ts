// The check on the solver: every whole-number set of transfers on a small network, each scored
// by running every site's list week by week (longest-waiting first, the weekly demand joining
// behind) and counting who has waited the standard or more at the end. The best by breaches,
// then by travel, must equal the integer programme's.
import { arcsOf } from "./mutual-aid.ts";
import type { MutualAidNetwork } from "./mutual-aid-network.ts";

/** Waiting past the standard at the horizon's end for one site's list, moved patients taken out or put in. */
export function simulateSite(
  backlog: readonly number[],
  capacityPerWeek: number,
  demandPerWeek: number,
  horizon: number,
  standard: number,
  sent: number,
  received: readonly number[],
): number {
  // Patients as completed weeks waited; the longest-waiting are the ones sent.
  const waits: number[] = [];
  backlog.forEach((n, k) => {
    for (let i = 0; i < n; i++) waits.push(k);
  });
  waits.sort((a, b) => b - a);
  waits.splice(0, sent);
  waits.push(...received);
  waits.sort((a, b) => b - a);
  let list = waits;
  for (let w = 0; w < horizon; w++) {
    list = list.slice(Math.min(list.length, capacityPerWeek));
    list = [...list.map((k) => k + 1), ...Array(demandPerWeek).fill(0)];
  }
  return list.filter((k) => k >= standard).length;
}

export interface BruteForceBest {
  readonly breachesAfter: number;
  readonly travel: number;
  readonly plansTried: number;
}

export function bruteForceMutualAid(network: MutualAidNetwork): BruteForceBest {
  const horizon = network.horizonWeeks ?? 4;
  const standard = network.standardWeeks ?? 6;
  const { positions, arcs } = arcsOf(network);
  const lists = network.sites.flatMap((s) => s.modalities.map((m) => m));
  const bound = arcs.map((a) => Math.min(positions[a.from]?.excess ?? 0, positions[a.to]?.spare ?? 0));
  const flows = arcs.map(() => 0);
  let best = { breachesAfter: Number.POSITIVE_INFINITY, travel: Number.POSITIVE_INFINITY };
  let tried = 0;
  const visit = (k: number) => {
    if (k === arcs.length) {
      const sent = positions.map(() => 0);
      const got = positions.map(() => 0);
      arcs.forEach((a, j) => {
        sent[a.from] = (sent[a.from] as number) + (flows[j] as number);
        got[a.to] = (got[a.to] as number) + (flows[j] as number);
      });
      if (positions.some((p, i) => (sent[i] as number) > p.excess || (got[i] as number) > p.spare)) return;
      tried++;
      // Who moves: each giver's longest-waiting patients, in arc order.
      const received: number[][] = positions.map(() => []);
      positions.forEach((_, i) => {
        const waits: number[] = [];
        (lists[i]?.backlog ?? []).forEach((n, w) => {
          for (let x = 0; x < n; x++) waits.push(w);
        });
        waits.sort((a, b) => b - a);
        let at = 0;
        arcs.forEach((a, j) => {
          if (a.from !== i) return;
          for (let x = 0; x < (flows[j] as number); x++) received[a.to]?.push(waits[at++] as number);
        });
      });
      let breaches = 0;
      positions.forEach((_, i) => {
        const m = lists[i];
        if (!m) return;
        breaches += simulateSite(
          m.backlog,
          m.capacityPerWeek,
          m.demandPerWeek,
          horizon,
          standard,
          sent[i] as number,
          received[i] ?? [],
        );
      });
      const travel = arcs.reduce((a, arc, j) => a + arc.minutes * (flows[j] as number), 0);
      if (breaches < best.breachesAfter || (breaches === best.breachesAfter && travel < best.travel))
        best = { breachesAfter: breaches, travel };
      return;
    }
    for (let x = 0; x <= (bound[k] as number); x++) {
      flows[k] = x;
      visit(k + 1);
    }
    flows[k] = 0;
  };
  visit(0);
  if (arcs.length === 0) {
    best = {
      breachesAfter: positions.reduce((a, _, i) => {
        const m = lists[i];
        return m
          ? a + simulateSite(m.backlog, m.capacityPerWeek, m.demandPerWeek, horizon, standard, 0, [])
          : a;
      }, 0),
      travel: 0,
    };
  }
  return { ...best, plansTried: tried };
}
