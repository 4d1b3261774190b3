// Loads checked records (`_chk`) into the warehouse. The incremental rule: a record is
// identified by its source id (`ResourceType/id`); a record whose content differs from the
// version held replaces it, unless the version held came from a later extract (then the
// older one is quarantined as `superseded`); a record identical to the one held changes
// nothing; records not in this load are kept. See docs/fhir-ingest.md.
import { patientLink, quarantine, sourceRecord } from "@bevan/domain";
import type { Warehouse } from "@bevan/engine";
import { admissionMethodSql } from "../fhir/admission-method.ts";
import type { FileReport } from "../report.ts";
import { checkRecords } from "./checks.ts";
import { lsoaSql } from "./lsoa.ts";

type Columns = Record<string, string>;

function insertSql(table: string, target: string, cols: Columns): string {
  return `INSERT INTO ${table} (${Object.keys(cols).join(", ")}) SELECT ${Object.values(cols).join(", ")} FROM _chk AS c LEFT JOIN _practice AS pr ON pr.person_id = c.person_id WHERE c.action = 'load' AND c.target = '${target}'`;
}

export async function loadRecords(
  wh: Warehouse,
  options: { extractDate: string; format: FileReport["format"] },
): Promise<FileReport[]> {
  const d = wh.dialect;
  await checkRecords(wh, options.extractDate);
  await wh.exec(`
    CREATE OR REPLACE TEMP TABLE _practice AS
    WITH e AS (
      SELECT person_id, org_code, start_date FROM _chk
      WHERE rtype = 'Encounter' AND target = 'gp_event' AND action <> 'quarantine' AND org_code IS NOT NULL),
    latest AS (
      SELECT person_id, org_code, row_number() OVER (PARTITION BY person_id ORDER BY start_date DESC, org_code) AS k FROM e)
    SELECT l.person_id, l.org_code, min(e.start_date) AS first_seen
    FROM latest AS l JOIN e ON e.person_id = l.person_id AND e.org_code = l.org_code
    WHERE l.k = 1 GROUP BY l.person_id, l.org_code`);
  const org = "coalesce(c.org_code, 'unknown')";
  const code =
    "CASE WHEN c.coding_system IN ('icd10', 'opcs4') THEN upper(replace(c.code, '.', '')) ELSE c.code END";
  const targets: Record<string, Columns> = {
    person: {
      person_id: "c.person_id",
      sex: "CASE lower(c.gender) WHEN 'female' THEN 'F' WHEN 'f' THEN 'F' WHEN 'male' THEN 'M' WHEN 'm' THEN 'M' ELSE 'U' END",
      birth_month: d.monthStart("c.start_date"),
      ethnicity_group: "'Unknown'",
      practice_code: "coalesce(c.org_code, pr.org_code, 'unknown')",
      registration_start: `coalesce(pr.first_seen, ${d.monthStart("c.start_date")})`,
      registration_end: "c.death_date",
      death_date: "c.death_date",
      lsoa_code: lsoaSql(d),
      care_home: "FALSE",
      source_id: "c.sid",
    },
    organisation: {
      org_code: "coalesce(c.identifier, c.rid)",
      org_name: "c.name",
      org_type: "'provider'",
      source_id: "c.sid",
    },
    practitioner: {
      practitioner_id: "c.rid",
      identifier_system: "c.identifier_system",
      identifier: "c.identifier",
      source_id: "c.sid",
    },
    gp_event: {
      person_id: "c.person_id",
      event_date: "c.start_date",
      coding_system: "c.coding_system",
      code,
      value: d.tryCast("c.value_text", "DOUBLE"),
      unit: "c.unit",
      source_org: org,
      source_id: "c.sid",
    },
    medication_issue: {
      person_id: "c.person_id",
      issue_date: "c.start_date",
      coding_system: "c.coding_system",
      code,
      description: "coalesce(c.display, c.code)",
      quantity: `CAST(round(${d.tryCast("c.quantity_text", "DOUBLE")}) AS INTEGER)`,
      source_org: org,
      source_id: "c.sid",
    },
    hospital_spell: {
      spell_id: "c.rid",
      person_id: "c.person_id",
      provider_code: org,
      admission_date: "c.start_date",
      discharge_date: "c.end_date",
      admission_method: admissionMethodSql(),
      length_of_stay: `coalesce(greatest(${d.daysBetween("c.start_date", "c.end_date")}, 0), 0)`,
      source_id: "c.sid",
    },
    ae_attendance: {
      attendance_id: "c.rid",
      person_id: "c.person_id",
      provider_code: org,
      arrival_date: "c.start_date",
      source_id: "c.sid",
    },
    imaging_request: {
      request_id: "c.rid",
      person_id: "c.person_id",
      trust_code: org,
      modality: "c.code",
      referral_source: "'unknown'",
      request_date: "c.start_date",
      test_date: "c.start_date",
      source_id: "c.sid",
    },
  };
  for (const [table, cols] of Object.entries(targets)) {
    const changed = `SELECT sid FROM _chk WHERE action = 'load' AND target = '${table}'`;
    await wh.exec(`DELETE FROM ${table} WHERE source_id IN (${changed})`);
    if (table === "person")
      await wh.exec(
        `DELETE FROM person WHERE person_id IN (SELECT person_id FROM _chk WHERE action = 'load' AND target = 'person')`,
      );
    if (table === "organisation")
      await wh.exec(
        `DELETE FROM organisation WHERE org_code IN (SELECT coalesce(identifier, rid) FROM _chk WHERE action = 'load' AND target = 'organisation')`,
      );
    await wh.exec(insertSql(table, table, cols));
  }
  const linked = `SELECT DISTINCT p.source_key, p.person_id FROM _patient AS p JOIN _chk AS c ON c.rtype = 'Patient' AND c.rid = p.rid WHERE c.action <> 'quarantine'`;
  await wh.exec(`DELETE FROM ${patientLink.name} WHERE source_key IN (SELECT source_key FROM (${linked}))`);
  await wh.exec(`INSERT INTO ${patientLink.name} (source_key, person_id) ${linked}`);
  await wh.exec(
    `DELETE FROM ${sourceRecord.name} WHERE source_id IN (SELECT sid FROM _chk WHERE action = 'load')`,
  );
  await wh.exec(`
    INSERT INTO ${sourceRecord.name} (source_id, target_table, content_hash, extract_date)
    SELECT sid, target, hash, ${d.dateLiteral(options.extractDate)} FROM _chk WHERE action = 'load'`);
  await wh.exec(`DELETE FROM ${quarantine.name} WHERE source_file IN (SELECT DISTINCT file FROM _chk)`);
  await wh.exec(`
    INSERT INTO ${quarantine.name} (source_file, line_number, record_id, reason_code, reason)
    SELECT file, line,
      CASE WHEN rtype IS NOT NULL AND rtype <> 'Patient' AND rid IS NOT NULL THEN rtype || '/' || rid END,
      split_part(reason, '|', 1), split_part(reason, '|', 2)
    FROM _chk WHERE action = 'quarantine'`);
  return fileReports(wh, options.format);
}

