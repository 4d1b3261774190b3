// The re-identification store: person key → NHS number (or, for sources without NHS numbers
// such as Synthea, the source's patient id). It is a separate DuckDB file beside the
// warehouse, never inside it: `secrets/reidentification.duckdb`, readable only by its owner.
// Only the API may open it, and only for entitled direct-care users (issue 8).
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { Warehouse } from "@bevan/engine";

const TABLE = "reidentification";

/** Where the re-identification store of a warehouse lives: beside it, with the key. */
export function reidentificationPath(warehousePath: string): string {
  return join(dirname(resolve(warehousePath)), "secrets", "reidentification.duckdb");
}

/**
 * Adds the people of a load to the store: `select` yields (person_id, identifier) rows in the
 * warehouse connection (temporary tables of the load). Runs after the load has committed;
 * a person already in the store is replaced, so re-loading changes nothing.
 */
export async function writeReidentification(wh: Warehouse, storePath: string, select: string): Promise<void> {
  mkdirSync(dirname(storePath), { recursive: true, mode: 0o700 });
  try {
    await wh.attach(storePath, "reid");
  } catch (error) {
    if (/lock/i.test(error instanceof Error ? error.message : String(error)))
      throw new ReidentificationStoreLockedError(storePath);
    throw error;
  }
  try {
    await wh.exec(
      `CREATE TABLE IF NOT EXISTS reid.${TABLE} (person_id BIGINT NOT NULL, identifier VARCHAR NOT NULL, identifier_kind VARCHAR NOT NULL)`,
    );
    await wh.exec(`CREATE OR REPLACE TEMP TABLE _reid AS ${select}`);
    await wh.exec(`DELETE FROM reid.${TABLE} WHERE person_id IN (SELECT person_id FROM _reid)`);
    await wh.exec(`
      INSERT INTO reid.${TABLE} (person_id, identifier, identifier_kind)
      SELECT DISTINCT person_id, identifier,
        CASE WHEN identifier LIKE 'source-patient-id:%' THEN 'source_patient_id' ELSE 'nhs_number' END
      FROM _reid`);
    await wh.exec("DROP TABLE _reid");
  } finally {
    await wh.detach("reid");
  }
  chmodSync(storePath, 0o600);
}

export interface Reidentification {
  /** The NHS number (or source patient id) of each person key found; unknown keys are absent. */
  lookup(personIds: readonly bigint[]): Promise<Map<bigint, string>>;
  close(): void;
}

/** Opens a re-identification store read-only. Callers must check the user's entitlement first. */
export async function openReidentification(path: string): Promise<Reidentification> {
  if (!existsSync(path)) throw new ReidentificationStoreError(path);
  const store = await Warehouse.open(path, { readOnly: true, memoryLimit: "256MB", threads: 1 });
  return {
    async lookup(personIds) {
      const result = new Map<bigint, string>();
      if (personIds.length === 0) return result;
      // Person keys are BIGINTs, so the list is built from numbers, never from text.
      const ids = [...new Set(personIds)].map((id) => BigInt.asIntN(64, id).toString()).join(", ");
      const rows = await store.all<{ person_id: bigint; identifier: string }>(
        `SELECT person_id, identifier FROM ${TABLE} WHERE person_id IN (${ids})`,
      );
      for (const r of rows) {
        const identifier = r.identifier.startsWith("source-patient-id:")
          ? r.identifier.slice("source-patient-id:".length)
          : r.identifier;
        result.set(BigInt(r.person_id), identifier);
      }
      return result;
    },
    close: () => store.close(),
  };
}

/** No re-identification store where one was expected: load an extract first. */
export class ReidentificationStoreError extends Error {
  constructor(path: string) {
    super(`no re-identification store at ${path}: it is written by \`bevan ingest\` beside the warehouse`);
    this.name = "ReidentificationStoreError";
  }
}

/**
 * The store is locked by another process (a running `bevan serve` holds it open): the load
 * itself has committed, only the store is behind. Loading again changes nothing in the
 * warehouse and catches the store up.
 */
export class ReidentificationStoreLockedError extends Error {
  constructor(path: string) {
    super(
      `the data are loaded, but the re-identification store ${path} is locked by another process (a running \`bevan serve\` keeps it open). Stop the server, then run the same \`bevan ingest\` again: re-loading changes nothing in the warehouse and adds these people to the store.`,
    );
    this.name = "ReidentificationStoreLockedError";
  }
}
