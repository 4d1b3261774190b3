// `bevan generate`: streams a synthetic ICS extract (CSV files + manifest.json) and,
// outside the extract, the hidden truth used to evaluate models.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { EXTRACT_SCHEMAS, type ExtractManifest } from "@bevan/domain";
import { calibrate } from "./calibrate.ts";
import { PopulationCells } from "./cells.ts";
import { loadCodeBook } from "./code-book.ts";
import type { ExtractFile, SimContext, Sink, TruthFile } from "./context.ts";
import { CsvWriter } from "./csv-writer.ts";
import { addYears, dayOf, isoOf } from "./dates.ts";
import { drawBaseline } from "./features.ts";
import { practiceImagingFactors, writeImaging, writeImagingNetwork } from "./imaging.ts";
import { buildImagingWorld } from "./imaging-queue.ts";
import { syntheticNhsNumber } from "./nhs-numbers.ts";
import { buildOrganisations } from "./organisations.ts";
import { simulatePerson } from "./person.ts";
import { writePrimaryCare } from "./primary-care.ts";
import { newRecordLog } from "./recorded-oracle.ts";
import { loadReferenceData, type PracticeRef } from "./reference.ts";
import { cumulative, mix32, Rng } from "./rng.ts";
import { writeSecondaryCare, writeTruth } from "./secondary-care.ts";

export interface GenerateOptions {
  readonly persons: number;
  readonly seed: number;
  readonly outDir: string;
  /** The extract date: activity runs up to it. */
  readonly asOf: string;
  readonly sharedDataDir: string;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface GenerateResult {
  readonly manifest: ExtractManifest;
  readonly truthDir: string;
}

export const GENERATOR_VERSION = "bevan-synth 1";

const TRUTH_HEADERS: Record<TruthFile, readonly string[]> = {
  risk: [
    "nhs_number",
    "period_start",
    "period_end",
    "p_emergency_admission",
    "emergency_admission_rate",
    "p_death",
    "p_emergency_admission_recorded",
  ],
  conditions: ["nhs_number", "condition", "onset_date", "recorded", "diagnosed_date", "resolved_date"],
  audits: ["nhs_number", "audit", "detail"],
};

const ETHNIC_CATEGORIES: Record<string, readonly (readonly [string, number])[]> = {
  White: [
    ["A", 0.85],
    ["B", 0.03],
    ["C", 0.12],
  ],
  Mixed: [
    ["D", 0.3],
    ["E", 0.2],
    ["F", 0.25],
    ["G", 0.25],
  ],
  Asian: [
    ["H", 0.3],
    ["J", 0.45],
    ["K", 0.1],
    ["L", 0.1],
    ["R", 0.05],
  ],
  Black: [
    ["M", 0.3],
    ["N", 0.6],
    ["P", 0.1],
  ],
  Other: [
    ["R", 0.3],
    ["S", 0.7],
  ],
};

export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const { persons, seed, outDir } = options;
  if (!Number.isInteger(persons) || persons < 1)
    throw new RangeError("--persons must be a whole number of at least 1");
  if (!Number.isInteger(seed) || seed < 0)
    throw new RangeError("--seed must be a whole number of at least 0");
  const ref = loadReferenceData(options.sharedDataDir);
  const codes = loadCodeBook(options.sharedDataDir);
  const cells = new PopulationCells(ref);
  const ics = buildOrganisations(ref.practices);
  const asOf = dayOf(options.asOf);
  const periods = [-3, -2, -1, 0].map((k) => ({ start: addYears(asOf, k), end: addYears(asOf, k + 1) }));
  const byLocality = new Map<string, PracticeRef[]>();
  for (const p of ref.practices) byLocality.set(p.locality, [...(byLocality.get(p.locality) ?? []), p]);
  const pool = (practices: readonly PracticeRef[]) => ({
    practices,
    cum: cumulative(practices.map((p) => p.listSize)),
  });
  const ctx: SimContext = {
    asOf,
    historyStart: addYears(asOf, -3),
    periods,
    calibration: calibrate(
      cells,
      seed,
      codes.frailtySymptoms.map((f) => f.weight),
    ),
    codes,
    practicesByLocality: new Map([...byLocality].map(([k, v]) => [k, pool(v)])),
    allPractices: pool(ref.practices),
    pcnOfPractice: ics.pcnOfPractice,
    practiceDiabetesCare: practiceEffects(ref.practices, seed),
  };

