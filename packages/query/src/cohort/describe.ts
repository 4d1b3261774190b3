// Criteria in words, for the people who read lists and attrition tables: "Latest HbA1c
// below 58 in the last 15 months", not JSON. Pure; names of registers, codelists and
// scores come from small tables here (registers' names from @bevan/domain).
import { REGISTER_NAMES } from "@bevan/domain";
import type { CodeSet, Criterion, Offset, Window } from "./ir.ts";

/** Readable names of the codelists the build imports, by id (others are named from their id). */
const CODELIST_NAMES: Readonly<Record<string, string>> = {
  "gm-sde/hba1c": "HbA1c",
  "nhsd-qof/dm_cod": "diabetes codes (QOF DM_COD)",
  "nhsd-qof/dmtype1_cod": "type 1 diabetes codes (QOF DMTYPE1_COD)",
  "nhsd-qof/dmtype2_cod": "type 2 diabetes codes (QOF DMTYPE2_COD)",
  "gm-sde/systolic-blood-pressure": "systolic blood pressure",
  "gm-sde/diastolic-blood-pressure": "diastolic blood pressure",
  "gm-sde/cholesterol": "cholesterol",
  "gm-sde/creatinine": "serum creatinine",
  "gm-sde/egfr": "eGFR",
  "gm-sde/urinary-albumin-creatinine-ratio": "urine albumin:creatinine ratio",
  "gm-sde/bmi": "BMI",
  "gm-sde/smoking-status": "smoking status",
  "gm-sde/clozapine": "clozapine",
  "gm-sde/antipsychotics": "antipsychotics",
  "gm-sde/corticosteroid": "corticosteroids",
  "derived/statins": "statins",
  "derived/antihypertensives": "antihypertensives",
  "inhalers-dmd/ics_asthma": "inhaled corticosteroid inhalers",
  "inhalers-dmd/laba_single_codelist": "LABA-only inhalers",
  "inhalers-dmd/laba_ics_codelist": "LABA with corticosteroid inhalers",
  "inhalers-dmd/lama_laba_codelist": "LAMA with LABA inhalers",
  "inhalers-dmd/lama_single_codelist": "LAMA-only inhalers",
  "inhalers-dmd/lama_multi_codelist": "LAMA combination inhalers",
  "inhalers-dmd/lama_triple_codelist": "triple-therapy inhalers",
  "inhalers-dmd/saba": "short-acting beta-agonist inhalers",
};

export const SCORE_NAMES: Readonly<Record<string, string>> = {
  efi: "electronic Frailty Index",
  qdiabetes: "QDiabetes 10-year risk of type 2 diabetes",
  qrisk3: "QRISK3 10-year cardiovascular risk",
  hfrs: "Hospital Frailty Risk Score",
  charlson: "Charlson comorbidity index",
  admission_risk: "emergency admission risk (12 months)",
  mortality_risk: "risk of dying in the next 12 months",
  segment: "population segment",
};

const ACTIVITY_NAMES: Readonly<Record<string, string>> = {
  emergency_admission: "emergency admissions",
  elective_admission: "planned admissions",
  any_admission: "hospital admissions",
  ae_attendance: "A&E attendances",
};

const FLAG_NAMES: Readonly<Record<string, string>> = {
  learning_disability: "Has a learning disability",
  care_home: "Lives in a care home",
};

const SEX_NAMES: Readonly<Record<string, string>> = { F: "female", M: "male", U: "unknown" };

/** A label as people write it: "very_high" → "very high", "frailty_dementia" → "frailty dementia". */
export const words = (code: string) => code.replace(/_/g, " ");

export function registerName(code: string): string {
  return (REGISTER_NAMES as Readonly<Record<string, string>>)[code] ?? code;
}

export function codeSetName(set: CodeSet): string {
  if (set.kind === "codelist") {
    const named = CODELIST_NAMES[set.id];
    if (named) return named;
    const qof = /^nhsd-qof\/(\w+)_cod$/.exec(set.id);
    if (qof?.[1]) return `QOF ${qof[1].toUpperCase()} codes`;
    return words(set.id.split("/").pop() ?? set.id);
  }
  // "GM-SDE HbA1c test set v1 (tests/hba1c/1)" → "HbA1c".
  const gm = set.source ? /^GM-SDE (.+?) (?:test |code )?set\b/i.exec(set.source) : null;
  if (gm?.[1]) return gm[1];
  if (set.source) return set.source.replace(/\s*\(.*\)\s*$/, "");
  return `${set.codes.length} ${set.system} code${set.codes.length === 1 ? "" : "s"}`;
}

function span(o: Offset): string {
  const n = Math.abs(o.n);
  const unit = n === 1 ? o.unit.replace(/s$/, "") : o.unit;
  return `${n} ${unit}`;
}

