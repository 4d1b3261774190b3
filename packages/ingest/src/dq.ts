// The data-quality report (`bevan dq`), in the spirit of OHDSI's Data Quality Dashboard:
// completeness (share of rows with a field filled in), validity (rows quarantined at the
// door, by reason), timeliness (latest date against the extract date) and code coverage
// (share of coded rows whose code is in a codelist the warehouse knows), per source table
// and origin (CSV extract or FHIR/Synthea records) and per practice.
import { getBuildInfo, type Warehouse } from "@bevan/engine";

interface SourceSpec {
  readonly table: string;
  readonly date: string;
  /** Field name → SQL condition for "filled in". */
  readonly fields: Readonly<Record<string, string>>;
  readonly coded?: boolean;
}

const SOURCES: readonly SourceSpec[] = [
  {
    table: "person",
    date: "registration_start",
    fields: {
      lsoa_code: "lsoa_code IS NOT NULL",
      ethnicity: "ethnicity_group <> 'Unknown'",
      practice_code: "practice_code <> 'unknown'",
    },
  },
  {
    table: "gp_event",
    date: "event_date",
    fields: { source_org: "source_org <> 'unknown'", value_or_unit: "value IS NOT NULL OR unit IS NULL" },
    coded: true,
  },
  {
    table: "medication_issue",
    date: "issue_date",
    fields: { quantity: "quantity IS NOT NULL", source_org: "source_org <> 'unknown'" },
    coded: true,
  },
  {
    table: "hospital_spell",
    date: "admission_date",
    fields: {
      primary_diagnosis: "primary_diagnosis IS NOT NULL",
      discharge_date: "discharge_date IS NOT NULL",
      admission_method: "admission_method <> 'unknown'",
      cost: "cost IS NOT NULL",
    },
  },
  { table: "outpatient_attendance", date: "appointment_date", fields: {} },
  {
    table: "ae_attendance",
    date: "arrival_date",
    fields: { department_type: "department_type IS NOT NULL", admitted: "admitted IS NOT NULL" },
  },
  { table: "community_contact", date: "contact_date", fields: {} },
  { table: "social_care_service", date: "start_date", fields: {} },
  {
    table: "imaging_request",
    date: "request_date",
    fields: { test_date: "test_date IS NOT NULL", referral_source: "referral_source <> 'unknown'" },
  },
  { table: "death", date: "death_date", fields: { underlying_cause: "underlying_cause IS NOT NULL" } },
];

export interface SourceQuality {
  readonly source: string;
  readonly origin: "csv-extract" | "source-records";
  readonly rows: number;
  readonly completeness: Readonly<Record<string, number>>;
  readonly timeliness: {
    readonly latestDate: string | null;
    readonly lagDays: number | null;
    readonly share12Months: number;
  };
  readonly codeCoverage?: {
    readonly bySystem: Readonly<Record<string, number>>;
    readonly inCodelists: number | null;
  };
}

export interface PracticeQuality {
  readonly practiceCode: string;
  readonly persons: number;
  readonly lsoaMissing: number;
  readonly ethnicityUnknown: number;
  readonly gpEventsPerPerson: number;
  readonly latestGpEvent: string | null;
  readonly gpEventsInCodelists: number | null;
}

export interface DataQualityReport {
  readonly extractDate: string | null;
  readonly sources: readonly SourceQuality[];
  readonly validity: {
    readonly quarantined: number;
    readonly byFile: readonly { file: string; reasonCode: string; count: number }[];
  };
  readonly practices: readonly PracticeQuality[];
}

const share = (n: number, d: number) => (d === 0 ? 0 : Math.round((10_000 * n) / d) / 10_000);

