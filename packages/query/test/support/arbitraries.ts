// fast-check arbitraries: small random populations and random cohort definitions over the
// same small vocabularies, so that criteria often match and boundaries are often hit.
import fc from "fast-check";
import { addDaysIso, addMonthsIso, shiftIso } from "../../src/cohort/dates.ts";
import {
  COHORT_LANGUAGE_VERSION,
  type CodeSet,
  type CohortDefinition,
  type Criterion,
  ETHNICITY_GROUPS,
  type EventTest,
  HOSPITAL_ACTIVITIES,
  type Offset,
  SEXES,
  SOCIAL_CARE_SERVICES,
  type Window,
} from "../../src/cohort/ir.ts";
import type { PersonRecord, Population } from "../../src/cohort/population.ts";

export const AS_OF_DATES = ["2026-03-31", "2025-02-28", "2024-02-29", "2025-12-15", "2026-01-31"] as const;

// Offsets windows are mostly drawn from; dates are often drawn exactly on them, so events
// regularly fall on a window's boundary.
const BOUNDARIES: readonly Offset[] = [
  ...[0, -1, -3, -6, -12, -15, -24].map((n): Offset => ({ kind: "offset", n, unit: "months" })),
  ...[-1, -2].map((n): Offset => ({ kind: "offset", n, unit: "years" })),
  ...[-7, -30, -365].map((n): Offset => ({ kind: "offset", n, unit: "days" })),
];

/** Dates around one as-of date: on a window boundary (40%) or anywhere in ~3.5 years. */
const dateAround = (asOf: string) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: -40, max: 1300 }).map((d) => addDaysIso(asOf, -d)) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...BOUNDARIES), fc.constantFrom(0, 0, 1, -1))
        .map(([o, nudge]) => addDaysIso(shiftIso(asOf, o), nudge)),
    },
  );
const SNOMED = ["s1", "s2", "s3"];
const MEDS = ["m1", "m2", "m3", "m4", "m5"];
const PRACTICES = [
  { practice_code: "P1", pcn_code: "N1", place_code: "L1", icb_code: "I1" },
  { practice_code: "P2", pcn_code: "N1", place_code: "L1", icb_code: "I1" },
  { practice_code: "P3", pcn_code: "N2", place_code: "L2", icb_code: "I1" },
];
const LSOAS = [
  { lsoa_code: "E01000001", imd_decile: 1, imd_quintile: 1 },
  { lsoa_code: "E01000002", imd_decile: 4, imd_quintile: 2 },
  { lsoa_code: "E01000003", imd_decile: 10, imd_quintile: 5 },
  { lsoa_code: null, imd_decile: null, imd_quintile: null },
];

const personArb = (id: number, date: fc.Arbitrary<string>) =>
  fc
    .record({
      birth: fc.integer({ min: 0, max: 1150 }),
      sex: fc.constantFrom(...SEXES),
      ethnicity_group: fc.constantFrom(...ETHNICITY_GROUPS),
      lsoa: fc.constantFrom(...LSOAS),
      practice: fc.constantFrom(...PRACTICES),
      start: fc.oneof(fc.constant("2000-01-01"), date),
      end: fc.option(date, { freq: 3 }),
      death: fc.option(date, { freq: 5 }),
      care_home: fc.boolean(),
      learning_disability: fc.boolean(),
    })
    .map(
      (r): PersonRecord => ({
        person_id: id,
        birth_month: `${addMonthsIso("2026-06-01", -r.birth).slice(0, 8)}01`,
        sex: r.sex,
        ethnicity_group: r.ethnicity_group,
        ...r.lsoa,
        ...r.practice,
        registration_start: r.start,
        registration_end: r.end,
        death_date: r.death,
        care_home: r.care_home,
        learning_disability: r.learning_disability,
      }),
    );

