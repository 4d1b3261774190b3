// Writes a person's GP record: diagnosis codes, reviews with biomarkers consistent with
// their conditions and treatment, smoking status, frailty, and medication issues.
import {
  CARE_HOME_RESIDENT,
  DIABETES_TYPE1,
  FRAILTY_CODES,
  MEDICINES,
  type MedicineKey,
  RESOLVED_CODES,
  SMI_REMISSION,
  SMOKING_CODES,
  TREATMENTS,
} from "./catalogue.ts";
import { CANCER_SITES, CONDITION_INDEX, CONDITIONS } from "./conditions.ts";
import type { SimContext, Sink } from "./context.ts";
import { addYears, isoOf } from "./dates.ts";
import {
  diabetesCareYear,
  writeBloodPressure,
  writeBmi,
  writeCholesterol,
  writeEgfr,
  writeHba1c,
} from "./measurements.ts";
import { MENTAL_HEALTH_TRUST } from "./organisations.ts";
import { diagnosedOn, type SimPerson } from "./person.ts";
import { RecordTracker, writePlantedTruth } from "./planted.ts";
import type { RecordLog } from "./recorded-oracle.ts";
import type { Rng } from "./rng.ts";

const YEAR = 365;
const DM = CONDITION_INDEX.get("DM") ?? -1;
const CKD_CODES = { 3: ["433144002", "700378005", "700379002"], 4: ["431857002"], 5: ["433146000"] } as const;

