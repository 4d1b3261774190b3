// An in-memory population: the slice of the warehouse the cohort language reads, as plain
// rows. The reference evaluator runs on it; tests load the same rows into DuckDB.
// Dates are ISO strings (YYYY-MM-DD); person ids are numbers.

export interface PersonRecord {
  readonly person_id: number;
  readonly birth_month: string;
  readonly sex: string;
  readonly ethnicity_group: string;
  readonly lsoa_code: string | null;
  readonly imd_decile: number | null;
  readonly imd_quintile: number | null;
  readonly practice_code: string;
  readonly pcn_code: string | null;
  readonly place_code: string | null;
  readonly icb_code: string | null;
  readonly registration_start: string;
  readonly registration_end: string | null;
  /** Date of death known to primary care. */
  readonly death_date: string | null;
  readonly care_home: boolean;
  readonly learning_disability: boolean;
}

export interface Population {
  readonly persons: readonly PersonRecord[];
  /** Registered deaths (civil registration), which may know of deaths primary care does not. */
  readonly deaths: readonly { readonly person_id: number; readonly death_date: string }[];
  readonly registers: readonly { readonly person_id: number; readonly register: string }[];
  readonly gpEvents: readonly {
    readonly person_id: number;
    readonly event_date: string;
    readonly coding_system: string;
    readonly code: string;
    readonly value: number | null;
  }[];
  readonly medications: readonly {
    readonly person_id: number;
    readonly issue_date: string;
    readonly coding_system: string;
    readonly code: string;
    readonly source_org: string;
  }[];
  readonly spells: readonly {
    readonly person_id: number;
    readonly admission_date: string;
    readonly admission_method: string;
  }[];
  readonly aeAttendances: readonly { readonly person_id: number; readonly arrival_date: string }[];
  readonly socialCare: readonly {
    readonly person_id: number;
    readonly service_type: string;
    readonly start_date: string;
    readonly end_date: string | null;
  }[];
  readonly organisations: readonly { readonly org_code: string; readonly org_type: string }[];
  readonly codelists: readonly {
    readonly codelist_id: string;
    readonly coding_system: string;
    readonly codes: readonly string[];
  }[];
  readonly scores: readonly {
    readonly person_id: number;
    readonly score: string;
    readonly value: number | null;
    readonly band: string | null;
  }[];
}

export function emptyPopulation(): Population {
  return {
    persons: [],
    deaths: [],
    registers: [],
    gpEvents: [],
    medications: [],
    spells: [],
    aeAttendances: [],
    socialCare: [],
    organisations: [],
    codelists: [],
    scores: [],
  };
}
