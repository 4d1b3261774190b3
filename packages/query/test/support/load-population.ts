// Loads an in-memory Population into a DuckDB warehouse with the real table definitions, so
// the compiled SQL runs against exactly the rows the reference evaluator sees. Columns the
// cohort language does not read get fixed filler values; person_asof's derived columns
// (age, registered, …) get deliberately wrong filler, because the compiler must not use them.
import {
  BOOKKEEPING_TABLES,
  DERIVED_TABLES,
  INGESTED_TABLES,
  REFERENCE_TABLES,
  type TableDef,
} from "@bevan/domain";
import { createTableSql, duckdb, Warehouse } from "@bevan/engine";
import type { Population } from "../../src/cohort/population.ts";
import { personScoreDdl } from "../../src/cohort/score-contract.ts";

const ALL = [...REFERENCE_TABLES, ...INGESTED_TABLES, ...DERIVED_TABLES, ...BOOKKEEPING_TABLES];

export async function openScratchWarehouse(path: string): Promise<Warehouse> {
  const wh = await Warehouse.open(path, { threads: 2, memoryLimit: "1GB" });
  for (const t of ALL) await wh.exec(createTableSql(t, duckdb, { replace: true }));
  await wh.exec("DROP TABLE IF EXISTS person_score");
  await wh.exec(personScoreDdl());
  return wh;
}

function literal(v: unknown, type: string): string {
  if (v === null || v === undefined) return "NULL";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "number") return String(v);
  const s = `'${String(v).replaceAll("'", "''")}'`;
  return type === "date" ? `DATE ${s}` : s;
}

const FILLER: Record<string, unknown> = {
  varchar: "x",
  integer: 0,
  bigint: 0,
  double: 0,
  date: "2000-01-01",
  boolean: false,
  person_id: 0,
};

function insert(out: string[], def: TableDef, rows: readonly Record<string, unknown>[]): void {
  if (rows.length === 0) return;
  const values = rows.map(
    (r) =>
      `(${def.columns
        .map((c) => literal(c.name in r ? r[c.name] : c.nullable ? null : FILLER[c.type], c.type))
        .join(", ")})`,
  );
  out.push(`INSERT INTO ${def.name} VALUES ${values.join(", ")}`);
}

const byName = (name: string): TableDef => {
  const t = ALL.find((d) => d.name === name);
  if (!t) throw new Error(`no table ${name}`);
  return t;
};

/** Replaces the warehouse's contents with the population. */
export async function loadPopulation(wh: Warehouse, pop: Population): Promise<void> {
  const out: string[] = [];
  for (const t of ALL) out.push(`DELETE FROM ${t.name}`);
  out.push("DELETE FROM person_score");
  insert(
    out,
    byName("person"),
    pop.persons.map((p) => ({ ...p, ethnicity_code: null })),
  );
  insert(
    out,
    byName("person_asof"),
    pop.persons.map((p) => ({ ...p, age: -1, age_band: "wrong", registered: false, deceased: true })),
  );
  insert(out, byName("death"), pop.deaths);
  insert(out, byName("register"), pop.registers);
  insert(out, byName("gp_event"), pop.gpEvents);
  insert(out, byName("medication_issue"), pop.medications);
  insert(out, byName("hospital_spell"), pop.spells);
  insert(out, byName("ae_attendance"), pop.aeAttendances);
  insert(out, byName("social_care_service"), pop.socialCare);
  insert(out, byName("organisation"), pop.organisations);
  insert(
    out,
    byName("codelist"),
    pop.codelists.map((c) => ({ codelist_id: c.codelist_id, coding_system: c.coding_system })),
  );
  insert(
    out,
    byName("codelist_code"),
    pop.codelists.flatMap((c) => c.codes.map((code) => ({ codelist_id: c.codelist_id, code }))),
  );
  if (pop.scores.length > 0) {
    const values = pop.scores.map(
      (s) =>
        `(${s.person_id}, ${literal(s.score, "varchar")}, ${literal(s.value, "double")}, ${literal(s.band, "varchar")})`,
    );
    out.push(`INSERT INTO person_score VALUES ${values.join(", ")}`);
  }
  await wh.exec(`BEGIN TRANSACTION; ${out.join(";\n")}; COMMIT`);
}
