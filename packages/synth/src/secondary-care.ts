// Writes a person's activity outside general practice: emergency and elective admissions,
// A&E, outpatients, community contacts, social care and council services, diagnostic
// and their death registration; and the hidden truth about them (imaging is in imaging.ts).
import {
  COMMUNITY_SERVICES,
  CONDITION_EMERGENCY_DIAGNOSES,
  ELECTIVE_PROCEDURES,
  GENERAL_EMERGENCY_DIAGNOSES,
  OUTPATIENT_SPECIALTIES,
} from "./catalogue.ts";
import { CANCER_SITES, CONDITION_INDEX, CONDITIONS } from "./conditions.ts";
import { type SimContext, type Sink, weightedPick } from "./context.ts";
import { isoOf } from "./dates.ts";
import { FRAILTY } from "./frailty.ts";
import { writeMaternity } from "./maternity.ts";
import { COMMUNITY_PROVIDER, LOCAL_AUTHORITY } from "./organisations.ts";
import type { SimPerson } from "./person.ts";
import { type RecordLog, recordedAdmissionProbabilities } from "./recorded-oracle.ts";
import type { Rng } from "./rng.ts";

const YEAR = 365;

const TRUST_WEIGHTS: Record<string, readonly (readonly [string, number])[]> = {
  North: [
    ["R0A", 0.6],
    ["RM3", 0.32],
    ["RWJ", 0.04],
    ["RBT", 0.04],
  ],
  West: [
    ["R0A", 0.55],
    ["RM3", 0.37],
    ["RWJ", 0.03],
    ["RBT", 0.05],
  ],
  Central: [
    ["R0A", 0.8],
    ["RM3", 0.06],
    ["RWJ", 0.08],
    ["RBT", 0.06],
  ],
  South: [
    ["R0A", 0.6],
    ["RM3", 0.03],
    ["RWJ", 0.15],
    ["RBT", 0.22],
  ],
};

