// Mutual aid: on a network with a planted imbalance the plan reduces breaches and never
// exceeds a site's spare capacity or the travel limit; on small random networks it matches
// the best of every whole-number plan, scored by simulating each site's list week by week.
import { describe, expect, it } from "vitest";
import { planMutualAid } from "../src/mutual-aid.ts";
import { bruteForceMutualAid, simulateSite } from "../src/mutual-aid-brute-force.ts";
import { type MutualAidNetwork, NetworkValidationError, validateNetwork } from "../src/mutual-aid-network.ts";
import { Random } from "../src/random.ts";

const weeks = (...counts: number[]) => counts;

/** Two overloaded sites (long MRI backlogs), one with spare capacity near them, one far away. */
const PLANTED: MutualAidNetwork = validateNetwork({
  horizonWeeks: 4,
  standardWeeks: 6,
  maxTravelMinutes: 45,
  sites: [
    {
      code: "RM3-SRF",
      trust: "RM3",
      modalities: [
        {
          modality: "MR",
          backlog: weeks(60, 60, 58, 55, 52, 50, 48, 45, 40, 30, 20),
          demandPerWeek: 60,
          capacityPerWeek: 58,
        },
        { modality: "CT", backlog: weeks(80, 75, 40, 10), demandPerWeek: 80, capacityPerWeek: 90 },
      ],
    },
    {
      code: "RM3-ROH",
      trust: "RM3",
      modalities: [
        {
          modality: "MR",
          backlog: weeks(30, 30, 29, 28, 27, 25, 22, 20, 15, 10),
          demandPerWeek: 30,
          capacityPerWeek: 29,
        },
      ],
    },
    {
      code: "RWJ-SHH",
      trust: "RWJ",
      modalities: [
        { modality: "MR", backlog: weeks(40, 35, 10, 2), demandPerWeek: 40, capacityPerWeek: 70 },
        { modality: "CT", backlog: weeks(50, 20, 5), demandPerWeek: 50, capacityPerWeek: 60 },
      ],
    },
    {
      code: "RBT-LGH",
      trust: "RBT",
      modalities: [{ modality: "MR", backlog: weeks(20, 18, 5), demandPerWeek: 20, capacityPerWeek: 45 }],
    },
  ],
  travelMinutes: [
    { from: "RM3-SRF", to: "RWJ-SHH", minutes: 35 },
    { from: "RM3-ROH", to: "RWJ-SHH", minutes: 40 },
    { from: "RM3-SRF", to: "RBT-LGH", minutes: 70 },
    { from: "RM3-ROH", to: "RBT-LGH", minutes: 85 },
    { from: "RWJ-SHH", to: "RM3-SRF", minutes: 35 },
  ],
});

describe("mutual aid on a planted imbalance", () => {
  it("moves the longest waiters to spare capacity within the travel limit, and cuts breaches", async () => {
    const plan = await planMutualAid(PLANTED);
    expect(plan.solver.status).toBe("Optimal");
    expect(plan.breachesBefore).toBeGreaterThan(0);
    expect(plan.breachesAfter).toBeLessThan(plan.breachesBefore);
    for (const t of plan.transfers) {
      expect(t.minutes).toBeLessThanOrEqual(PLANTED.maxTravelMinutes);
      expect(t.to).toBe("RWJ-SHH"); // Leighton is 70+ minutes away
      expect(t.modality).toBe("MR");
    }
    for (const p of plan.positions) {
      const received = plan.transfers
        .filter((t) => t.to === p.site && t.modality === p.modality)
        .reduce((a, t) => a + t.patients, 0);
      const sent = plan.transfers
        .filter((t) => t.from === p.site && t.modality === p.modality)
        .reduce((a, t) => a + t.patients, 0);
      expect(received).toBeLessThanOrEqual(p.spare);
      expect(sent).toBeLessThanOrEqual(p.excess);
    }
    // Stockport's MRI spare: 4 × (70 − 40) = 120, less than 4 × 70 − 12 at risk = 268: all 120 used.
    expect(plan.transfers.reduce((a, t) => a + t.patients, 0)).toBe(120);
    expect(plan.breachesBefore - plan.breachesAfter).toBe(120);
    // The longest waiters go first.
    expect(plan.transfers.every((t) => t.waitedWeeks.max >= 8)).toBe(true);
    const rm3 = plan.trusts.find((t) => t.trust === "RM3");
    expect(rm3?.shareAfter).toBeLessThan(rm3?.shareBefore ?? 0);
    expect(rm3?.gives).toBe(120);
    expect(plan.trusts.find((t) => t.trust === "RWJ")?.receives).toBe(120);
  });

  it("refuses a network description with the problems named", () => {
    expect(() => validateNetwork({ maxTravelMinutes: 30, sites: [], travelMinutes: [] })).toThrow(
      NetworkValidationError,
    );
    expect(() =>
      validateNetwork({
        maxTravelMinutes: 30,
        sites: [
          {
            code: "A",
            trust: "T",
            modalities: [{ modality: "MR", backlog: [1], demandPerWeek: 1, capacityPerWeek: 1 }],
          },
        ],
        travelMinutes: [{ from: "A", to: "B", minutes: 5 }],
      }),
    ).toThrow(/no site B/);
  });
});

describe("mutual aid against brute force", () => {
  it("the week-by-week simulation agrees with the closed form without transfers", () => {
    // 3 a week for 4 weeks from [2, 2, 2, 5, 4, 3] (completed weeks): at risk are k ≥ 2: 14, seen 12 → 2 breaches.
    expect(simulateSite([2, 2, 2, 5, 4, 3], 3, 3, 4, 6, 0, [])).toBe(2);
  });

  it("matches the best of every whole-number plan on 40 small random networks", async () => {
    const rng = new Random(20, 26);
    let compared = 0;
    for (let n = 0; n < 40; n++) {
      const sites = ["A", "B", "C"].map((code, i) => ({
        code,
        trust: `T${i}`,
        modalities: [
          {
            modality: "MR",
            backlog: Array.from({ length: 8 }, () => Math.floor(rng.next() * 3)),
            demandPerWeek: Math.floor(rng.next() * 3),
            capacityPerWeek: Math.floor(rng.next() * 4),
          },
        ],
      }));
      const travelMinutes = sites.flatMap((a) =>
        sites
          .filter((b) => b.code !== a.code)
          .map((b) => ({ from: a.code, to: b.code, minutes: 10 + Math.floor(rng.next() * 50) })),
      );
      const network = validateNetwork({
        horizonWeeks: 3,
        standardWeeks: 6,
        maxTravelMinutes: 40,
        sites,
        travelMinutes,
      });
      const plan = await planMutualAid(network);
      const brute = bruteForceMutualAid(network);
      expect(plan.breachesAfter, `network ${n}`).toBe(brute.breachesAfter);
      expect(
        plan.transfers.reduce((a, t) => a + t.minutes * t.patients, 0),
        `network ${n} travel`,
      ).toBe(brute.travel);
      if (plan.transfers.length > 0) compared++;
    }
    expect(compared).toBeGreaterThan(10);
  });
});
