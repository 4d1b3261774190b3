// Pregnancies and births for women aged 15–44 at ONS's age-specific fertility rates: the GP
// record's pregnancy, antenatal and postnatal codes, and the delivery as a maternity spell
// (ICD-10 O80–O82 with its OPCS-4 delivery procedure); and health visiting for infants. They
// fill Bridges to Health's "maternal and infant health" segment.
import { type SimContext, type Sink, weightedPick } from "./context.ts";
import { isoOf } from "./dates.ts";
import { COMMUNITY_PROVIDER } from "./organisations.ts";
import type { SimPerson } from "./person.ts";
import type { Rng } from "./rng.ts";

/**
 * Live births per 1,000 women a year by age (ONS, Births in England and Wales: 2023; total
 * fertility rate 1.44, general fertility rate 54.2 per 1,000 women aged 15–44).
 */
export const FERTILITY_PER_1000: readonly (readonly [number, number, number])[] = [
  [15, 19, 8],
  [20, 24, 39.5],
  [25, 29, 71],
  [30, 34, 94],
  [35, 39, 60.5],
  [40, 44, 15],
];

export const MATERNITY_CODES = {
  pregnancyConfirmed: "169560008",
  antenatalFirst: "169573007",
  antenatalLater: "169574001",
  estimatedDeliveryDate: "161714006",
  singleLiveBirth: "169826009",
  postnatalExamination: "169784003",
} as const;

/** Mode of delivery (NHS Maternity Statistics 2022-23: about 40% by caesarean section). */
interface Delivery {
  readonly icd10: string;
  readonly opcs: string;
  readonly los: readonly [number, number];
  readonly cost: number;
}
const DELIVERIES: readonly (readonly [Delivery, number])[] = [
  [{ icd10: "O800", opcs: "R249", los: [0, 2], cost: 2600 }, 0.5],
  [{ icd10: "O810", opcs: "R219", los: [1, 2], cost: 3100 }, 0.1],
  [{ icd10: "O820", opcs: "R179", los: [2, 3], cost: 4200 }, 0.17],
  [{ icd10: "O821", opcs: "R189", los: [2, 4], cost: 4600 }, 0.23],
];

const YEAR = 365;
const GESTATION = 280;

function fertility(age: number): number {
  for (const [lo, hi, rate] of FERTILITY_PER_1000) if (age >= lo && age <= hi) return rate / 1000;
  return 0;
}

export function writeMaternity(
  rng: Rng,
  ctx: SimContext,
  p: SimPerson,
  nhs: string,
  sink: Sink,
  trust: () => string,
): void {
  const last = Math.min(ctx.asOf, p.death ?? ctx.asOf, p.registrationEnd ?? ctx.asOf);
  const recorded = (d: number) => d >= ctx.historyStart && d >= p.registrationStart && d <= last;
  if (p.b.sex === "F" && p.b.age >= 14 && p.b.age <= 48) {
    let previous = Number.NEGATIVE_INFINITY;
    // The three history years and the year after the as-of date (pregnancies still under way).
    for (let y = 0; y < 4; y++) {
      const yearStart = ctx.historyStart + y * YEAR;
      const age = p.b.age - (2 - y);
      if (!rng.chance(fertility(age))) continue;
      const delivery = yearStart + Math.floor(rng.next() * YEAR);
      if (delivery - previous < 300 || (p.death !== null && delivery >= p.death)) continue;
      previous = delivery;
      const lmp = delivery - GESTATION + rng.int(-14, 10);
      const gp = (day: number, code: string) => {
        if (recorded(day))
          sink.row("gp_events", [nhs, isoOf(day), "snomedct", code, "", "", p.practice.code]);
      };
      gp(lmp + rng.int(35, 63), MATERNITY_CODES.pregnancyConfirmed);
      const booking = lmp + rng.int(56, 84);
      gp(booking, rng.chance(0.45) ? MATERNITY_CODES.antenatalFirst : MATERNITY_CODES.antenatalLater);
      gp(booking, MATERNITY_CODES.estimatedDeliveryDate);
      if (!recorded(delivery)) continue;
      const mode = weightedPick(rng, DELIVERIES);
      const los = rng.int(mode.los[0], mode.los[1]);
      const spellId = rng.hex(12);
      sink.row("hospital_spells", [
        spellId,
        nhs,
        trust(),
        isoOf(delivery),
        delivery + los <= ctx.asOf ? isoOf(delivery + los) : "",
        "maternity",
        mode.icd10,
        String(los),
        (mode.cost + 300 * los + rng.normal(0, 150)).toFixed(2),
      ]);
      sink.row("hospital_diagnoses", [spellId, nhs, "1", mode.icd10]);
      sink.row("hospital_procedures", [spellId, nhs, "1", mode.opcs, isoOf(delivery)]);
      gp(delivery + rng.int(1, 10), MATERNITY_CODES.singleLiveBirth);
      gp(delivery + rng.int(42, 56), MATERNITY_CODES.postnatalExamination);
    }
  }
  // Infants: the health visitor's new-birth visit, 6–8 week review and 9–12 month review.
  if (p.b.age <= 2) {
    for (const [from, to] of [
      [10, 14],
      [42, 56],
      [270, 365],
    ] as const) {
      const day = p.birth + rng.int(from, to);
      if (recorded(day) && rng.chance(0.9))
        sink.row("community_contacts", [
          rng.hex(12),
          nhs,
          COMMUNITY_PROVIDER.code,
          isoOf(day),
          "Health visiting",
        ]);
    }
  }
}
