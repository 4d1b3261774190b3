// Records what the generator wrote into a person's GP record that the medicines-safety audits
// look for, and writes truth/audits.csv: the cases planted, from the generator's own knowledge
// (which medicine contains which inhaler ingredient, who issued what, which HbA1c it wrote),
// independently of the dm+d codelists and SQL the audits use. Consumes no randomness.
import type { MedicineKey } from "./catalogue.ts";
import { MEDICINES } from "./catalogue.ts";
import type { SimContext, Sink } from "./context.ts";
import { isoOf } from "./dates.ts";
import type { SimPerson } from "./person.ts";

/** Inhaled ingredient classes of the generator's inhalers. */
export const INHALER_INGREDIENTS: Partial<Record<MedicineKey, readonly ("ICS" | "LABA" | "LAMA")[]>> = {
  beclometasone: ["ICS"],
  beclometasoneFormoterol: ["ICS", "LABA"],
  tiotropium: ["LAMA"],
  tiotropiumOlodaterol: ["LAMA", "LABA"],
  trelegy: ["ICS", "LAMA", "LABA"],
};

/** The audits' definitions, restated (days, thresholds) as the generator checks them. */
export const PLANTED_RULES = {
  inhalerDays: 183,
  secondaryCareDays: 365,
  deprescribingDays: 365,
  deprescribingMinAge: 75,
  deprescribingHba1cBelow: 53,
  deprescribingMinMedicines: 10,
} as const;

export class RecordTracker {
  readonly issues: { key: MedicineKey; day: number; trust: boolean }[] = [];
  readonly hba1c: { day: number; value: number }[] = [];
  dmCodeDay: number | null = null;
  dmResolvedDay: number | null = null;
}

/** Age in whole years at the as-of date from the birth month (mid-month), as the warehouse computes it. */
function ageByBirthMonth(birth: number, asOf: number): number {
  const [by, bm] = isoOf(birth).split("-").map(Number) as [number, number];
  const [ay, am, ad] = isoOf(asOf).split("-").map(Number) as [number, number, number];
  return Math.floor((ay * 12 + am - by * 12 - bm - (ad < 15 ? 1 : 0)) / 12);
}

export function writePlantedTruth(
  ctx: SimContext,
  p: SimPerson,
  nhs: string,
  sink: Sink,
  t: RecordTracker,
): void {
  const asOf = ctx.asOf;
  const registered =
    p.registrationStart <= asOf &&
    (p.registrationEnd === null || p.registrationEnd > asOf) &&
    (p.death === null || p.death > asOf);
  if (!registered) return;
  const within = (day: number, days: number) => day <= asOf && day > asOf - days;

  const recentInhalers = new Set(
    t.issues.filter((i) => within(i.day, PLANTED_RULES.inhalerDays)).map((i) => i.key),
  );
  const duplicated = (["ICS", "LABA", "LAMA"] as const).filter(
    (cls) => [...recentInhalers].filter((k) => INHALER_INGREDIENTS[k]?.includes(cls)).length >= 2,
  );
  if (duplicated.length > 0) sink.truth("audits", [nhs, "inhaler-duplication", duplicated.join(" ")]);

  const clozapine = t.issues.filter((i) => i.key === "clozapine");
  if (
    clozapine.some((i) => i.trust && within(i.day, PLANTED_RULES.secondaryCareDays)) &&
    !clozapine.some((i) => !i.trust && i.day <= asOf)
  )
    sink.truth("audits", [nhs, "secondary-care-medicine-not-in-gp-record", "clozapine"]);

  const onDmRegister = t.dmCodeDay !== null && (t.dmResolvedDay === null || t.dmCodeDay > t.dmResolvedDay);
  if (onDmRegister && ageByBirthMonth(p.birth, asOf) >= PLANTED_RULES.deprescribingMinAge) {
    let latest: { day: number; value: number } | null = null;
    for (const h of t.hba1c) {
      if (!within(h.day, PLANTED_RULES.deprescribingDays)) continue;
      if (latest === null || h.day > latest.day || (h.day === latest.day && h.value > latest.value))
        latest = h;
    }
    const medicines = new Set(
      t.issues
        .filter((i) => within(i.day, PLANTED_RULES.deprescribingDays))
        .map((i) => MEDICINES[i.key].code),
    );
    if (
      latest !== null &&
      latest.value < PLANTED_RULES.deprescribingHba1cBelow &&
      medicines.size >= PLANTED_RULES.deprescribingMinMedicines
    )
      sink.truth("audits", [nhs, "elderly-diabetes-deprescribing", `${medicines.size} medicines`]);
  }
}
