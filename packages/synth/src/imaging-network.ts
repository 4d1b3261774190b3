// The synthetic diagnostic imaging network: the four acute trusts' sites and the equipment at
// each, how often people of each age need each test, where the requests come from, and how
// well each trust keeps up (capacity against demand, backlogs, booking lead times) — the
// planted truth behind the waiting lists. Rates are per 1,000 people a year, close to the
// Diagnostic Imaging Dataset's for England (2022–23); the DM01 tests' waits are set so the
// trusts differ as DM01 returns show across England: one over 20% waiting 6+ weeks, one under 5%.

/** Test code → DICOM modality, as @bevan/domain's IMAGING_TESTS. */
export const TEST_MODALITY: Readonly<Record<string, string>> = {
  mri: "MR",
  ct: "CT",
  non_obstetric_ultrasound: "US",
  dexa: "BMD",
  barium_enema: "RF",
  plain_film: "CR",
};
export const DM01_TESTS: readonly string[] = [
  "mri",
  "ct",
  "non_obstetric_ultrasound",
  "dexa",
  "barium_enema",
];

export interface TestDemand {
  readonly code: string;
  /** Requests per 1,000 a year in the base year (the year before the as-of date) by age band: 0–15, 16–44, 45–64, 65–79, 80+. */
  readonly perThousand: readonly [number, number, number, number, number];
  /** Multipliers for women and men. */
  readonly sex: { readonly F: number; readonly M: number };
  /** Demand growth per year (trend in need and in requesting). */
  readonly growth: number;
  /** Shares of requests from GP direct access, outpatients, inpatients, A&E. */
  readonly sources: readonly [number, number, number, number];
  /** Of GP and outpatient requests: urgent, routine, planned (surveillance). */
  readonly priorities: readonly [number, number, number];
}

export const TEST_DEMAND: readonly TestDemand[] = [
  {
    code: "plain_film",
    perThousand: [260, 325, 470, 715, 985],
    sex: { F: 1, M: 1 },
    growth: 0.02,
    sources: [0.35, 0.25, 0.1, 0.3],
    priorities: [0.1, 0.85, 0.05],
  },
  {
    code: "non_obstetric_ultrasound",
    perThousand: [45, 157, 213, 280, 246],
    sex: { F: 1.25, M: 0.75 },
    growth: 0.04,
    sources: [0.55, 0.35, 0.07, 0.03],
    priorities: [0.2, 0.68, 0.12],
  },
  {
    code: "ct",
    perThousand: [22, 66, 150, 324, 444],
    sex: { F: 0.95, M: 1.05 },
    growth: 0.07,
    sources: [0.15, 0.37, 0.18, 0.3],
    priorities: [0.3, 0.52, 0.18],
  },
  {
    code: "mri",
    perThousand: [16, 70, 114, 132, 87],
    sex: { F: 1.05, M: 0.95 },
    growth: 0.06,
    sources: [0.25, 0.66, 0.07, 0.02],
    priorities: [0.18, 0.64, 0.18],
  },
  {
    code: "dexa",
    perThousand: [0.2, 1.5, 16, 36, 26],
    sex: { F: 1.7, M: 0.3 },
    growth: 0.03,
    sources: [0.62, 0.38, 0, 0],
    priorities: [0.05, 0.65, 0.3],
  },
  {
    code: "barium_enema",
    perThousand: [0, 0.05, 0.5, 1.5, 1.5],
    sex: { F: 1, M: 1 },
    growth: -0.1,
    sources: [0.3, 0.7, 0, 0],
    priorities: [0.2, 0.7, 0.1],
  },
];

export const AGE_BAND_STARTS = [0, 16, 45, 65, 80] as const;
export const REFERRAL_SOURCES = ["gp", "outpatient", "inpatient", "ae"] as const;
export const PRIORITIES = ["urgent", "routine", "planned"] as const;

export interface Site {
  readonly code: string;
  readonly name: string;
  readonly trust: string;
  readonly lat: number;
  readonly lon: number;
  /** Tests offered, with the site's share of its trust's requests for that test. */
  readonly tests: Readonly<Record<string, number>>;
}

