// QOF-style register rules. Each rule follows the pattern of the QOF business rules
// (NHS England, 2024/25) for its register, using the codelists in register-codelists.ts.
// Every register also requires the person to be registered and alive at the as-of date.
// Rules are data plus SQL in the portable subset; dates go through the dialect.
import type { RegisterCode } from "@bevan/domain";
import type { Dialect } from "@bevan/engine";
import { REGISTER_CODELISTS, type RegisterCodelistKey } from "./register-codelists.ts";

export interface RegisterRule {
  readonly register: RegisterCode;
  /** The rule in words, as the data dictionary and the summary explain it. */
  readonly rule: string;
  /** Minimum age at the as-of date (0 when QOF sets none). */
  readonly minAge: number;
  readonly codelists: readonly RegisterCodelistKey[];
  /** Registers whose rows this rule reads from the register table: they are filled first. */
  readonly after?: readonly RegisterCode[];
  /**
   * SELECT person_id, first_date, latest_date of qualifying people (before the age and
   * registration filter). `registers` names the table holding the registers at the same date
   * (person_id, register) that an `after` rule reads: `register` in the build.
   */
  sql(d: Dialect, asOf: string, registers?: string): string;
}

const id = (k: RegisterCodelistKey) => `'${REGISTER_CODELISTS[k].id}'`;

/** Anyone with a code from these lists on or before the as-of date. */
function ever(...lists: RegisterCodelistKey[]) {
  return () =>
    `SELECT person_id, min(first_date) AS first_date, max(latest_date) AS latest_date FROM _coded WHERE codelist_id IN (${lists.map(id).join(", ")}) GROUP BY person_id`;
}

/** The latest diagnosis code is later than the latest resolved/remission code (or there is none). */
function latestNotResolved(list: RegisterCodelistKey, resolved: RegisterCodelistKey) {
  return () => `SELECT c.person_id, c.first_date, c.latest_date FROM _coded AS c
    LEFT JOIN _coded AS r ON r.person_id = c.person_id AND r.codelist_id = ${id(resolved)}
    WHERE c.codelist_id = ${id(list)} AND (r.latest_date IS NULL OR c.latest_date > r.latest_date)`;
}