  const truthDir = join(outDir, "truth");
  clearOutputFolder(outDir);
  mkdirSync(truthDir, { recursive: true });
  const writers = new Map<string, CsvWriter>();
  for (const schema of EXTRACT_SCHEMAS) {
    writers.set(
      schema.name,
      new CsvWriter(
        join(outDir, schema.file),
        schema.columns.map((c) => c.name),
      ),
    );
  }
  const truth = new Map<TruthFile, CsvWriter>(
    (Object.keys(TRUTH_HEADERS) as TruthFile[]).map((f) => [
      f,
      new CsvWriter(join(truthDir, `${f}.csv`), TRUTH_HEADERS[f]),
    ]),
  );
  const sink: Sink = {
    row: (file: ExtractFile, fields) => writers.get(file)?.write(fields),
    truth: (file, fields) => truth.get(file)?.write(fields),
  };

  const orgs = writers.get("organisations");
  for (const o of ics.rows)
    orgs?.write([o.code, o.name, o.type, o.parent ?? "", o.listSize === null ? "" : String(o.listSize)]);

  // The imaging network's planted queues and capacity, worked out before anyone is simulated.
  const imaging = buildImagingWorld(cells, persons, asOf, seed);
  const referral = practiceImagingFactors(ref.practices, new Rng(seed, 0x1a6e0002));
  writeImagingNetwork(imaging, sink);

  let done = 0;
  const all = [...writers.values(), ...truth.values()];
  const allocations: { cellIndex: number; count: number; first: number }[] = [];
  cells.forEachAllocation(persons, (cell, count, first) => {
    allocations.push({ cellIndex: cells.cells.indexOf(cell), count, first });
  });
  for (const { cellIndex, count, first } of allocations) {
    const cell = cells.cells[cellIndex];
    if (!cell) continue;
    for (let k = 0; k < count; k++) {
      const index = first + k;
      const rng = new Rng(seed, index + 1);
      const b = drawBaseline(rng, cell.lsoa, cell.sex, cells.drawAge(rng, cell.age));
      const p = simulatePerson(rng, ctx, b);
      const nhs = syntheticNhsNumber(index);
      const ethnic = rng.chance(0.06) ? "Z" : pickLetter(rng, b.ethnicity);
      sink.row("patients", [
        nhs,
        isoOf(p.birth),
        b.sex,
        ethnic,
        b.lsoa.code,
        p.practice.code,
        isoOf(p.registrationStart),
        p.registrationEnd === null ? "" : isoOf(p.registrationEnd),
        p.death === null ? "" : isoOf(p.death),
        String(p.careHome),
      ]);
      const log = newRecordLog();
      writePrimaryCare(rng, ctx, p, nhs, sink, log);
      writeSecondaryCare(rng, ctx, p, nhs, sink, log);
      writeImaging(
        new Rng(mix32(seed ^ 0x1a6e), index + 1),
        imaging,
        p,
        nhs,
        referral.get(p.practice.code) ?? 1,
        sink,
      );
      writeOptOuts(new Rng(mix32(seed ^ 0x0970), index + 1), nhs, sink);
      writeTruth(ctx, p, nhs, sink, log);
      done++;
      if ((done & 1023) === 0) {
        for (const w of all) if (w.needsFlush) await w.flush();
        options.onProgress?.(done, persons);
      }
    }
  }
  await Promise.all(all.map((w) => w.close()));
  options.onProgress?.(persons, persons);