export function writePrimaryCare(
  rng: Rng,
  ctx: SimContext,
  p: SimPerson,
  nhs: string,
  sink: Sink,
  log?: RecordLog,
): void {
  const org = p.practice.code;
  const end = Math.min(ctx.asOf, p.registrationEnd ?? ctx.asOf, p.death ?? ctx.asOf);
  const tracker = new RecordTracker();
  const event = (day: number, code: string, value = "", unit = "") => {
    if (day <= end && day >= p.birth) {
      sink.row("gp_events", [nhs, isoOf(day), "snomedct", code, value, unit, org]);
      return true;
    }
    return false;
  };

  // Diagnoses.
  for (const c of p.conditions) {
    if (c.diagnosed === null) continue;
    const spec = CONDITIONS[c.index];
    if (!spec) continue;
    let code = rng.chance(0.8)
      ? (spec.usualCodes[0] ?? "")
      : rng.pick(ctx.codes.alternatives.get(spec.id) ?? spec.usualCodes);
    if (spec.id === "DM" && p.diabetesType1) code = DIABETES_TYPE1;
    if (spec.id === "CKD") code = rng.pick(CKD_CODES[p.ckdStage]);
    if (spec.id === "CAN") code = rng.pick(CANCER_SITES[p.b.sex]).snomed;
    if (event(c.diagnosed, code) && spec.id === "DM") tracker.dmCodeDay = c.diagnosed;
    const resolvedCode = RESOLVED_CODES[spec.id];
    if (c.resolved !== null && resolvedCode && event(c.resolved, resolvedCode) && spec.id === "DM")
      tracker.dmResolvedDay = c.resolved;
    if (spec.id === "MH" && rng.chance(0.05))
      event(c.diagnosed + Math.floor(rng.next() * (ctx.asOf - c.diagnosed)), SMI_REMISSION);
  }
  if (p.careHome) event(ctx.asOf - Math.floor(rng.next() * 2 * YEAR), CARE_HOME_RESIDENT);

  // Frailty: eFI deficits and, for people 65+, a coded frailty assessment.
  for (const s of p.symptoms) {
    const symptom = ctx.codes.frailtySymptoms[s];
    if (symptom) {
      const day = ctx.asOf - Math.floor(rng.next() * 3 * YEAR);
      if (event(day, symptom.code)) log?.symptomCodes.push(day);
    }
  }
  if (p.b.age >= 65 && rng.chance(0.55)) {
    const efi = (p.symptoms.length + p.conditions.length) / 36;
    const band = efi > 0.36 ? "severe" : efi > 0.24 ? "moderate" : efi > 0.12 ? "mild" : null;
    if (band) event(ctx.asOf - Math.floor(rng.next() * 2 * YEAR), FRAILTY_CODES[band]);
  }

  const dx = (id: string) => {
    const d = diagnosedOn(p, id);
    return d !== null && d <= ctx.asOf ? d : null;
  };
  const treatedHyp = dx("HYP") !== null && rng.chance(0.8);
  const onStatin =
    (dx("CHD") ?? dx("STIA") ?? dx("PAD")) !== null ||
    (dx("DM") !== null && p.b.age >= 40 && rng.chance(0.7));

  // Measurements, year by year through the history window.
  const b = p.b;
  const smokingCode =
    b.smoking === 2 ? SMOKING_CODES.current : b.smoking === 1 ? SMOKING_CODES.ex : SMOKING_CODES.never;
  const cardio = ["HYP", "CHD", "STIA", "DM", "CKD", "HF", "AF"].some((id) => dx(id) !== null);
  const bmiBase = 26.5 + 1.0 * b.dep + (p.has[DM] ? 3.5 : 0) + rng.normal(0, 4.2);
  const cholBase = 5.0 + 0.01 * (b.age - 40) + rng.normal(0, 0.8);
  const hba1cBase = rng.normal(0, 1);
  const diabetesDiagnosed = dx("DM");
  for (let y = 0; y < 3; y++) {
    const yearStart = ctx.historyStart + y * YEAR;
    const day = () => yearStart + Math.floor(rng.next() * YEAR);
    const age = b.age - (2 - y);
    if (age < 5) continue;
    // People with diabetes by this year: the care processes (diabetesCareYear) instead of the
    // opportunistic measurements below.
    const diabeticThisYear = diabetesDiagnosed !== null && diabetesDiagnosed < yearStart + YEAR;
    if (diabeticThisYear) {
      const from = Math.max(yearStart, diabetesDiagnosed);
      const year = {
        from,
        to: yearStart + YEAR,
        age,
        year: y,
        treatedHyp,
        onStatin,
        cholBase,
        bmiBase,
        hba1cBase,
        smokingCode,
      };
      diabetesCareYear(rng, ctx, p, year, event, tracker);
      continue;
    }
    if (cardio ? rng.chance(0.85) : age >= 40 && rng.chance(0.25)) {
      const d = day();
      writeBloodPressure(rng, p, age, treatedHyp, d, event);
    }
    const hba1cTests = dx("NDH") !== null ? 1 : age >= 40 && rng.chance(0.12) ? 1 : 0;
    for (let t = 0; t < hba1cTests; t++) writeHba1c(rng, p, age, hba1cBase, day(), event, tracker);
    if (dx("CHD") !== null || (age >= 40 && rng.chance(0.1)))
      writeCholesterol(rng, cholBase, onStatin, day(), event);
    const egfrTests = dx("CKD") !== null ? 2 : dx("HYP") !== null ? 1 : age >= 50 && rng.chance(0.15) ? 1 : 0;
    for (let t = 0; t < egfrTests; t++) writeEgfr(rng, p, age, day(), event);
    if (age >= 16 && (cardio ? rng.chance(0.7) : rng.chance(0.12))) writeBmi(rng, bmiBase, y, day(), event);
    if (age >= 16 && rng.chance(cardio || p.conditions.length > 0 ? 0.6 : 0.2)) event(day(), smokingCode);
  }

  writeMedicines(rng, ctx, p, nhs, sink, end, { onStatin, treatedHyp, dx, tracker });
  writePlantedTruth(ctx, p, nhs, sink, tracker);
}