export const REGISTER_RULES: readonly RegisterRule[] = [
  {
    register: "AF",
    rule: "Atrial fibrillation code (AFIB_COD) ever recorded.",
    minAge: 0,
    codelists: ["afib"],
    sql: ever("afib"),
  },
  {
    register: "AST",
    rule: "Aged 6+, asthma code (AST_COD) ever, and an asthma inhaler (PRIMIS ASTRXM1 or a SABA) issued in the last 12 months.",
    minAge: 6,
    codelists: ["ast", "astrx", "saba"],
    sql: (d, asOf) => `SELECT c.person_id, c.first_date, c.latest_date FROM _coded AS c
      WHERE c.codelist_id = ${id("ast")} AND EXISTS (
        SELECT 1 FROM _issued AS i WHERE i.person_id = c.person_id AND i.codelist_id IN (${id("astrx")}, ${id("saba")})
          AND i.latest_date > ${d.addMonths(d.dateLiteral(asOf), -12)})`,
  },
  {
    register: "CHD",
    rule: "Coronary heart disease code (CHD_COD) ever recorded.",
    minAge: 0,
    codelists: ["chd"],
    sql: ever("chd"),
  },
  {
    register: "CKD",
    rule: "Aged 18+, the latest CKD code is stage 3–5 (CKD_COD), not stage 1–2 (CKD1AND2_COD), and later than any CKD-resolved code (CKDRES_COD).",
    minAge: 18,
    codelists: ["ckd35", "ckd12", "ckdres"],
    sql: () => `SELECT c.person_id, c.first_date, c.latest_date FROM _coded AS c
      LEFT JOIN _coded AS e ON e.person_id = c.person_id AND e.codelist_id = ${id("ckd12")}
      LEFT JOIN _coded AS r ON r.person_id = c.person_id AND r.codelist_id = ${id("ckdres")}
      WHERE c.codelist_id = ${id("ckd35")} AND (e.latest_date IS NULL OR c.latest_date >= e.latest_date)
        AND (r.latest_date IS NULL OR c.latest_date > r.latest_date)`,
  },
  {
    register: "COPD",
    rule: "The latest COPD code (COPD_COD) is later than any COPD-resolved code (COPDRES_COD).",
    minAge: 0,
    codelists: ["copd", "copdres"],
    sql: latestNotResolved("copd", "copdres"),
  },
  {
    register: "DEM",
    rule: "Dementia code (DEM_COD) ever recorded.",
    minAge: 0,
    codelists: ["dem"],
    sql: ever("dem"),
  },
  {
    register: "DEP",
    rule: "Aged 18+, with a depression code (DEPR_COD) on or after 1 April 2006.",
    minAge: 18,
    codelists: ["depr"],
    sql: (d) =>
      `SELECT person_id, first_date, latest_date FROM _coded WHERE codelist_id = ${id("depr")} AND latest_date >= ${d.dateLiteral("2006-04-01")}`,
  },
  {
    register: "DM",
    rule: "Aged 17+, and the latest diabetes code (DM_COD) is later than any diabetes-resolved code (DMRES_COD). Subtype type1 when the latest type-specific code is DMTYPE1_COD, else type2.",
    minAge: 17,
    codelists: ["dm", "dmres", "dmtype1", "dmtype2"],
    sql: latestNotResolved("dm", "dmres"),
  },
  {
    register: "EP",
    rule: "Aged 18+, and the latest epilepsy code (EPIL_COD) is later than any epilepsy-resolved code (EPILRES_COD).",
    minAge: 18,
    codelists: ["epil", "epilres"],
    sql: latestNotResolved("epil", "epilres"),
  },
  {
    register: "HF",
    rule: "The latest heart failure code (HF_COD) is later than any heart-failure-resolved code (HFRES_COD).",
    minAge: 0,
    codelists: ["hf", "hfres"],
    sql: latestNotResolved("hf", "hfres"),
  },
  {
    register: "HYP",
    rule: "The latest hypertension code (HYP_COD) is later than any hypertension-resolved code (HYPRES_COD).",
    minAge: 0,
    codelists: ["hyp", "hypres"],
    sql: latestNotResolved("hyp", "hypres"),
  },
  {
    register: "LD",
    rule: "Learning disability code (LD_COD) ever recorded.",
    minAge: 0,
    codelists: ["ld"],
    sql: ever("ld"),
  },
  {
    register: "MH",
    rule: "Schizophrenia, bipolar or other psychosis code (MH_COD) later than any remission code (SMHRES_COD).",
    minAge: 0,
    codelists: ["mh", "smhres"],
    sql: latestNotResolved("mh", "smhres"),
  },
  {
    register: "OST",
    rule: "Aged 50+, with an osteoporosis code (OSTEO_COD) ever recorded.",
    minAge: 50,
    codelists: ["osteo"],
    sql: ever("osteo"),
  },
  {
    register: "PAD",
    rule: "Peripheral arterial disease code (PAD_COD) ever recorded.",
    minAge: 0,
    codelists: ["pad"],
    sql: ever("pad"),
  },
  {
    register: "PC",
    rule: "Palliative care code (PALCARE_COD) on or after 1 April 2008, later than any 'palliative care not indicated' code (PALCARENI_COD).",
    minAge: 0,
    codelists: ["palcare", "palcareni"],
    sql: (d) => `SELECT c.person_id, c.first_date, c.latest_date FROM _coded AS c
      LEFT JOIN _coded AS r ON r.person_id = c.person_id AND r.codelist_id = ${id("palcareni")}
      WHERE c.codelist_id = ${id("palcare")} AND c.latest_date >= ${d.dateLiteral("2008-04-01")}
        AND (r.latest_date IS NULL OR c.latest_date > r.latest_date)`,
  },
  {
    register: "RA",
    rule: "Aged 16+, with a rheumatoid arthritis code (RARTH_COD) ever recorded.",
    minAge: 16,
    codelists: ["rarth"],
    sql: ever("rarth"),
  },
  {
    register: "STIA",
    rule: "Stroke (STRK_COD) or transient ischaemic attack (TIA_COD) code ever recorded.",
    minAge: 0,
    codelists: ["strk", "tia"],
    sql: ever("strk", "tia"),
  },
  {
    register: "CAN",
    rule: "First cancer diagnosis (C19CAN_COD or C19HAEMCAN_COD) on or after 1 April 2003.",
    minAge: 0,
    codelists: ["can", "haemcan"],
    sql: (d) =>
      `SELECT * FROM (${ever("can", "haemcan")()}) AS x WHERE first_date >= ${d.dateLiteral("2003-04-01")}`,
  },
  {
    register: "NDH",
    rule: "Aged 18+, with a non-diabetic hyperglycaemia code (NDH_COD) ever, and not on the diabetes register.",
    minAge: 18,
    codelists: ["ndh"],
    after: ["DM"],
    sql: (
      _d,
      _asOf,
      registers = "register",
    ) => `SELECT person_id, first_date, latest_date FROM _coded WHERE codelist_id = ${id("ndh")}
      AND person_id NOT IN (SELECT person_id FROM ${registers} WHERE register = 'DM')`,
  },
];

/**
 * The DM register's subtype, as QOF splits it: type 1 when the person's latest type-specific
 * code is a type 1 code (DMTYPE1_COD), otherwise type 2 (including diabetes of unspecified type).
 * A join (on the rows of `alias`, for DM rows only) and the column it gives, set as the rows are
 * inserted (an UPDATE afterwards is not portable: Trino's Hive tables have no row-level update).
 */
export function diabetesSubtypeSql(alias: string): { join: string; column: string } {
  return {
    join: `LEFT JOIN (SELECT person_id,
        max(CASE WHEN codelist_id = ${id("dmtype1")} THEN latest_date END) AS type1_date,
        max(CASE WHEN codelist_id = ${id("dmtype2")} THEN latest_date END) AS type2_date
      FROM _coded WHERE codelist_id IN (${id("dmtype1")}, ${id("dmtype2")}) GROUP BY person_id) AS dt
      ON dt.person_id = ${alias}.person_id AND ${alias}.register = 'DM'`,
    column: `CASE WHEN ${alias}.register = 'DM' THEN
        CASE WHEN dt.type1_date IS NOT NULL AND (dt.type2_date IS NULL OR dt.type2_date <= dt.type1_date)
          THEN 'type1' ELSE 'type2' END END`,
  };
}
