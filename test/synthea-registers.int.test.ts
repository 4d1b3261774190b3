// Registers built from the 300 Synthea FHIR bundles (ingest, then build as of 2021-03-31)
// against a count made here, independently, from the raw bundles: JSON.parse, the codelist
// CSVs read by hand, and each register's QOF-style rule restated in plain TypeScript. Registers
// the sample cannot populate are listed (and asserted empty on both sides).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { buildWarehouse } from "@bevan/build";
import { REGISTER_CODES, type RegisterCode } from "@bevan/domain";
import { Warehouse } from "@bevan/engine";
import { ingestPath, loadPseudonymKey, loadReferenceTables, pseudonymiser } from "@bevan/ingest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SHARED_DATA } from "./paths.ts";

const AS_OF = "2021-03-31";
const BUNDLES = join(SHARED_DATA, "synthea", "fhir-r4-bundles-300");
const SNOMED = "http://snomed.info/sct";
const DMD = "https://dmd.nhs.uk";
// FHIR code systems Bevan knows (docs/fhir-ingest.md): the first coding in one of these is the record's code.
const KNOWN_SYSTEMS = new Set([
  SNOMED,
  "http://loinc.org",
  "http://www.nlm.nih.gov/research/umls/rxnorm",
  DMD,
  "http://hl7.org/fhir/sid/icd-10",
  "http://hl7.org/fhir/sid/icd-10-uk",
  "http://hl7.org/fhir/sid/opcs-4",
  "http://hl7.org/fhir/sid/cvx",
  "http://dicom.nema.org/resources/ontology/DCM",
  "http://read.info/ctv3",
  "http://read.info/readv2",
]);

/** Registers the 300-patient sample has no cases for, and why (shared/data/README.md). */
const NO_CASES_IN_SAMPLE: Partial<Record<RegisterCode, string>> = {
  AST: "3 people have an asthma code, but Synthea's medicines are RxNorm: none has the dm+d inhaler issue the rule needs",
  CKD: "the only CKD codes in the sample are stage 1 (CKD1AND2_COD, 3 people)",
  DEP: "the one person with a depression code died in 2005",
  LD: "no learning disability codes",
  MH: "no schizophrenia, bipolar disorder or psychosis codes",
  PAD: "no peripheral arterial disease codes",
  PC: "no palliative care codes",
  NDH: "Synthea's prediabetes code (15777000, 85 people) is not in the NDH_COD cluster",
};

type Json = Record<string, unknown>;
interface Coded {
  readonly system: string;
  readonly code: string;
  readonly date: string;
}
interface Patient {
  readonly id: string;
  readonly birthDate: string;
  readonly death: string | null;
  readonly events: Coded[];
  readonly issues: Coded[];
}