export async function dataQuality(wh: Warehouse): Promise<DataQualityReport> {
  const d = wh.dialect;
  const extractDate = (await getBuildInfo(wh)).extract_date ?? null;
  const ref = extractDate ? d.dateLiteral(extractDate) : "current_date";
  const codelists = (await wh.tableExists("codelist_code"))
    ? Number((await wh.one<{ n: bigint }>("SELECT count(*) AS n FROM codelist_code")).n) > 0
    : false;
  const inCodelist = (alias: string) =>
    `EXISTS (SELECT 1 FROM codelist_code AS cc JOIN codelist AS cl ON cl.codelist_id = cc.codelist_id WHERE cl.coding_system = ${alias}.coding_system AND cc.code = ${alias}.code)`;
  const sources: SourceQuality[] = [];
  for (const s of SOURCES) {
    if (!(await wh.tableExists(s.table))) continue;
    const origin = "CASE WHEN t.source_id IS NULL THEN 'csv-extract' ELSE 'source-records' END";
    const hasOrigin =
      s.table !== "outpatient_attendance" &&
      s.table !== "community_contact" &&
      s.table !== "social_care_service" &&
      s.table !== "death";
    const fields = Object.entries(s.fields);
    const rows = await wh.all<Record<string, unknown>>(`
      SELECT ${hasOrigin ? origin : "'csv-extract'"} AS origin, count(*) AS n,
        ${fields.map(([, cond], i) => `sum(CASE WHEN ${cond} THEN 1 ELSE 0 END) AS f${i}`).join(", ")}${fields.length ? "," : ""}
        CAST(max(t.${s.date}) AS VARCHAR) AS latest,
        sum(CASE WHEN t.${s.date} > ${d.addMonths(ref, -12)} THEN 1 ELSE 0 END) AS recent
        ${s.coded && codelists ? `, sum(CASE WHEN ${inCodelist("t")} THEN 1 ELSE 0 END) AS mapped` : ""}
      FROM ${s.table} AS t GROUP BY 1 ORDER BY 1`);
    for (const r of rows) {
      const n = Number(r.n);
      const latest = (r.latest as string | null) ?? null;
      const quality: SourceQuality = {
        source: s.table,
        origin: r.origin as SourceQuality["origin"],
        rows: n,
        completeness: Object.fromEntries(
          fields.map(([name], i) => [name, share(Number(r[`f${i}`] ?? 0), n)]),
        ),
        timeliness: {
          latestDate: latest,
          lagDays:
            latest && extractDate
              ? Math.round((Date.parse(extractDate) - Date.parse(latest)) / 86_400_000)
              : null,
          share12Months: share(Number(r.recent ?? 0), n),
        },
      };
      if (s.coded) {
        const systems = await wh.all<{ s: string; n: bigint }>(
          `SELECT t.coding_system AS s, count(*) AS n FROM ${s.table} AS t WHERE ${hasOrigin ? origin : "'csv-extract'"} = '${quality.origin}' GROUP BY 1 ORDER BY 1`,
        );
        sources.push({
          ...quality,
          codeCoverage: {
            bySystem: Object.fromEntries(systems.map((x) => [x.s, Number(x.n)])),
            inCodelists: codelists ? share(Number(r.mapped ?? 0), n) : null,
          },
        });
      } else sources.push(quality);
    }
  }
  const byFile = await wh.all<{ file: string; reasonCode: string; count: bigint }>(
    `SELECT source_file AS file, reason_code AS "reasonCode", count(*) AS count FROM quarantine GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  const practices = await wh.all<{
    p: string;
    persons: bigint;
    lsoa: bigint;
    eth: bigint;
    events: bigint | null;
    latest: string | null;
    mapped: bigint | null;
  }>(`
    WITH ev AS (
      SELECT person_id, count(*) AS events, max(event_date) AS latest
        ${codelists ? `, sum(CASE WHEN ${inCodelist("g")} THEN 1 ELSE 0 END) AS mapped` : ", NULL AS mapped"}
      FROM gp_event AS g GROUP BY person_id)
    SELECT p.practice_code AS p, count(*) AS persons,
      sum(CASE WHEN p.lsoa_code IS NULL THEN 1 ELSE 0 END) AS lsoa,
      sum(CASE WHEN p.ethnicity_group = 'Unknown' THEN 1 ELSE 0 END) AS eth,
      sum(ev.events) AS events, CAST(max(ev.latest) AS VARCHAR) AS latest, sum(ev.mapped) AS mapped
    FROM person AS p LEFT JOIN ev ON ev.person_id = p.person_id
    GROUP BY 1 ORDER BY 1`);
  return {
    extractDate,
    sources,
    validity: {
      quarantined: byFile.reduce((s, r) => s + Number(r.count), 0),
      byFile: byFile.map((r) => ({ ...r, count: Number(r.count) })),
    },
    practices: practices.map((r) => {
      const persons = Number(r.persons);
      const events = Number(r.events ?? 0);
      return {
        practiceCode: r.p,
        persons,
        lsoaMissing: share(Number(r.lsoa), persons),
        ethnicityUnknown: share(Number(r.eth), persons),
        gpEventsPerPerson: share(events, persons),
        latestGpEvent: r.latest,
        gpEventsInCodelists: codelists ? share(Number(r.mapped ?? 0), events) : null,
      };
    }),
  };
}
