// Writes each person's diagnostic imaging requests (imaging_requests.csv) from the planted
// network (imaging-network.ts, imaging-queue.ts), and the network's capacity and travel-time
// files. A person's own random stream for imaging keeps the rest of their record unchanged
// when the imaging model changes.
import type { Sink } from "./context.ts";
import { isoOf } from "./dates.ts";
import {
  DM01_TESTS,
  LOCALITY_TRUSTS,
  PRIORITIES,
  REBOOKED_SHARE,
  SITES,
  TEST_DEMAND,
  TEST_MODALITY,
  TRUST_PERFORMANCE,
  travelMinutes,
} from "./imaging-network.ts";
import {
  annualRate,
  CLASSES,
  classShare,
  type ImagingWorld,
  nextOpenDay,
  queueKey,
  type RequestClass,
  routineServiceDay,
} from "./imaging-queue.ts";
import type { SimPerson } from "./person.ts";
import type { Rng } from "./rng.ts";

const YEAR = 365.25;

/** A practice's referral propensity for GP direct-access imaging (planted variation: the funnel plot finds it). */
export function practiceImagingFactors(
  practices: readonly { code: string; locality: string; listSize: number }[],
  rng: Rng,
): Map<string, number> {
  const raw = practices.map((p) => ({ p, f: Math.exp(rng.normal(0, 0.22)) }));
  // Normalised within each locality (list-size weighted mean 1), so expected demand is unchanged.
  const out = new Map<string, number>();
  for (const locality of new Set(practices.map((p) => p.locality))) {
    const members = raw.filter((r) => r.p.locality === locality);
    const mean =
      members.reduce((a, r) => a + r.f * r.p.listSize, 0) / members.reduce((a, r) => a + r.p.listSize, 0);
    for (const r of members) out.set(r.p.code, r.f / mean);
  }
  return out;
}

interface Choice {
  readonly test: (typeof TEST_DEMAND)[number];
  readonly cls: RequestClass;
  readonly rate: number;
}

export function writeImaging(
  rng: Rng,
  world: ImagingWorld,
  p: SimPerson,
  nhs: string,
  practiceFactor: number,
  sink: Sink,
): void {
  const { start, asOf } = world;
  const last = Math.min(asOf, p.death ?? asOf, p.registrationEnd ?? asOf);
  const from = Math.max(start, p.birth);
  if (last < from) return;
  const trusts = LOCALITY_TRUSTS[p.b.lsoa.locality] ?? LOCALITY_TRUSTS.Central ?? [];
  // Year by year back from the as-of date, with the person's age in that year.
  for (let k = 0; k < 4; k++) {
    const segEnd = Math.min(last, asOf - Math.round(k * YEAR));
    const segStart = Math.max(from, asOf - Math.round((k + 1) * YEAR) + 1);
    if (segEnd < segStart) continue;
    const age = p.b.age - k;
    const choices: Choice[] = [];
    let total = 0;
    for (const test of TEST_DEMAND) {
      const base = annualRate(test, age, p.b.sex);
      if (base <= 0) continue;
      for (const cls of CLASSES) {
        const cum = world.profiles.get(`${test.code}|${cls}`)?.cumulative;
        if (!cum) continue;
        const mass = (cum[segEnd - start] ?? 0) - (segStart > start ? (cum[segStart - 1 - start] ?? 0) : 0);
        const rate = base * classShare(test, cls) * (cls === "gp" ? practiceFactor : 1) * mass;
        if (rate <= 0) continue;
        choices.push({ test, cls, rate });
        total += rate;
      }
    }
    const n = rng.poisson(total);
    for (let i = 0; i < n; i++) {
      let u = rng.next() * total;
      let choice = choices[choices.length - 1];
      for (const c of choices) {
        if (u < c.rate) {
          choice = c;
          break;
        }
        u -= c.rate;
      }
      if (!choice) continue;
      const cum = world.profiles.get(`${choice.test.code}|${choice.cls}`)?.cumulative;
      if (!cum) continue;
      const lo = segStart > start ? (cum[segStart - 1 - start] ?? 0) : 0;
      const day =
        segStart +
        searchDay(cum, segStart - start, segEnd - start, lo + rng.next() * ((cum[segEnd - start] ?? 0) - lo));
      writeRequest(rng, world, p, nhs, choice, day, trusts, last, sink);
    }
  }
}