async function fileReports(wh: Warehouse, format: FileReport["format"]): Promise<FileReport[]> {
  const rows = await wh.all<{ file: string; rtype: string | null; n: bigint; q: bigint }>(`
    SELECT file, rtype, count(*) AS n, sum(CASE WHEN action = 'quarantine' THEN 1 ELSE 0 END) AS q
    FROM _chk GROUP BY file, rtype ORDER BY file, rtype`);
  const byFile = new Map<string, FileReport & { resourceTypes: Record<string, FileCounts> }>();
  for (const r of rows) {
    const read = Number(r.n);
    const quarantined = Number(r.q ?? 0n);
    let f = byFile.get(r.file);
    if (!f) {
      f = { file: r.file, format, rowsRead: 0, rowsLoaded: 0, rowsQuarantined: 0, resourceTypes: {} };
      byFile.set(r.file, f);
    }
    const mut = f as { rowsRead: number; rowsLoaded: number; rowsQuarantined: number };
    mut.rowsRead += read;
    mut.rowsQuarantined += quarantined;
    mut.rowsLoaded += read - quarantined;
    f.resourceTypes[r.rtype ?? "(unreadable)"] = {
      rowsRead: read,
      rowsLoaded: read - quarantined,
      rowsQuarantined: quarantined,
    };
  }
  return [...byFile.values()];
}

interface FileCounts {
  readonly rowsRead: number;
  readonly rowsLoaded: number;
  readonly rowsQuarantined: number;
}