/** A small population whose dates cluster around (and on window boundaries of) `asOf`. */
export const populationAround = (asOf: string): fc.Arbitrary<Population> =>
  fc.integer({ min: 1, max: 8 }).chain((n) => {
    const date = dateAround(asOf);
    const ids = fc.integer({ min: 1, max: n });
    return fc.record({
      persons: fc.tuple(...Array.from({ length: n }, (_, i) => personArb(i + 1, date))),
      deaths: fc.uniqueArray(fc.record({ person_id: ids, death_date: date }), {
        maxLength: 2,
        selector: (d) => d.person_id,
      }),
      registers: fc.uniqueArray(fc.record({ person_id: ids, register: fc.constantFrom("DM", "HYP", "LD") }), {
        maxLength: 6,
        selector: (r) => `${r.person_id}/${r.register}`,
      }),
      gpEvents: fc.array(
        fc.record({
          person_id: ids,
          event_date: date,
          coding_system: fc.constantFrom("snomedct", "snomedct", "ctv3"),
          code: fc.constantFrom(...SNOMED),
          value: fc.option(fc.integer({ min: 30, max: 80 }), { freq: 3 }),
        }),
        { maxLength: 14 },
      ),
      medications: fc.array(
        fc.record({
          person_id: ids,
          issue_date: date,
          coding_system: fc.constant("dmd"),
          code: fc.constantFrom(...MEDS),
          source_org: fc.constantFrom("P1", "P2", "MHT"),
        }),
        { maxLength: 12 },
      ),
      spells: fc.array(
        fc.record({
          person_id: ids,
          admission_date: date,
          admission_method: fc.constantFrom("emergency", "elective", "maternity"),
        }),
        { maxLength: 6 },
      ),
      aeAttendances: fc.array(fc.record({ person_id: ids, arrival_date: date }), { maxLength: 5 }),
      socialCare: fc.array(
        fc
          .record({
            person_id: ids,
            service_type: fc.constantFrom("home_care", "assisted_bin_collection", "meals"),
            start_date: date,
            length: fc.option(fc.integer({ min: 0, max: 800 })),
          })
          .map(({ length, ...s }) => ({
            ...s,
            end_date: length === null ? null : addDaysIso(s.start_date, length),
          })),
        { maxLength: 4 },
      ),
      organisations: fc.constant([
        { org_code: "P1", org_type: "practice" },
        { org_code: "P2", org_type: "practice" },
        { org_code: "MHT", org_type: "mental_health_trust" },
      ]),
      codelists: fc.constant([
        { codelist_id: "t/s12", coding_system: "snomedct", codes: ["s1", "s2"] },
        { codelist_id: "t/m", coding_system: "dmd", codes: ["m1", "m3"] },
      ]),
      scores: fc.uniqueArray(
        fc.record({
          person_id: ids,
          score: fc.constantFrom("efi", "qdiabetes"),
          value: fc.option(
            fc.integer({ min: 0, max: 40 }).map((v) => v / 10),
            { freq: 5 },
          ),
          band: fc.option(fc.constantFrom("mild", "moderate", "severe"), { freq: 5 }),
        }),
        { maxLength: 6, selector: (s) => `${s.person_id}/${s.score}` },
      ),
    });
  });

// Mostly the same few offsets the dates are drawn on, so events often fall exactly on a
// window's boundary; sometimes anything.
const offsetArb: fc.Arbitrary<Offset> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...BOUNDARIES) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: -30, max: 0 }).map((n): Offset => ({ kind: "offset", n, unit: "months" })),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: -400, max: 0 }).map((n): Offset => ({ kind: "offset", n, unit: "days" })),
  },
);
const APPROX = { days: 1, months: 30.4375, years: 365.25 };
const windowArb: fc.Arbitrary<Window> = fc
  .tuple(fc.option(offsetArb, { freq: 4 }), offsetArb)
  .map(([a, b]) => {
    if (a === null) return { kind: "window" as const, from: null, to: b };
    const [lo, hi] = a.n * APPROX[a.unit] < b.n * APPROX[b.unit] ? [a, b] : [b, a];
    if (lo.n * APPROX[lo.unit] === hi.n * APPROX[hi.unit])
      return { kind: "window" as const, from: null, to: hi };
    return { kind: "window" as const, from: lo, to: hi };
  });

const gpCodes: fc.Arbitrary<CodeSet> = fc.oneof(
  fc.record({
    kind: fc.constant("codes" as const),
    system: fc.constantFrom("snomedct" as const, "ctv3" as const),
    codes: fc.uniqueArray(fc.constantFrom(...SNOMED), { minLength: 1, maxLength: 2 }),
  }),
  fc.constantFrom<CodeSet>({ kind: "codelist", id: "t/s12" }, { kind: "codelist", id: "t/missing" }),
);
const medCodes: fc.Arbitrary<CodeSet> = fc.oneof(
  fc.record({
    kind: fc.constant("codes" as const),
    system: fc.constant("dmd" as const),
    codes: fc.uniqueArray(fc.constantFrom(...MEDS), { minLength: 1, maxLength: 3 }),
  }),
  fc.constant<CodeSet>({ kind: "codelist", id: "t/m" }),
);
const testArb: fc.Arbitrary<EventTest> = fc.oneof(
  fc.constant({ kind: "exists" as const }),
  fc.record({ kind: fc.constant("count" as const), atLeast: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant("first" as const), within: windowArb }),
  fc.record({ kind: fc.constant("latest" as const), within: windowArb }),
);