// Real hospitals of the four trusts (approximate locations); codes are the synthetic network's own.
export const SITES: readonly Site[] = [
  {
    code: "R0A-ORC",
    name: "Oxford Road Campus",
    trust: "R0A",
    lat: 53.4628,
    lon: -2.226,
    tests: { plain_film: 0.3, non_obstetric_ultrasound: 0.3, ct: 0.5, mri: 0.55, barium_enema: 1 },
  },
  {
    code: "R0A-WYT",
    name: "Wythenshawe Hospital",
    trust: "R0A",
    lat: 53.388,
    lon: -2.293,
    tests: { plain_film: 0.3, non_obstetric_ultrasound: 0.3, ct: 0.35, mri: 0.45, dexa: 0.4 },
  },
  {
    code: "R0A-TGH",
    name: "Trafford General Hospital",
    trust: "R0A",
    lat: 53.4537,
    lon: -2.362,
    tests: { plain_film: 0.4, non_obstetric_ultrasound: 0.4, ct: 0.15, dexa: 0.6 },
  },
  {
    code: "RM3-SRF",
    name: "Salford Royal",
    trust: "RM3",
    lat: 53.4875,
    lon: -2.322,
    tests: { plain_film: 0.7, non_obstetric_ultrasound: 0.65, ct: 0.7, mri: 0.75, dexa: 1, barium_enema: 1 },
  },
  {
    code: "RM3-ROH",
    name: "Royal Oldham Hospital",
    trust: "RM3",
    lat: 53.556,
    lon: -2.126,
    tests: { plain_film: 0.3, non_obstetric_ultrasound: 0.35, ct: 0.3, mri: 0.25 },
  },
  {
    code: "RWJ-SHH",
    name: "Stepping Hill Hospital",
    trust: "RWJ",
    lat: 53.38,
    lon: -2.148,
    tests: {
      plain_film: 1,
      non_obstetric_ultrasound: 1,
      ct: 1,
      mri: 1,
      dexa: 1,
      barium_enema: 1,
    },
  },
  {
    code: "RBT-LGH",
    name: "Leighton Hospital",
    trust: "RBT",
    lat: 53.117,
    lon: -2.494,
    tests: { plain_film: 0.7, non_obstetric_ultrasound: 0.7, ct: 1, mri: 1, dexa: 1, barium_enema: 1 },
  },
  {
    code: "RBT-VIN",
    name: "Victoria Infirmary Northwich",
    trust: "RBT",
    lat: 53.259,
    lon: -2.509,
    tests: { plain_film: 0.3, non_obstetric_ultrasound: 0.3 },
  },
];

/** Which trust residents of each Trafford locality use for imaging. */
export const LOCALITY_TRUSTS: Readonly<Record<string, readonly (readonly [string, number])[]>> = {
  North: [
    ["R0A", 0.55],
    ["RM3", 0.35],
    ["RWJ", 0.05],
    ["RBT", 0.05],
  ],
  West: [
    ["R0A", 0.5],
    ["RM3", 0.4],
    ["RWJ", 0.04],
    ["RBT", 0.06],
  ],
  Central: [
    ["R0A", 0.72],
    ["RM3", 0.1],
    ["RWJ", 0.1],
    ["RBT", 0.08],
  ],
  South: [
    ["R0A", 0.52],
    ["RM3", 0.05],
    ["RWJ", 0.2],
    ["RBT", 0.23],
  ],
};

/**
 * How a trust keeps up, per DM01 test: the routine backlog it holds (in weeks of routine
 * demand) at the start of the history and at the as-of date — it adds waiting-list sessions
 * when over and cancels some when under — and the booking lead time before a routine patient
 * can be scanned (days). A step moves the backlog at once (a new scanner) that many days
 * before the as-of date.
 */
export interface TrustPerformance {
  readonly backlogWeeks: Readonly<Record<string, number>>;
  readonly backlogWeeksEnd?: Readonly<Record<string, number>>;
  readonly step?: { readonly daysBeforeAsOf: number };
  readonly leadDays: readonly [number, number];
}

export const TRUST_PERFORMANCE: Readonly<Record<string, TrustPerformance>> = {
  // Manchester: large and steady, waits of five to seven weeks for MRI and ultrasound.
  R0A: {
    backlogWeeks: { mri: 5.2, ct: 3, non_obstetric_ultrasound: 4.6, dexa: 4.4, barium_enema: 2 },
    leadDays: [7, 17],
  },
  // Northern Care Alliance: carrying a long backlog and falling further behind.
  RM3: {
    backlogWeeks: { mri: 7, ct: 4.2, non_obstetric_ultrasound: 6.3, dexa: 6, barium_enema: 4 },
    backlogWeeksEnd: { mri: 8.6, ct: 5, non_obstetric_ultrasound: 7.6, dexa: 7.2, barium_enema: 5 },
    leadDays: [8, 18],
  },
  // Stockport: a new scanner and an extra ultrasound list 18 months ago cleared its backlog.
  RWJ: {
    backlogWeeks: { mri: 3.5, ct: 2, non_obstetric_ultrasound: 3, dexa: 3, barium_enema: 1 },
    backlogWeeksEnd: { mri: 0.6, ct: 0.3, non_obstetric_ultrasound: 0.5, dexa: 0.5, barium_enema: 0.3 },
    step: { daysBeforeAsOf: 540 },
    leadDays: [5, 14],
  },
  // Mid Cheshire: just about keeping pace.
  RBT: {
    backlogWeeks: { mri: 4.5, ct: 2.4, non_obstetric_ultrasound: 4, dexa: 4, barium_enema: 1 },
    leadDays: [6, 15],
  },
};

/** Share of routine patients who take a later date than offered or are rebooked after a cancellation. */
export const REBOOKED_SHARE = 0.07;

/** Typical drive time in minutes between two sites: straight-line distance × 1.35, at 45 km/h, plus 8 minutes to park. */
export function travelMinutes(a: Site, b: Site): number {
  if (a.code === b.code) return 0;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  const km = 2 * 6371 * Math.asin(Math.sqrt(h));
  return Math.round(8 + ((km * 1.35) / 45) * 60);
}