function codelist(file: string, column = "code"): Set<string> {
  const [header, ...lines] = readFileSync(join(SHARED_DATA, "codelists", file), "utf8")
    .trim()
    .split(/\r?\n/);
  const at = (header ?? "").split(",").indexOf(column);
  return new Set(lines.map((l) => (l.split(",")[at] ?? "").replace(/"/g, "").trim()));
}
const qof = (name: string) => codelist(`nhsd-qof/nhsd-primary-care-domain-refsets-${name}.csv`);
const primis = (name: string) => codelist(`primis/primis-covid19-vacc-uptake-${name}.csv`);

const firstKnown = (codings: unknown): { system: string; code: string } | null => {
  for (const c of (codings as Json[] | undefined) ?? []) {
    if (typeof c.system === "string" && KNOWN_SYSTEMS.has(c.system) && typeof c.code === "string")
      return { system: c.system, code: c.code };
  }
  return null;
};
const day = (...values: unknown[]) => {
  for (const v of values) if (typeof v === "string") return v.slice(0, 10);
  return null;
};
const get = (r: Json, path: string): unknown =>
  path.split(".").reduce<unknown>((o, k) => (o as Json | undefined)?.[k], r);

/** One patient per bundle, with the coded GP-record entries and medicine issues the mapping loads. */
function readBundle(file: string): Patient {
  const bundle = JSON.parse(gunzipSync(readFileSync(join(BUNDLES, file))).toString("utf8")) as Json;
  const resources = ((bundle.entry as Json[]) ?? []).map((e) => e.resource as Json);
  const patients = resources.filter((r) => r.resourceType === "Patient");
  if (patients.length !== 1) throw new Error(`${file}: expected one Patient`);
  const p = patients[0] as Json;
  const events: Coded[] = [];
  const issues: Coded[] = [];
  const add = (list: Coded[], coding: { system: string; code: string } | null, date: string | null) => {
    if (coding && date) list.push({ ...coding, date });
  };
  for (const r of resources) {
    const onset = ["onsetDateTime", "onsetPeriod.start", "recordedDate"].map((k) => get(r, k));
    const effective = ["effectiveDateTime", "effectivePeriod.start"].map((k) => get(r, k));
    switch (r.resourceType) {
      case "Condition":
        add(events, firstKnown(get(r, "code.coding")), day(...onset));
        break;
      case "Observation":
        add(events, firstKnown(get(r, "code.coding")), day(...effective, r.effectiveInstant, r.issued));
        break;
      case "DiagnosticReport":
        add(events, firstKnown(get(r, "code.coding")), day(...effective, r.issued));
        break;
      case "Procedure":
        add(
          events,
          firstKnown(get(r, "code.coding")),
          day(r.performedDateTime, get(r, "performedPeriod.start")),
        );
        break;
      case "AllergyIntolerance":
        add(events, firstKnown(get(r, "code.coding")), day(r.onsetDateTime, r.recordedDate));
        break;
      case "Immunization":
        add(events, firstKnown(get(r, "vaccineCode.coding")), day(r.occurrenceDateTime));
        break;
      case "CarePlan":
        add(
          events,
          firstKnown(((r.category as Json[]) ?? []).flatMap((c) => (c.coding as Json[]) ?? [])),
          day(get(r, "period.start"), r.created),
        );
        break;
      case "Encounter": {
        // Inpatient and emergency encounters are hospital activity, not GP-record entries.
        const cls = String(get(r, "class.code") ?? "").toUpperCase();
        if (["IMP", "ACUTE", "NONAC", "INPATIENT", "EMER", "EMERGENCY"].includes(cls)) break;
        add(
          events,
          firstKnown(((r.type as Json[]) ?? []).flatMap((t) => (t.coding as Json[]) ?? [])),
          day(get(r, "period.start")),
        );
        break;
      }
      case "MedicationRequest":
        add(issues, firstKnown(get(r, "medicationCodeableConcept.coding")), day(r.authoredOn));
        break;
    }
  }
  return {
    id: String(p.id),
    birthDate: String(p.birthDate),
    death: day(p.deceasedDateTime),
    events,
    issues,
  };
}

/** Whole years from the birth month (taken as the 15th) to the as-of date. */
function ageAt(birthDate: string, asOf: string): number {
  const [by, bm] = birthDate.split("-").map(Number) as [number, number];
  const [ay, am, ad] = asOf.split("-").map(Number) as [number, number, number];
  return Math.floor((ay * 12 + am - by * 12 - bm - (ad < 15 ? 1 : 0)) / 12);
}

/** The registers restated from the QOF business-rule patterns (docs/clinical-scores.md). */
function handRegisters(patients: readonly Patient[]): Map<RegisterCode, Set<string>> {
  const lists = {
    afib: qof("afib_cod"),
    ast: qof("ast_cod"),
    chd: qof("chd_cod"),
    ckd35: qof("ckd_cod"),
    ckd12: qof("ckd1and2_cod"),
    copd: qof("copd_cod"),
    dem: qof("dem_cod"),
    depr: qof("depr_cod"),
    dm: qof("dm_cod"),
    dmres: primis("dmres"),
    epil: qof("epil_cod"),
    hf: qof("hf_cod"),
    hyp: qof("hyp_cod"),
    ld: qof("ld_cod"),
    mh: qof("mh_cod"),
    smhres: primis("smhres"),
    ndh: qof("ndh_cod"),
    osteo: qof("osteo_cod"),
    pad: qof("pad_cod"),
    palcare: qof("palcare_cod"),
    palcareni: qof("palcareni_cod"),
    rarth: qof("rarth_cod"),
    strk: qof("strk_cod"),
    tia: qof("tia_cod"),
    can: qof("c19can_cod"),
    haemcan: qof("c19haemcan_cod"),
  };
  const inhalers = new Set([...primis("astrxm1"), ...codelist("inhalers-dmd/saba_codelist.csv", "id")]);
  const yearBefore = `${Number(AS_OF.slice(0, 4)) - 1}${AS_OF.slice(4)}`;
  const out = new Map<RegisterCode, Set<string>>(REGISTER_CODES.map((r) => [r, new Set<string>()]));
  for (const p of patients) {
    // Loaded at all: not born or dead after the extract date (those are quarantined).
    if (p.birthDate > AS_OF || (p.death !== null && p.death > AS_OF)) continue;
    // Registered at the as-of date: alive (death ends registration). Registration starts at the
    // first encounter with the practice or the birth month, never after the extract date.
    if (p.death !== null && p.death <= AS_OF) continue;
    const age = ageAt(p.birthDate, AS_OF);
    const dates = (list: Set<string>) =>
      p.events
        .filter((e) => e.system === SNOMED && list.has(e.code) && e.date <= AS_OF && e.date >= p.birthDate)
        .map((e) => e.date)
        .sort();
    const latest = (list: Set<string>) => dates(list).at(-1) ?? null;
    const first = (list: Set<string>) => dates(list)[0] ?? null;
    const ever = (list: Set<string>) => latest(list) !== null;
    const laterThan = (a: string | null, b: string | null) => a !== null && (b === null || a > b);
    const on = (r: RegisterCode, rule: boolean) => {
      if (rule) out.get(r)?.add(p.id);
    };
    on("AF", ever(lists.afib));
    on(
      "AST",
      age >= 6 &&
        ever(lists.ast) &&
        p.issues.some(
          (m) => m.system === DMD && inhalers.has(m.code) && m.date > yearBefore && m.date <= AS_OF,
        ),
    );
    on("CHD", ever(lists.chd));
    const ckd35 = latest(lists.ckd35);
    const ckd12 = latest(lists.ckd12);
    on("CKD", age >= 18 && ckd35 !== null && (ckd12 === null || ckd35 >= ckd12));
    on("COPD", ever(lists.copd));
    on("DEM", ever(lists.dem));
    on("DEP", age >= 18 && (latest(lists.depr) ?? "") >= "2006-04-01");
    const dm = age >= 17 && laterThan(latest(lists.dm), latest(lists.dmres));
    on("DM", dm);
    on("EP", age >= 18 && ever(lists.epil));
    on("HF", ever(lists.hf));
    on("HYP", ever(lists.hyp));
    on("LD", ever(lists.ld));
    on("MH", laterThan(latest(lists.mh), latest(lists.smhres)));
    on("OST", age >= 50 && ever(lists.osteo));
    on("PAD", ever(lists.pad));
    const pc = latest(lists.palcare);
    on("PC", pc !== null && pc >= "2008-04-01" && laterThan(pc, latest(lists.palcareni)));
    on("RA", age >= 16 && ever(lists.rarth));
    on("STIA", ever(lists.strk) || ever(lists.tia));
    const firstCancer = [first(lists.can), first(lists.haemcan)].filter((d) => d !== null).sort()[0];
    on("CAN", firstCancer !== undefined && firstCancer >= "2003-04-01");
    on("NDH", age >= 18 && ever(lists.ndh) && !dm);
  }
  return out;
}

const tmp = mkdtempSync(join(tmpdir(), "bevan-synthea-registers-"));
const key = loadPseudonymKey(join(tmp, "secrets", "key"), { createDevKey: true });
let built: Map<string, Set<bigint>>;
let hand: Map<RegisterCode, Set<string>>;

beforeAll(async () => {
  const wh = await Warehouse.open(join(tmp, "synthea.duckdb"));
  try {
    await ingestPath(wh, BUNDLES, { key, extractDate: AS_OF, today: AS_OF });
    await loadReferenceTables(wh, SHARED_DATA);
    await buildWarehouse(wh, { sharedDataDir: SHARED_DATA, asOf: AS_OF });
    built = new Map();
    for (const r of await wh.all<{ register: string; person_id: bigint }>(
      "SELECT register, person_id FROM register",
    )) {
      if (!built.has(r.register)) built.set(r.register, new Set());
      built.get(r.register)?.add(r.person_id);
    }
  } finally {
    wh.close();
  }
  hand = handRegisters(
    readdirSync(BUNDLES)
      .filter((f) => f.endsWith(".json.gz"))
      .map(readBundle),
  );
}, 300_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("registers from the Synthea FHIR sample (as of 2021-03-31) against a count from the raw bundles", () => {
  it.each(REGISTER_CODES.map((r) => [r] as const))("%s: the same people as the hand count", (register) => {
    const pseudonym = pseudonymiser(key.key);
    const want = [...(hand.get(register) ?? [])].map((id) => pseudonym(`source-patient-id:${id}`)).sort();
    const got = [...(built.get(register) ?? [])].sort();
    expect(got).toEqual(want);
    if (NO_CASES_IN_SAMPLE[register]) expect(want).toHaveLength(0);
    else expect(want.length, `${register} should have cases in the sample`).toBeGreaterThan(0);
  });
});