export function writeSecondaryCare(
  rng: Rng,
  ctx: SimContext,
  p: SimPerson,
  nhs: string,
  sink: Sink,
  log?: RecordLog,
): void {
  const trusts = TRUST_WEIGHTS[p.b.lsoa.locality] ?? TRUST_WEIGHTS.Central ?? [];
  const trust = () => weightedPick(rng, trusts);
  const last = Math.min(ctx.asOf, p.death ?? ctx.asOf, p.registrationEnd ?? ctx.asOf);
  const id = () => rng.hex(12);
  const inWindow = (d: number) => d >= ctx.historyStart && d <= last && d >= p.birth;
  const ageAt = (d: number) => p.b.age - (ctx.asOf - d) / 365.25;
  const conditionIcd = () =>
    p.conditions
      .filter((c) => rng.chance(c.diagnosed !== null ? 0.6 : 0.15))
      .map((c) => {
        const spec = CONDITIONS[c.index];
        if (spec?.id === "CAN") return rng.pick(CANCER_SITES[p.b.sex]).icd10;
        if (spec?.id === "CKD") return `N18${p.ckdStage}`;
        if (spec?.id === "DM" && p.diabetesType1) return "E109";
        return spec?.icd10 ?? "";
      })
      .filter((c) => c !== "" && c !== "Z515");

  const spell = (
    admission: number,
    method: string,
    primary: string,
    los: number,
    cost: number,
    procedure?: string,
  ) => {
    const spellId = id();
    const discharge = admission + los;
    const provider = trust();
    sink.row("hospital_spells", [
      spellId,
      nhs,
      provider,
      isoOf(admission),
      discharge <= ctx.asOf ? isoOf(discharge) : "",
      method,
      primary,
      String(los),
      cost.toFixed(2),
    ]);
    const diagnoses = [primary, ...conditionIcd().filter((c) => c !== primary)];
    diagnoses.forEach((code, i) => {
      sink.row("hospital_diagnoses", [spellId, nhs, String(i + 1), code]);
    });
    if (procedure) sink.row("hospital_procedures", [spellId, nhs, "1", procedure, isoOf(admission)]);
    return provider;
  };

  // Emergency admissions, period by period (the last period is the future: truth only).
  ctx.periods.forEach((period, k) => {
    if (period.start >= ctx.asOf) return;
    const n = rng.poisson(p.admissionRates[k] ?? 0);
    for (let i = 0; i < n; i++) {
      const day = period.start + Math.floor(rng.next() * (period.end - period.start));
      if (!inWindow(day)) continue;
      const related = p.conditions.filter(
        (c) => CONDITION_EMERGENCY_DIAGNOSES[CONDITIONS[c.index]?.id ?? "AF"] && c.onset < day,
      );
      const primary =
        related.length > 0 && rng.chance(0.45)
          ? (CONDITION_EMERGENCY_DIAGNOSES[CONDITIONS[rng.pick(related).index]?.id ?? "AF"] ?? "R69X")
          : weightedPick(rng, GENERAL_EMERGENCY_DIAGNOSES);
      const meanLos = 1.2 + 0.09 * Math.max(0, ageAt(day) - 40);
      const los = rng.chance(0.25) ? 0 : Math.floor(-meanLos * Math.log(1 - rng.next())) + 1;
      const provider = spell(day, "emergency", primary, los, 1450 + 410 * los + rng.normal(0, 150));
      log?.emergencyAdmissions.push(day);
      if (rng.chance(0.8))
        sink.row("ae_attendances", [id(), nhs, provider, isoOf(day), "1", "true", "310.00"]);
    }
  });

  for (let y = 0; y < 3; y++) {
    const yearStart = ctx.historyStart + y * YEAR;
    const day = () => yearStart + Math.floor(rng.next() * YEAR);
    const age = p.b.age - (2 - y);
    if (age < 0) continue;
    // Elective and day-case admissions.
    const electives = rng.poisson(0.05 + 0.0035 * Math.max(0, age - 25) + 0.03 * p.conditions.length);
    for (let i = 0; i < electives; i++) {
      const eligible = ELECTIVE_PROCEDURES.filter((e) => age >= e.minAge);
      if (eligible.length === 0) break;
      const proc = weightedPick(
        rng,
        eligible.map((e) => [e, e.weight] as const),
      );
      const d = day();
      if (!inWindow(d)) continue;
      const los = rng.chance(0.78) ? 0 : rng.int(1, 5);
      spell(d, "elective", proc.icd10, los, 1100 + 850 * los + rng.normal(0, 120), proc.opcs);
    }
    // A&E attendances not leading to admission (with the admitted ones, about 440 a year per
    // 1,000 people, a third at urgent treatment centres, as NHS England's A&E returns show).
    const ae = rng.poisson(
      0.36 * (1 + 0.35 * p.b.dep) * (age < 5 || age > 75 ? 1.6 : 1) * (age >= 16 && age < 30 ? 1.3 : 1),
    );
    for (let i = 0; i < ae; i++) {
      const d = day();
      if (inWindow(d)) {
        const type3 = rng.chance(0.4);
        sink.row("ae_attendances", [
          id(),
          nhs,
          trust(),
          isoOf(d),
          type3 ? "3" : "1",
          "false",
          type3 ? "95.00" : "180.00",
        ]);
      }
    }
    // Outpatient appointments.
    const op = rng.poisson(0.45 + 0.3 * p.conditions.length + 0.012 * Math.max(0, age - 20));
    for (let i = 0; i < op; i++) {
      const d = day();
      if (!inWindow(d)) continue;
      const first = rng.chance(0.35);
      const attended = !rng.chance(0.06 + 0.03 * (p.b.dep + 1));
      const specialty = age < 16 ? "Paediatrics" : rng.pick(OUTPATIENT_SPECIALTIES.slice(0, 14));
      log?.outpatients.push(d);
      sink.row("outpatient_attendances", [
        id(),
        nhs,
        trust(),
        isoOf(d),
        specialty,
        String(first),
        String(attended),
        attended ? (first ? "185.00" : "115.00") : "0.00",
      ]);
    }
    // Community health services: mostly older, frailer people.
    const community = rng.poisson(
      (age >= 65 ? 0.25 : 0.02) + FRAILTY.community * p.symptoms.length + (p.careHome ? 3 : 0),
    );
    for (let i = 0; i < community; i++) {
      const d = day();
      if (inWindow(d)) {
        const service =
          p.symptoms.length >= 3 && rng.chance(0.5) ? "District nursing" : rng.pick(COMMUNITY_SERVICES);
        sink.row("community_contacts", [id(), nhs, COMMUNITY_PROVIDER.code, isoOf(d), service]);
        log?.communityContacts.push(d);
      }
    }
  }

  writeMaternity(rng, ctx, p, nhs, sink, trust);
  writeSocialCare(rng, ctx, p, nhs, sink, last);
  if (p.death !== null) writeDeath(rng, p, nhs, sink);
}

