// A FHIR or Synthea person's LSOA (and so their IMD): from an LSOA code in an address extension,
// else from the address's postcode through a postcode lookup (ONS's postcode directories: ONSPD
// or NSPL, or any CSV with a postcode and an LSOA 2021 column) when one is given; otherwise
// unknown, which the load report and `bevan dq` count (never dropped silently).
import { existsSync } from "node:fs";
import { parseCsv } from "@bevan/domain";
import type { Dialect, Warehouse } from "@bevan/engine";
import { ExtractError } from "../errors.ts";
import { readHeaderLine } from "../load.ts";

const POSTCODE_COLUMNS = ["pcds", "pcd", "pcd7", "pcd8", "postcode"];
const LSOA_COLUMNS = ["lsoa21cd", "lsoa21", "lsoa21_code", "lsoa_code", "lsoa"];
/** 2021 LSOA codes: England E01, Wales W01, then six digits. */
const LSOA_PATTERN = "[EW]01[0-9]{6}";

/** `_postcode_lsoa(postcode, lsoa_code)`, postcodes without spaces in capitals; empty without a lookup. */
export async function stagePostcodeLookup(wh: Warehouse, path: string | undefined): Promise<void> {
  const d = wh.dialect;
  await wh.exec("CREATE OR REPLACE TEMP TABLE _postcode_lsoa (postcode VARCHAR, lsoa_code VARCHAR)");
  if (path === undefined) return;
  if (!existsSync(path)) throw new ExtractError(`no postcode lookup at ${path}`);
  const header = (parseCsv(readHeaderLine(path))[0] ?? []).map((h) => h.trim());
  const pick = (names: readonly string[]) => header.find((h) => names.includes(h.toLowerCase()));
  const pc = pick(POSTCODE_COLUMNS);
  const ls = pick(LSOA_COLUMNS);
  if (!pc || !ls)
    throw new ExtractError(
      `the postcode lookup ${path} needs a postcode column (${POSTCODE_COLUMNS.join(", ")}) and a 2021 LSOA column (${LSOA_COLUMNS.join(", ")}), as ONS's postcode directories (ONSPD, NSPL) have`,
    );
  const scan = d.csvScan(
    path,
    header.map((name) => ({ name, sqlType: "VARCHAR" })),
  );
  await wh.exec(`INSERT INTO _postcode_lsoa
    SELECT DISTINCT ${postcodeKey(d.quoteIdent(pc))}, trim(${d.quoteIdent(ls)}) FROM ${scan}
    WHERE ${d.fullMatch(`trim(${d.quoteIdent(ls)})`, LSOA_PATTERN)}`);
}

export function postcodeKey(expr: string): string {
  return `upper(replace(${expr}, ' ', ''))`;
}

/** The LSOA of a staged person record (alias c): extension first, then the postcode lookup. */
export function lsoaSql(d: Dialect, c = "c"): string {
  return `CASE
      WHEN ${d.fullMatch(`trim(${c}.lsoa_ext)`, LSOA_PATTERN)} THEN trim(${c}.lsoa_ext)
      ELSE (SELECT min(pl.lsoa_code) FROM _postcode_lsoa AS pl WHERE pl.postcode = ${postcodeKey(`${c}.postcode`)})
    END`;
}

export interface LsoaReport {
  /** People loaded from this input. */
  readonly people: number;
  readonly fromExtension: number;
  readonly fromPostcode: number;
  /** No LSOA: no address extension and no postcode found in the lookup (or no lookup given). */
  readonly unknown: number;
  readonly withPostcode: number;
  readonly postcodeLookup: boolean;
}

/** How the LSOAs of the people in `_chk` (action load) were found. */
export async function lsoaReport(wh: Warehouse, lookup: boolean): Promise<LsoaReport> {
  const d = wh.dialect;
  const r = await wh.one<{ people: bigint; ext: bigint; pc: bigint; withpc: bigint; unknown: bigint }>(
    `SELECT count(*) AS people,
        count(*) FILTER (WHERE ${d.fullMatch("trim(c.lsoa_ext)", LSOA_PATTERN)}) AS ext,
        count(*) FILTER (WHERE NOT coalesce(${d.fullMatch("trim(c.lsoa_ext)", LSOA_PATTERN)}, FALSE) AND (${lsoaSql(d)}) IS NOT NULL) AS pc,
        count(*) FILTER (WHERE c.postcode IS NOT NULL) AS withpc,
        count(*) FILTER (WHERE (${lsoaSql(d)}) IS NULL) AS unknown
      FROM _chk AS c WHERE c.target = 'person' AND c.action = 'load'`,
  );
  return {
    people: Number(r.people),
    fromExtension: Number(r.ext),
    fromPostcode: Number(r.pc),
    unknown: Number(r.unknown),
    withPostcode: Number(r.withpc),
    postcodeLookup: lookup,
  };
}