/** "in the last 12 months", "ever", "from 24 months to 12 months ago". */
export function windowText(w: Window): string {
  const toNow = w.to.n === 0;
  if (w.from === null) return toNow ? "ever" : `up to ${span(w.to)} ago`;
  if (toNow && w.from.n < 0) return `in the last ${span(w.from)}`;
  return `from ${span(w.from)} ${w.from.n < 0 ? "ago" : "ahead"} to ${toNow ? "the as-of date" : `${span(w.to)} ${w.to.n < 0 ? "ago" : "ahead"}`}`;
}

const OPS: Readonly<Record<string, string>> = {
  "<": "below",
  "<=": "at most",
  ">": "above",
  ">=": "at least",
  "=": "equal to",
  "!=": "not equal to",
};

function range(min: number | undefined, max: number | undefined, unit = ""): string {
  if (min !== undefined && max !== undefined) return `${min} to ${max}${unit}`;
  if (min !== undefined) return `${min}${unit} or more`;
  if (max !== undefined) return `${max}${unit} or less`;
  return "any";
}

/** One criterion in a sentence (groups summarised by their parts). */
export function describeCriterion(node: Criterion): string {
  switch (node.kind) {
    case "and":
      return node.of.length === 0 ? "Everyone" : `All of: ${node.of.map(describeCriterion).join("; ")}`;
    case "or":
      return `Any of: ${node.of.map(describeCriterion).join("; ")}`;
    case "not":
      return `Not: ${describeCriterion(node.of)}`;
    case "everyone":
      return "Everyone";
    case "age":
      return node.min !== undefined && node.max === undefined
        ? `Aged ${node.min} or over`
        : node.max !== undefined && node.min === undefined
          ? `Aged ${node.max} or under`
          : `Aged ${range(node.min, node.max)}`;
    case "sex":
      return `Sex: ${node.in.map((s) => SEX_NAMES[s] ?? s).join(" or ")}`;
    case "ethnicity":
      return `Ethnic group: ${node.in.join(" or ")}`;
    case "lsoa":
      return `Living in ${node.in.length === 1 ? `LSOA ${node.in[0]}` : `one of ${node.in.length} LSOAs`}`;
    case "imd": {
      const share = node.scale === "quintile" ? 20 : 10;
      if (node.min === 1)
        return `Living in the ${share * node.max}% most deprived areas (IMD ${node.scale} ${node.max === 1 ? "1" : `1 to ${node.max}`})`;
      return `IMD ${node.scale} ${node.min} to ${node.max} (1 = most deprived)`;
    }
    case "organisation":
      return `Registered at ${node.level === "practice" ? "practice" : node.level === "pcn" ? "PCN" : node.level === "icb" ? "ICB" : "place"} ${node.in.join(", ")}`;
    case "register":
      return `On the ${registerName(node.register).toLowerCase()} register`;
    case "register_count":
      return `On ${node.atLeast} or more of ${node.registers.length} condition registers`;
    case "flag":
      return FLAG_NAMES[node.flag] ?? words(node.flag);
    case "events": {
      const what = node.source === "medications" ? "Issued" : "Recorded";
      const by =
        node.issuedBy === "primary_care"
          ? " by a GP practice"
          : node.issuedBy === "secondary_care"
            ? " by a hospital or trust"
            : "";
      const t = node.test;
      const test =
        t.kind === "count"
          ? ` at least ${t.atLeast} times`
          : t.kind === "first"
            ? ` for the first time ${windowText(t.within)}`
            : t.kind === "latest"
              ? `, most recently ${windowText(t.within)}`
              : "";
      return `${what} ${codeSetName(node.codes)}${by}${test} ${windowText(node.window)}`;
    }
    case "latest_value":
      return `Latest ${codeSetName(node.codes)} ${OPS[node.op] ?? node.op} ${node.value} ${windowText(node.window)}`;
    case "distinct_medicines":
      return `${node.atLeast} or more different ${node.codes ? codeSetName(node.codes) : "medicines"} issued ${windowText(node.window)}`;
    case "hospital_activity":
      return `${node.atLeast === 1 ? "Any" : `${node.atLeast} or more`} ${ACTIVITY_NAMES[node.activity] ?? words(node.activity)} ${windowText(node.window)}`;
    case "social_care":
      return `Receiving ${node.services.map(words).join(" or ")} ${windowText(node.window)}`;
    case "score": {
      const name = SCORE_NAMES[node.score] ?? words(node.score);
      const parts: string[] = [];
      if (node.min !== undefined || node.max !== undefined) parts.push(range(node.min, node.max));
      if (node.bands) parts.push(node.bands.map(words).join(" or "));
      return `${name[0]?.toUpperCase()}${name.slice(1)}: ${parts.join(", ") || "any"}`;
    }
    case "saved_cohort":
      return `In saved cohort ${node.id} (version ${node.version})`;
  }
}