const leafArb: fc.Arbitrary<Criterion> = fc.oneof(
  fc.constant({ kind: "everyone" as const }),
  fc
    .tuple(fc.option(fc.integer({ min: 0, max: 100 })), fc.option(fc.integer({ min: 0, max: 100 })))
    .map(([a, b]): Criterion => {
      if (a === null && b === null) return { kind: "age", min: 50 };
      if (a === null) return { kind: "age", max: b as number };
      if (b === null) return { kind: "age", min: a };
      return { kind: "age", min: Math.min(a, b), max: Math.max(a, b) };
    }),
  fc.record({
    kind: fc.constant("sex" as const),
    in: fc.uniqueArray(fc.constantFrom(...SEXES), { minLength: 1 }),
  }),
  fc.record({
    kind: fc.constant("ethnicity" as const),
    in: fc.uniqueArray(fc.constantFrom(...ETHNICITY_GROUPS), { minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    kind: fc.constant("lsoa" as const),
    in: fc.uniqueArray(fc.constantFrom("E01000001", "E01000002", "E01000003"), { minLength: 1 }),
  }),
  fc
    .tuple(
      fc.constantFrom("decile" as const, "quintile" as const),
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 1, max: 5 }),
    )
    .map(([scale, a, b]): Criterion => ({ kind: "imd", scale, min: Math.min(a, b), max: Math.max(a, b) })),
  fc.oneof(
    fc.record({
      kind: fc.constant("organisation" as const),
      level: fc.constant("practice" as const),
      in: fc.uniqueArray(fc.constantFrom("P1", "P2", "P3"), { minLength: 1 }),
    }),
    fc.record({
      kind: fc.constant("organisation" as const),
      level: fc.constant("pcn" as const),
      in: fc.uniqueArray(fc.constantFrom("N1", "N2"), { minLength: 1 }),
    }),
    fc.record({
      kind: fc.constant("organisation" as const),
      level: fc.constantFrom("place" as const, "icb" as const),
      in: fc.uniqueArray(fc.constantFrom("L1", "L2", "I1"), { minLength: 1 }),
    }),
  ),
  fc.record({
    kind: fc.constant("register" as const),
    register: fc.constantFrom("DM" as const, "HYP" as const, "LD" as const, "AF" as const),
  }),
  fc.record({
    kind: fc.constant("register_count" as const),
    registers: fc.uniqueArray(fc.constantFrom("DM" as const, "HYP" as const, "LD" as const, "AF" as const), {
      minLength: 1,
    }),
    atLeast: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({
    kind: fc.constant("flag" as const),
    flag: fc.constantFrom("learning_disability" as const, "care_home" as const),
  }),
  fc.record({
    kind: fc.constant("events" as const),
    source: fc.constant("gp" as const),
    codes: gpCodes,
    window: windowArb,
    test: testArb,
  }),
  fc
    .record({
      kind: fc.constant("events" as const),
      source: fc.constant("medications" as const),
      codes: medCodes,
      window: windowArb,
      test: testArb,
      issuedBy: fc.option(fc.constantFrom("primary_care" as const, "secondary_care" as const)),
    })
    .map(({ issuedBy, ...n }): Criterion => (issuedBy === null ? n : { ...n, issuedBy })),
  fc.record({
    kind: fc.constant("latest_value" as const),
    codes: gpCodes,
    window: windowArb,
    op: fc.constantFrom(
      "<" as const,
      "<=" as const,
      ">" as const,
      ">=" as const,
      "=" as const,
      "!=" as const,
    ),
    value: fc.integer({ min: 30, max: 80 }),
  }),
  fc
    .record({
      kind: fc.constant("distinct_medicines" as const),
      window: windowArb,
      atLeast: fc.integer({ min: 1, max: 4 }),
      codes: fc.option(medCodes),
    })
    .map(({ codes, ...n }): Criterion => (codes === null ? n : { ...n, codes })),
  fc.record({
    kind: fc.constant("hospital_activity" as const),
    activity: fc.constantFrom(...HOSPITAL_ACTIVITIES),
    window: windowArb,
    atLeast: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({
    kind: fc.constant("social_care" as const),
    services: fc.uniqueArray(fc.constantFrom(...SOCIAL_CARE_SERVICES.slice(0, 2), "meals" as const), {
      minLength: 1,
    }),
    window: windowArb,
  }),
  fc
    .record({
      score: fc.constantFrom("efi", "qdiabetes"),
      min: fc.option(fc.integer({ min: 0, max: 40 }).map((v) => v / 10)),
      bands: fc.option(fc.uniqueArray(fc.constantFrom("mild", "moderate", "severe"), { minLength: 1 })),
    })
    .map(
      ({ score, min, bands }): Criterion => ({
        kind: "score",
        score,
        ...(min === null && bands === null ? { max: 2 } : {}),
        ...(min === null ? {} : { min }),
        ...(bands === null ? {} : { bands }),
      }),
    ),
);

const { criterion } = fc.letrec<{ criterion: Criterion }>((tie) => ({
  criterion: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leafArb,
    fc.record({
      kind: fc.constantFrom("and" as const, "or" as const),
      of: fc.array(tie("criterion"), { minLength: 1, maxLength: 3 }),
    }),
    fc.record({ kind: fc.constant("not" as const), of: tie("criterion") }),
  ),
}));

export const definitionArb: fc.Arbitrary<CohortDefinition> = fc.record({
  kind: fc.constant("cohort" as const),
  language: fc.constant(COHORT_LANGUAGE_VERSION),
  name: fc.constant("random"),
  population: fc.constantFrom("registered" as const, "everyone" as const),
  criteria: criterion,
});
