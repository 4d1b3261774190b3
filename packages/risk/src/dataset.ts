// A feature table read into typed arrays: the design matrix (row-major) for a chosen list of
// features, the outcomes, and person keys, ordered by person key so results are reproducible.
import type { Warehouse } from "@bevan/engine";
import { FEATURE_NAMES } from "./feature-spec.ts";
import { featureColumns } from "./feature-sql.ts";

export interface Dataset {
  readonly indexDate: string;
  readonly rows: number;
  readonly personIds: BigInt64Array;
  /** Every feature of the specification, column by column. */
  readonly features: Readonly<Record<string, Float64Array>>;
  readonly yAdmission: Uint8Array;
  readonly yDeath: Uint8Array;
  readonly emergencyAdmissions: Float64Array;
  readonly spend: Float64Array;
  /** Index into SEGMENTS and CONDITION_GROUP_NAMES. */
  readonly segment: Uint8Array;
  readonly conditionGroup: Uint8Array;
}

/**
 * The features and outcomes of everyone registered at the index date (see featureColumns).
 * For training (`forTraining`), people who opted out (type 1 or National Data Opt-out) are
 * left out: a model is a planning use of their data. Everyone is still scored.
 */
export async function readDataset(
  wh: Warehouse,
  indexDate: string,
  options: { forTraining?: boolean } = {},
): Promise<Dataset> {
  const r = await featureColumns(wh, indexDate, {
    excludeOptedOut: options.forTraining === true && (await wh.tableExists("opt_out")),
  });
  const num = (name: string) => {
    const c = r.columns[name];
    if (!(c instanceof Float64Array)) throw new Error(`feature table column ${name} is not numeric`);
    return c;
  };
  const ids = r.columns.person_id;
  const features: Record<string, Float64Array> = {};
  for (const f of FEATURE_NAMES) features[f] = num(f);
  return {
    indexDate,
    rows: r.rows,
    personIds: ids instanceof BigInt64Array ? ids : new BigInt64Array(r.rows),
    features,
    yAdmission: Uint8Array.from(num("y_admission")),
    yDeath: Uint8Array.from(num("y_death")),
    emergencyAdmissions: num("emergency_admissions"),
    spend: num("spend"),
    segment: Uint8Array.from(num("segment_index")),
    conditionGroup: Uint8Array.from(num("condition_group_index")),
  };
}

/** Row-major rows × features matrix of the named features. */
export function designMatrix(data: Dataset, names: readonly string[]): Float64Array {
  const p = names.length;
  const x = new Float64Array(data.rows * p);
  names.forEach((name, j) => {
    const col = data.features[name];
    if (!col) throw new Error(`unknown feature ${name}`);
    for (let i = 0; i < data.rows; i++) x[i * p + j] = col[i] ?? 0;
  });
  return x;
}
