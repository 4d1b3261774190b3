// Codelists the scores, diabetes care processes and medicines-safety audits use: GM-SDE code
// sets, the dm+d inhaler lists, and lists derived from a broader GM-SDE set by term: statins
// and antihypertensives by ingredient name (the GM-SDE class sets list branded packs (AMPs) but
// not the generic products (VMPs) that GP systems mostly issue), and the diabetic foot
// examination and retinal screening codes of the eFI diabetes set.
import type { CodelistSource } from "./codelists.ts";

export interface DerivedCodelistSource extends CodelistSource {
  /** Keep only the codes whose term matches. */
  readonly termPattern: RegExp;
}

const gm = (folder: string, version: number, system: "snomedct" | "dmd" = "snomedct"): CodelistSource => {
  const name = folder.split("/")[1] ?? folder;
  return {
    id: `gm-sde/${name}`,
    system,
    path: `codelists/gm-sde/${folder}/${version}/${name}.snomed.txt`,
    publisher: `Greater Manchester SDE code set ${folder} v${version}`,
  };
};
const inhaler = (file: string): CodelistSource => ({
  id: `inhalers-dmd/${file.replace(/\.csv$/, "")}`,
  system: "dmd",
  path: `codelists/inhalers-dmd/${file}`,
  publisher: "dm+d respiratory inhaler lists, via OpenCodelists",
});

const cardiovascular = gm("medications/bnf-cardiovascular-meds", 1, "dmd");
const efiDiabetes = gm("conditions/efi-diabetes", 1);

export const CLINICAL_CODELISTS = {
  sle: gm("conditions/sle", 1),
  gestationalDiabetes: gm("conditions/gestational-diabetes", 1),
  pcos: gm("conditions/polycystic-ovarian-syndrome", 1),
  cholHdlRatio: gm("tests/cholesterol-hdl-ratio", 1),
  sbp: gm("tests/systolic-blood-pressure", 1),
  dbp: gm("tests/diastolic-blood-pressure", 1),
  hba1c: gm("tests/hba1c", 2),
  cholesterol: gm("tests/cholesterol", 2),
  creatinine: gm("tests/creatinine", 1),
  egfr: gm("tests/egfr", 1),
  uacr: gm("tests/urinary-albumin-creatinine-ratio", 1),
  bmi: gm("patient/bmi", 2),
  smoking: gm("patient/smoking-status", 1),
  smokingCurrent: gm("patient/smoking-status-current", 1),
  smokingEx: gm("patient/smoking-status-ex", 1),
  smokingNever: gm("patient/smoking-status-never", 1),
  antipsychotics: gm("medications/antipsychotics", 2, "dmd"),
  corticosteroids: gm("medications/corticosteroid", 1, "dmd"),
  clozapine: gm("medications/clozapine", 1, "dmd"),
  statins: {
    ...cardiovascular,
    id: "derived/statins",
    publisher: "Derived: GM-SDE bnf-cardiovascular-meds v1, terms naming a statin",
    termPattern: /\b(atorva|simva|rosuva|prava|fluva|pitava)statin\b/i,
  } satisfies DerivedCodelistSource,
  antihypertensives: {
    ...cardiovascular,
    id: "derived/antihypertensives",
    publisher:
      "Derived: GM-SDE bnf-cardiovascular-meds v1, terms naming an ACE inhibitor, ARB, calcium-channel blocker, thiazide(-like) diuretic, beta-blocker or alpha-blocker",
    termPattern:
      /\b(amlodipine|nifedipine|felodipine|lercanidipine|lacidipine|diltiazem|verapamil|\w+pril|\w+sartan|indapamide|bendroflumethiazide|chlortalidone|hydrochlorothiazide|doxazosin|bisoprolol|atenolol|metoprolol|propranolol|nebivolol|labetalol)\b/i,
  } satisfies DerivedCodelistSource,
  footExamination: {
    ...efiDiabetes,
    id: "derived/diabetes-foot-examination",
    publisher:
      "Derived: GM-SDE efi-diabetes v1, terms naming a diabetic foot examination or screen (NICE diabetes care process 6)",
    termPattern: /^(Diabetic foot examination|Diabetic foot screen|Under care of diabetic foot screener)\b/i,
  } satisfies DerivedCodelistSource,
  retinalScreening: {
    ...efiDiabetes,
    id: "derived/diabetes-retinal-screening",
    publisher:
      "Derived: GM-SDE efi-diabetes v1, terms naming diabetic retinopathy screening or its 6- or 12-month review (NICE diabetes care process 9)",
    termPattern: /^(Diabetic retinopathy screening \(procedure\)|Diabetic retinopathy (6|12) month review)/i,
  } satisfies DerivedCodelistSource,
  ics: inhaler("ics_asthma.csv"),
  labaSingle: inhaler("laba_single_codelist.csv"),
  labaIcs: inhaler("laba_ics_codelist.csv"),
  lamaLaba: inhaler("lama_laba_codelist.csv"),
  lamaSingle: inhaler("lama_single_codelist.csv"),
  lamaMulti: inhaler("lama_multi_codelist.csv"),
  lamaTriple: inhaler("lama_triple_codelist.csv"),
} as const satisfies Record<string, CodelistSource>;

export type ClinicalCodelistKey = keyof typeof CLINICAL_CODELISTS;

export const clinicalListId = (k: ClinicalCodelistKey) => `'${CLINICAL_CODELISTS[k].id}'`;