function writeSocialCare(
  rng: Rng,
  ctx: SimContext,
  p: SimPerson,
  nhs: string,
  sink: Sink,
  last: number,
): void {
  const age = p.b.age;
  const frail = p.symptoms.length;
  const service = (type: string, ongoing: boolean) => {
    const start = ctx.historyStart - Math.floor(rng.next() * 2 * YEAR) + Math.floor(rng.next() * 3 * YEAR);
    if (start > last) return;
    const end = ongoing ? null : Math.min(last, start + rng.int(14, 200));
    sink.row("social_care_services", [
      rng.hex(12),
      nhs,
      LOCAL_AUTHORITY.code,
      type,
      isoOf(start),
      end === null ? "" : isoOf(end),
    ]);
  };
  if (p.careHome) service(rng.chance(0.6) ? "residential_care" : "nursing_care", p.death === null);
  if (age >= 18) {
    const needsCare =
      1 /
      (1 +
        Math.exp(
          -(
            -6.2 +
            0.055 * Math.max(0, age - 50) +
            0.3 * frail +
            (p.has[CONDITION_INDEX.get("LD") ?? -1] ? 2.5 : 0)
          ),
        ));
    if (rng.chance(needsCare)) service("home_care", rng.chance(0.7));
    if (rng.chance(needsCare * 0.5)) service("reablement", false);
    if (rng.chance(needsCare * 0.4)) service("meals", rng.chance(0.8));
    if (rng.chance(needsCare * 0.8 + 0.01)) service("blue_badge", true);
  }
  // Assisted bin collection: a council service that signals pre-frailty before the GP record does.
  if (age >= 65 && rng.chance(1 / (1 + Math.exp(-(-4.6 + 0.035 * (age - 65) + 0.2 * frail + 0.4 * p.b.h))))) {
    service("assisted_bin_collection", true);
  }
}

function writeDeath(rng: Rng, p: SimPerson, nhs: string, sink: Sink): void {
  if (p.death === null) return;
  const ids = p.conditions.map((c) => CONDITIONS[c.index]?.id);
  let cause = weightedPick(rng, [
    ["I219", 0.3],
    ["J189", 0.3],
    ["I64X", 0.2],
    ["C349", 0.2],
  ] as const) as string;
  if (ids.includes("CAN") && rng.chance(0.7)) cause = rng.pick(CANCER_SITES[p.b.sex]).icd10;
  else if (ids.includes("DEM") && rng.chance(0.6)) cause = "F03X";
  else if (ids.includes("HF") && rng.chance(0.5)) cause = "I500";
  else if (ids.includes("COPD") && rng.chance(0.5)) cause = "J449";
  else if (ids.includes("CHD") && rng.chance(0.4)) cause = "I251";
  const place = p.careHome
    ? rng.chance(0.75)
      ? "care_home"
      : "hospital"
    : weightedPick(rng, [
        ["hospital", 0.5],
        ["home", 0.32],
        ["hospice", 0.08],
        ["other", 0.1],
      ] as const);
  sink.row("deaths", [nhs, isoOf(p.death), cause, place]);
}

export function writeTruth(ctx: SimContext, p: SimPerson, nhs: string, sink: Sink, log: RecordLog): void {
  const recorded = recordedAdmissionProbabilities(ctx, p, log);
  ctx.periods.forEach((period, k) => {
    const alive = period.start >= p.birth && (p.death === null || p.death >= period.start);
    if (!alive) return;
    const rate = p.admissionRates[k] ?? 0;
    sink.truth("risk", [
      nhs,
      isoOf(period.start),
      isoOf(period.end),
      (1 - Math.exp(-rate)).toFixed(6),
      rate.toFixed(6),
      (p.deathProbabilities[k] ?? 0).toFixed(6),
      (recorded[k] ?? Number.NaN).toFixed(6),
    ]);
  });
  for (const c of p.conditions) {
    const spec = CONDITIONS[c.index];
    if (!spec) continue;
    const diagnosed = c.diagnosed !== null && c.diagnosed <= ctx.asOf ? c.diagnosed : null;
    const recorded = diagnosed !== null && c.resolved === null;
    sink.truth("conditions", [
      nhs,
      spec.id,
      isoOf(c.onset),
      String(recorded),
      diagnosed === null ? "" : isoOf(diagnosed),
      c.resolved === null ? "" : isoOf(c.resolved),
    ]);
  }
}
