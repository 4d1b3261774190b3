// Diagnostic imaging as a network holds it: each request (trust, site, modality and test,
// referral source, priority, the request, test and report dates), each site's weekly
// capacity, the travel times between sites, and published DM01 returns; with the tests'
// vocabulary and the DM01 rules for who counts as waiting.
import { column as c, type TableDef, table } from "./table.ts";

/** A diagnostic imaging test as DM01 and the Diagnostic Imaging Dataset name it. */
export interface ImagingTest {
  readonly code: string;
  readonly name: string;
  /** DICOM modality code of the equipment. */
  readonly modality: string;
  /** Counted in the monthly DM01 diagnostic waiting-times return (plain film is not). */
  readonly dm01: boolean;
}

export const IMAGING_TESTS: readonly ImagingTest[] = Object.freeze([
  { code: "mri", name: "Magnetic resonance imaging", modality: "MR", dm01: true },
  { code: "ct", name: "Computed tomography", modality: "CT", dm01: true },
  { code: "non_obstetric_ultrasound", name: "Non-obstetric ultrasound", modality: "US", dm01: true },
  { code: "dexa", name: "DEXA scan", modality: "BMD", dm01: true },
  { code: "barium_enema", name: "Barium enema", modality: "RF", dm01: true },
  { code: "plain_film", name: "Plain film (X-ray)", modality: "CR", dm01: false },
]);

/** Test priorities; planned (surveillance) tests are outside the 6-week measure, as in DM01. */
export const IMAGING_PRIORITIES = ["urgent", "routine", "planned"] as const;
export type ImagingPriority = (typeof IMAGING_PRIORITIES)[number];

export const IMAGING_REFERRAL_SOURCES = ["gp", "outpatient", "inpatient", "ae"] as const;

/** The DM01 standard: no more than 1% waiting 6 weeks or more from referral for a test. */
export const SIX_WEEK_STANDARD = Object.freeze({ weeks: 6, maxShare: 0.01 });

const sourceId = c(
  "source_id",
  "varchar",
  "Source record the row came from (FHIR `ImagingStudy/id`); null for rows from CSV extracts.",
  { nullable: true },
);

export const imagingRequest = table({
  name: "imaging_request",
  layer: "ingested",
  description: "Diagnostic imaging requests and the tests done, as a diagnostic imaging network holds them.",
  grain: "One row per requested test.",
  source:
    "Diagnostic imaging extract (imaging_requests.csv, schema version 2); FHIR ImagingStudy (one row per study, modality of the first series; no site, test, priority or report date).",
  knownGaps: [
    "Tests not yet done have a null test date: they are the waiting list.",
    "Rows from FHIR have no site, test, priority or referrer: the DM01 census leaves them out.",
    "Planned (surveillance) tests are booked for a clinically chosen date and are outside the 6-week measure.",
  ],
  primaryKey: ["request_id"],
  columns: [
    c("request_id", "varchar", "Request identifier."),
    c("person_id", "person_id", "Pseudonymous person key: keyed HMAC-SHA-256 of the NHS number."),
    c("trust_code", "varchar", "Trust carrying out the test."),
    c("site_code", "varchar", "Site (hospital or imaging centre) carrying out the test.", { nullable: true }),
    c("modality", "varchar", "DICOM modality: MR, CT, US, BMD (DEXA), RF (fluoroscopy), CR (plain film)."),
    c(
      "test",
      "varchar",
      "mri, ct, non_obstetric_ultrasound, dexa, barium_enema or plain_film (the DM01 imaging tests and plain film).",
      { nullable: true },
    ),
    c(
      "referral_source",
      "varchar",
      "gp (direct access), outpatient, inpatient, ae, or unknown (FHIR sources).",
    ),
    c("priority", "varchar", "urgent (including two-week wait), routine or planned (surveillance).", {
      nullable: true,
    }),
    c(
      "referrer_code",
      "varchar",
      "Requesting organisation: the GP practice for direct access, else the trust.",
      {
        nullable: true,
      },
    ),
    c("request_date", "date", "Date requested: the DM01 clock starts here."),
    c("test_date", "date", "Date done; null while waiting.", { nullable: true }),
    c("report_date", "date", "Date the report was issued; null until reported.", { nullable: true }),
    sourceId,
  ],
});