/** The first index in [lo, hi] whose cumulative value reaches x, as an offset from lo. */
function searchDay(cum: Float64Array, lo: number, hi: number, x: number): number {
  let a = lo;
  let b = hi;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if ((cum[mid] ?? 0) >= x) b = mid;
    else a = mid + 1;
  }
  return a - lo;
}

function pickWeighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T | undefined {
  const total = items.reduce((a, [, w]) => a + w, 0);
  let u = rng.next() * total;
  for (const [item, w] of items) {
    if (u < w) return item;
    u -= w;
  }
  return items[items.length - 1]?.[0];
}

function writeRequest(
  rng: Rng,
  world: ImagingWorld,
  p: SimPerson,
  nhs: string,
  choice: Choice,
  day: number,
  trusts: readonly (readonly [string, number])[],
  last: number,
  sink: Sink,
): void {
  const { test, cls } = choice;
  const trust = pickWeighted(rng, trusts) ?? "R0A";
  const site = pickWeighted(
    rng,
    SITES.filter((s) => s.trust === trust && (s.tests[test.code] ?? 0) > 0).map(
      (s) => [s, s.tests[test.code] ?? 0] as const,
    ),
  );
  if (!site) return;
  const [, , ip, ae] = test.sources;
  const source = cls === "emergency" ? (rng.chance(ae / (ip + ae)) ? "ae" : "inpatient") : cls;
  const priority =
    cls === "emergency"
      ? "urgent"
      : (pickWeighted(
          rng,
          PRIORITIES.map((p, i) => [p, test.priorities[i] ?? 0] as const),
        ) ?? "routine");
  const dm01 = DM01_TESTS.includes(test.code);
  let testDay: number;
  if (cls === "emergency") testDay = day + (rng.chance(0.3) ? 1 : 0);
  else if (priority === "planned")
    testDay = nextOpenDay(day + rng.pick([91, 182, 182, 364]) + rng.int(-14, 14));
  else if (!dm01) testDay = day + Math.floor(-1.5 * Math.log(1 - rng.next()));
  else if (priority === "urgent") testDay = nextOpenDay(day + rng.int(1, 9));
  else {
    const q = world.queues.get(queueKey(site.code, test.code));
    const [lo, hi] = TRUST_PERFORMANCE[site.trust]?.leadDays ?? [7, 14];
    const ready = day + rng.int(lo, hi);
    testDay = q ? routineServiceDay(q, world.simStart, ready, rng.next()) : nextOpenDay(ready);
    // Some take a later date than offered, or are rebooked after a cancellation.
    if (rng.chance(REBOOKED_SHARE)) testDay = nextOpenDay(testDay + rng.int(7, 42));
  }
  // A person who died or left before their test is taken off the list: no row.
  if (testDay > last && last < world.asOf) return;
  const done = testDay <= world.asOf;
  const turnaround =
    cls === "emergency"
      ? rng.int(0, 1)
      : priority === "urgent"
        ? rng.int(1, 3)
        : 1 + Math.floor(-5 * Math.log(1 - rng.next()));
  const reportDay = testDay + turnaround;
  sink.row("imaging_requests", [
    rng.hex(12),
    nhs,
    trust,
    site.code,
    TEST_MODALITY[test.code] ?? "",
    test.code,
    source,
    priority,
    source === "gp" ? p.practice.code : trust,
    isoOf(day),
    done ? isoOf(testDay) : "",
    done && reportDay <= world.asOf ? isoOf(reportDay) : "",
  ]);
}

/** The capacity file (sessions by site, modality and week) and the travel times between sites. */
export function writeImagingNetwork(world: ImagingWorld, sink: Sink): void {
  for (const r of world.capacity)
    sink.row("imaging_capacity", [
      r.trust,
      r.site,
      r.modality,
      isoOf(r.weekStart),
      String(r.planned),
      String(r.lost),
      r.slots.toFixed(4),
      r.reason,
    ]);
  for (const a of SITES)
    for (const b of SITES)
      if (a.code !== b.code) sink.row("imaging_travel_times", [a.code, b.code, String(travelMinutes(a, b))]);
}
