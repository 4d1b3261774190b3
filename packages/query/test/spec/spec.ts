// The shape of a spec file: one feature of the cohort language, a small population and
// cases with the expected people. Spec files are run against the reference evaluator and
// DuckDB, and rendered into docs/cohort-language.md.
import type { CohortDefinition, Criterion } from "../../src/cohort/ir.ts";
import { emptyPopulation, type PersonRecord, type Population } from "../../src/cohort/population.ts";

export const SPEC_AS_OF = "2026-03-31";

export interface SpecCase {
  readonly name: string;
  readonly criteria: Criterion;
  readonly population?: CohortDefinition["population"];
  readonly expected: readonly number[];
  /** Evaluate at this date instead of SPEC_AS_OF. */
  readonly asOf?: string;
}

export interface Spec {
  readonly title: string;
  /** Markdown: what the feature means. */
  readonly text: string;
  readonly population: Population;
  /** Which columns of which tables to show in the docs. */
  readonly show: Readonly<Partial<Record<keyof Population, readonly string[]>>>;
  /** Saved cohorts (id → criteria, version 1) the cases may refer to. */
  readonly saved?: Readonly<Record<string, Criterion>>;
  readonly cases: readonly SpecCase[];
}

export function person(id: number, overrides: Partial<PersonRecord> = {}): PersonRecord {
  return {
    person_id: id,
    birth_month: "1960-06-01",
    sex: "F",
    ethnicity_group: "White",
    lsoa_code: "E01000001",
    imd_decile: 5,
    imd_quintile: 3,
    practice_code: "P1",
    pcn_code: "PCN1",
    place_code: "PL1",
    icb_code: "ICB1",
    registration_start: "2010-01-01",
    registration_end: null,
    death_date: null,
    care_home: false,
    learning_disability: false,
    ...overrides,
  };
}

export function population(parts: Partial<Population>): Population {
  return { ...emptyPopulation(), ...parts };
}

export const ORGS = [
  { org_code: "P1", org_type: "practice" },
  { org_code: "P2", org_type: "practice" },
  { org_code: "MHT", org_type: "mental_health_trust" },
];