  const manifest: ExtractManifest = {
    format: "bevan-extract",
    formatVersion: "1",
    generatedBy: `${GENERATOR_VERSION} (persons ${persons}, seed ${seed})`,
    extractDate: options.asOf,
    files: EXTRACT_SCHEMAS.map((s) => ({
      name: s.name,
      file: s.file,
      version: s.version,
      rows: writers.get(s.name)?.rows ?? 0,
    })),
  };
  writeFileSync(join(outDir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(truthDir, "README.md"), truthReadme(options, persons));
  return { manifest, truthDir };
}

/** Empties the output folder, refusing to touch one that is not a Bevan extract. */
function clearOutputFolder(outDir: string): void {
  if (!existsSync(outDir)) return;
  const entries = readdirSync(outDir);
  if (entries.length === 0) return;
  const manifest = join(outDir, "manifest.json");
  let isExtract = false;
  try {
    isExtract = JSON.parse(readFileSync(manifest, "utf8")).format === "bevan-extract";
  } catch {
    isExtract = false;
  }
  if (!isExtract) {
    throw new RangeError(
      `${outDir} is not empty and is not a Bevan extract: choose an empty or new folder for --out`,
    );
  }
  rmSync(outDir, { recursive: true, force: true });
}

/** A seeded effect per practice (in code order): between-practice variation in diabetes care. */
function practiceEffects(practices: readonly PracticeRef[], seed: number): Map<string, number> {
  const rng = new Rng(seed, 0x7ffffffe);
  return new Map(practices.map((p) => [p.code, rng.normal(0, 0.8)]));
}

function pickLetter(rng: Rng, group: string): string {
  const options = ETHNIC_CATEGORIES[group] ?? [["S", 1]];
  let u = rng.next();
  for (const [letter, w] of options) {
    if (u < w) return letter;
    u -= w;
  }
  return options[options.length - 1]?.[0] ?? "S";
}

function truthReadme(options: GenerateOptions, persons: number): string {
  return `# Hidden truth for a synthetic extract

Generated by ${GENERATOR_VERSION} with ${persons} persons, seed ${options.seed}, as-of ${options.asOf}.
This folder is NOT part of the extract: \`bevan ingest\` never reads it. It is what only the
generator knows, for measuring models against the best achievable.

- \`risk.csv\`: for each person alive at the start of each one-year period (three before the
  as-of date and the year after it), the true emergency-admission rate, the probability of at
  least one emergency admission (1 - exp(-rate)) and the probability of death in that period;
  and \`p_emergency_admission_recorded\`, the probability of an emergency admission given only
  what the record shows at the period's start (the latent ill-health factor, undiagnosed
  conditions and uncoded frailty integrated out; docs/risk-stratification.md): the ceiling
  for a model of the recorded data, beside the true probability's ceiling.
- \`conditions.csv\`: every condition each person truly has by the as-of date: its onset;
  \`recorded\` (true: on the GP record as an active diagnosis at the as-of date); the date it
  was diagnosed (coded), empty if never; and the date a "resolved" code was recorded, empty
  if none. Undiagnosed: \`recorded\` false and no \`diagnosed_date\` (the true undiagnosed
  hypertension, diabetes, COPD …); resolved: a \`resolved_date\` (no longer on the register).
- \`audits.csv\`: the medicines-safety cases the generator planted in the records of people
  registered at the as-of date (inhaler ingredient duplication, clozapine from the
  mental-health trust missing from the GP record, elderly people with well-controlled diabetes
  on 10+ medicines), worked out from what it wrote, with the audits' definitions restated.

Keyed by NHS number: pseudonymise with the same key as ingest to join to the warehouse.
`;
}

/**
 * Opt-outs, on their own random stream (so adding them changes nothing else): a type 1
 * opt-out for about 2.7% of people (NHS Digital's count when type 1 opt-outs were frozen in
 * 2018, about 1.5 million of 56 million patients) and the National Data Opt-out for about 5.4%
 * (NHS England's published national rate, 2023–24), drawn independently.
 */
function writeOptOuts(rng: Rng, nhs: string, sink: Sink): void {
  const type1 = rng.chance(0.027);
  const national = rng.chance(0.054);
  if (type1 || national) sink.row("opt_outs", [nhs, String(type1), String(national)]);
}