export const imagingCapacity = table({
  name: "imaging_capacity",
  layer: "ingested",
  description:
    "Imaging capacity: scanning sessions planned and lost to downtime, by site, modality and week.",
  grain: "One row per site, modality and week (weeks start on Monday).",
  source: "Imaging capacity extract (imaging_capacity.csv): the network's session plans and equipment logs.",
  knownGaps: [
    "Slots per session is the planned booking template; complex or slow scans use more than one slot.",
    "Sessions lost count whole sessions: part-sessions lost to late starts are not recorded.",
  ],
  primaryKey: ["site_code", "modality", "week_start"],
  columns: [
    c("trust_code", "varchar", "Trust running the site."),
    c("site_code", "varchar", "Site code."),
    c("modality", "varchar", "DICOM modality of the equipment."),
    c("week_start", "date", "Monday of the week."),
    c("sessions_planned", "integer", "Scanning sessions planned in the week."),
    c("sessions_lost", "integer", "Planned sessions lost to downtime (breakdown, maintenance, staffing)."),
    c("slots_per_session", "double", "Booking slots in one session."),
    c(
      "downtime_reason",
      "varchar",
      "breakdown, maintenance, staffing or bank_holiday; null when none lost.",
      {
        nullable: true,
      },
    ),
  ],
});

export const imagingTravelTime = table({
  name: "imaging_travel_time",
  layer: "ingested",
  description: "Travel time by road between the network's imaging sites.",
  grain: "One row per ordered pair of sites.",
  source: "Imaging network extract (imaging_travel_times.csv).",
  knownGaps: ["Typical weekday drive time; public transport can take much longer."],
  primaryKey: ["from_site", "to_site"],
  columns: [
    c("from_site", "varchar", "Site the patient would otherwise attend."),
    c("to_site", "varchar", "Site offering the test."),
    c("minutes", "integer", "Typical drive time in minutes."),
  ],
});

export const dm01Return = table({
  name: "dm01_return",
  layer: "reference",
  description:
    "Published monthly diagnostic waiting-times returns (DM01): patients waiting at the month end, by provider.",
  grain: "One row per month, provider and test (`all` for the provider's total across the DM01 tests).",
  source:
    "NHS England monthly diagnostics waiting times and activity, provider files (OGL v3), loaded by `bevan imaging returns`.",
  knownGaps: [
    "Waiting counts are published whole: the percentages are the published ones, not worked out again.",
    "Some files give only the total waiting list, or only the percentage; the other columns are then empty.",
  ],
  primaryKey: ["period", "provider_code", "test"],
  columns: [
    c("period", "date", "First day of the month the return describes (the census is its last day)."),
    c("provider_code", "varchar", "Provider (trust or independent sector) code."),
    c("provider_name", "varchar", "Provider name as published."),
    c("test", "varchar", "`all` (the provider's total) or a test code."),
    c("waiting_total", "integer", "Patients waiting at the month end.", { nullable: true }),
    c("waiting_6_plus", "integer", "Of whom waiting 6 weeks or more.", { nullable: true }),
    c("waiting_13_plus", "integer", "Of whom waiting 13 weeks or more.", { nullable: true }),
    c("share_6_plus", "double", "Share waiting 6 weeks or more, as published (0–1).", { nullable: true }),
    c("source_file", "varchar", "The file (or files) the row came from."),
  ],
});

export const IMAGING_TABLES: readonly TableDef[] = [imagingRequest, imagingCapacity, imagingTravelTime];