function writeMedicines(
  rng: Rng,
  ctx: SimContext,
  p: SimPerson,
  nhs: string,
  sink: Sink,
  end: number,
  state: {
    onStatin: boolean;
    treatedHyp: boolean;
    dx: (id: string) => number | null;
    tracker: RecordTracker;
  },
): void {
  // The prescribing extract starts about two years (a month more than 24 calendar months) before
  // the as-of date, a year after the activity data: the risk models judge each source's history.
  const medStart = addYears(ctx.asOf, -2) - 31;
  const start = (from: number | null) => Math.max(medStart, from ?? medStart, p.registrationStart);
  // Treatment of a condition coded as resolved stops then.
  let until = end;
  const issue = (key: MedicineKey, from: number, org = p.practice.code, every = 56) => {
    const m = MEDICINES[key];
    for (let d = from + Math.floor(rng.next() * every); d <= until; d += every + rng.int(-6, 10)) {
      sink.row("medication_issues", [nhs, isoOf(d), "dmd", m.code, m.name, String(m.quantity), org]);
      state.tracker.issues.push({ key, day: d, trust: org === MENTAL_HEALTH_TRUST.code });
    }
  };
  const resolvedOn = (id: string) =>
    p.conditions.find((c) => CONDITIONS[c.index]?.id === id)?.resolved ?? null;
  for (const [id, options] of Object.entries(TREATMENTS)) {
    const d = state.dx(id);
    if (d === null || id === "HYP") continue;
    until = Math.min(end, resolvedOn(id) ?? end);
    for (const [key, prob] of options ?? []) if (rng.chance(prob)) issue(key, start(d));
  }
  const hyp = state.dx("HYP");
  until = Math.min(end, resolvedOn("HYP") ?? end);
  if (hyp !== null && state.treatedHyp) {
    let any = false;
    for (const [key, prob] of TREATMENTS.HYP ?? []) {
      if (rng.chance(prob)) {
        issue(key, start(hyp));
        any = true;
      }
    }
    if (!any) issue("amlodipine", start(hyp));
  }
  const dm = state.dx("DM");
  until = Math.min(end, resolvedOn("DM") ?? end);
  if (dm !== null) {
    if (p.diabetesType1) issue("insulinAspart", start(dm), p.practice.code, 28);
    else {
      if (rng.chance(0.85)) issue("metformin", start(dm));
      if (rng.chance(0.3)) issue("gliclazide", start(dm));
      if (rng.chance(0.25)) issue("empagliflozin", start(dm));
      if (rng.chance(0.12)) issue("sitagliptin", start(dm));
    }
  }
  until = end;
  if (state.onStatin && state.dx("CHD") === null && state.dx("STIA") === null)
    issue("atorvastatin20", start(dm));
  const ast = state.dx("AST");
  if (ast !== null) {
    if (rng.chance(0.95)) issue("salbutamol", start(ast), p.practice.code, 90);
    const combo = rng.chance(0.3);
    if (combo) issue("beclometasoneFormoterol", start(ast), p.practice.code, 60);
    // Some people on a combination inhaler are still issued the separate steroid: ingredient duplication.
    if (combo ? rng.chance(0.12) : rng.chance(0.55)) issue("beclometasone", start(ast), p.practice.code, 60);
  }
  const copd = state.dx("COPD");
  until = Math.min(end, resolvedOn("COPD") ?? end);
  if (copd !== null) {
    if (rng.chance(0.9)) issue("salbutamol", start(copd), p.practice.code, 90);
    const u = rng.next();
    if (u < 0.4) issue("tiotropium", start(copd), p.practice.code, 60);
    else if (u < 0.7) issue("tiotropiumOlodaterol", start(copd), p.practice.code, 60);
    else if (u < 0.9) issue("trelegy", start(copd), p.practice.code, 60);
  }
  until = end;
  const mh = state.dx("MH");
  if (mh !== null) {
    if (rng.chance(0.08)) {
      // Clozapine is prescribed by the mental-health trust; about a third of GP records do not show it.
      issue("clozapine", start(mh), MENTAL_HEALTH_TRUST.code, 28);
      if (rng.chance(0.64)) issue("clozapine", start(mh), p.practice.code, 28);
    } else {
      const key = rng.pick<MedicineKey>([
        "olanzapine",
        "olanzapine",
        "aripiprazole",
        "quetiapine",
        "risperidone",
        "lithium",
      ]);
      issue(key, start(mh));
    }
  }
  const age = p.b.age;
  if (age >= 50 && rng.chance(state.dx("CHD") !== null || state.dx("STIA") !== null ? 0.5 : 0.12))
    issue("omeprazole", start(null));
  if (age >= 70 && rng.chance(0.15)) issue("paracetamol", start(null));
  // Hypothyroidism (an eFI deficit) is treated; a few others take levothyroxine too.
  const thyroid = ctx.codes.frailtySymptoms.findIndex((s) => s.deficit === "Thyroid disease");
  if (rng.chance(p.symptoms.includes(thyroid) ? 0.9 : p.b.sex === "F" && age >= 50 ? 0.02 : 0.005))
    issue("levothyroxine", start(null));
}
