// Links staged records to people: Patient records are pseudonymised once per person (NHS
// number when the resource carries a valid one, else the source's own patient id, as for
// Synthea's US data), and references to Patients loaded earlier are resolved the same way.
import { isValidNhsNumber, patientLink } from "@bevan/domain";
import type { Warehouse } from "@bevan/engine";
import type { PseudonymKey } from "../pseudonymise.ts";
import { pseudonymiser } from "../pseudonymise.ts";

/** The pseudonymised input for a patient without an NHS number: namespaced so it can never equal one. */
export function sourcePatientIdentifier(patientId: string): string {
  return `source-patient-id:${patientId}`;
}

/** A person seen in this load: the pseudonym and what it was computed from (for re-identification). */
export interface LinkedPerson {
  readonly personId: bigint;
  readonly identifier: string;
}

/**
 * Builds `_patient(rid, person_id, identifier)` for every Patient id that this load's records
 * can link to (identifier: what was pseudonymised, null for people loaded earlier), and
 * returns the people pseudonymised from this load's Patient records.
 */
export async function linkPatients(wh: Warehouse, key: PseudonymKey): Promise<LinkedPerson[]> {
  const toPseudonym = pseudonymiser(key.key);
  await wh.exec(
    "CREATE OR REPLACE TEMP TABLE _patient (rid VARCHAR NOT NULL, person_id BIGINT NOT NULL, identifier VARCHAR, source_key BIGINT)",
  );
  const patients = await wh.all<{ rid: string; nhs: string | null }>(
    "SELECT DISTINCT rid, trim(nhs_number) AS nhs FROM _rec WHERE rtype = 'Patient' AND problem IS NULL AND rid IS NOT NULL",
  );
  const linked: LinkedPerson[] = [];
  const appender = await wh.appender("_patient");
  const seen = new Set<string>();
  for (const { rid, nhs } of patients) {
    if (seen.has(rid)) continue; // duplicate ids are judged later (identical or conflicting)
    if (nhs !== null && !isValidNhsNumber(nhs)) continue;
    seen.add(rid);
    const identifier = nhs ?? sourcePatientIdentifier(rid);
    const personId = toPseudonym(identifier);
    linked.push({ personId, identifier });
    appender.appendVarchar(rid);
    appender.appendBigInt(personId);
    appender.appendVarchar(identifier);
    appender.appendBigInt(toPseudonym(sourcePatientIdentifier(rid)));
    appender.endRow();
  }
  // References to Patients not in this load: people loaded earlier, found by the keyed HMAC
  // of their source id in patient_link (the id itself is never stored).
  const others = await wh.all<{ ref: string }>(
    "SELECT DISTINCT patient_ref AS ref FROM _rec WHERE rtype <> 'Patient' AND patient_ref IS NOT NULL AND patient_ref NOT IN (SELECT rid FROM _rec WHERE rtype = 'Patient' AND rid IS NOT NULL)",
  );
  if (others.length > 0 && (await wh.tableExists(patientLink.name))) {
    await wh.exec("CREATE OR REPLACE TEMP TABLE _earlier (rid VARCHAR, source_key BIGINT)");
    const earlier = await wh.appender("_earlier");
    for (const { ref } of others) {
      earlier.appendVarchar(ref);
      earlier.appendBigInt(toPseudonym(sourcePatientIdentifier(ref)));
      earlier.endRow();
    }
    earlier.closeSync();
    for (const row of await wh.all<{ rid: string; person_id: bigint; source_key: bigint }>(
      `SELECT e.rid, l.person_id, e.source_key FROM _earlier AS e JOIN ${patientLink.name} AS l ON l.source_key = e.source_key`,
    )) {
      appender.appendVarchar(row.rid);
      appender.appendBigInt(row.person_id);
      appender.appendNull();
      appender.appendBigInt(row.source_key);
      appender.endRow();
    }
    await wh.exec("DROP TABLE _earlier");
  }
  appender.closeSync();
  const { ids, numbers } = await wh.one<{ ids: bigint; numbers: bigint }>(
    "SELECT count(DISTINCT person_id) AS ids, count(DISTINCT rid) AS numbers FROM _patient",
  );
  if (ids !== numbers) throw new Error("pseudonym collision: two patients share a person key");
  return linked;
}
