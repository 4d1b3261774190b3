// `bevan realism`: measures a built warehouse against published English figures (targets.json)
// and says, check by check, whether it is within the range a real population of this size
// could show: the target's allowed departure (real places differ from England) widened by
// three standard errors of the figure at the population's size, so a 20,000-person population
// is held to what 20,000 people can show and a million-person one to much tighter ranges.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsvObjects } from "@bevan/domain";
import { type Engine, getBuildInfo } from "@bevan/engine";
import { Measurer, type Observation } from "./measure.ts";
import { realismTargets, type TargetSpec } from "./targets.ts";

/** Standard errors added either side of the target's range. */
export const SAMPLING_Z = 3;

export interface RealismCheck {
  readonly id: string;
  readonly group: string;
  readonly name: string;
  /** The figure measured; null when the warehouse cannot show it (see `note`). */
  readonly value: number | null;
  readonly target: number;
  readonly low: number;
  readonly high: number;
  readonly pass: boolean;
  readonly source: string;
  readonly year: number;
  /** People or person-years the figure rests on. */
  readonly n: number;
  readonly test?: { readonly name: string; readonly p: number };
  readonly note?: string;
}

export interface RealismReport {
  readonly asOf: string;
  readonly registered: number;
  readonly checks: readonly RealismCheck[];
  readonly passed: number;
  readonly failed: number;
}

export class RealismNotReadyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RealismNotReadyError";
  }
}

export interface RealismOptions {
  /** The generator's truth/ folder: adds the checks of true (undiagnosed) conditions. */
  readonly truthDir?: string;
  /** Only the checks with these ids (default: all). */
  readonly only?: readonly string[];
}

export async function realismReport(wh: Engine, options: RealismOptions = {}): Promise<RealismReport> {
  const info = await getBuildInfo(wh);
  const asOf = info.as_of;
  if (!asOf || !(await wh.tableExists("person_asof")))
    throw new RealismNotReadyError(`the warehouse has not been built: run \`bevan build --db ${wh.path}\``);
  const { n } = await wh.one<{ n: bigint }>("SELECT count(*) AS n FROM person_asof WHERE registered");
  const specs = realismTargets().checks.filter(
    (c) =>
      (options.only === undefined || options.only.includes(c.id)) &&
      (c.kind !== "undiagnosed" || options.truthDir !== undefined),
  );
  const truth = options.truthDir ? readTruthConditions(options.truthDir) : null;
  const m = await Measurer.open(wh, asOf);
  const checks: RealismCheck[] = [];
  try {
    for (const spec of specs) checks.push(toCheck(spec, await observe(m, spec, truth)));
  } finally {
    await m.close();
  }
  const passed = checks.filter((c) => c.pass).length;
  return { asOf, registered: Number(n), checks, passed, failed: checks.length - passed };
}

function observe(
  m: Measurer,
  spec: TargetSpec,
  truth: TruthConditions | null,
): Promise<Observation> | Observation {
  switch (spec.kind) {
    case "deathRate":
      return m.deathRate(spec.ages);
    case "emergencyAdmissions":
      return m.emergencyAdmissions(spec.ages);
    case "aeAttendances":
      return m.aeAttendances();
    case "births":
      return m.births();
    case "register":
      return m.register(spec.register);
    case "efiBand":
      return m.efiBand(spec.band);
    case "diabetesProcess":
      return m.diabetesProcess(spec.process);
    case "diabetesExtremePractices":
      return m.diabetesExtremePractices();
    case "diabetesPracticeVariation":
      return m.diabetesPracticeVariation();
    case "ldRatio":
      return m.ldRatio(spec.measure);
    case "ldPrevalence":
      return m.ldPrevalence(spec.register, spec.minAge);
    case "imaging":
      return m.imaging(spec.modality);
    case "diagnosticWait":
      return m.diagnosticWait(spec.extreme);
    case "undiagnosed":
      return undiagnosed(truth, spec.condition);
  }
}

/** The range a population of this size could show: the target's range widened by sampling error. */
export function toCheck(spec: TargetSpec, o: Observation): RealismCheck {
  const target = o.target ?? spec.target ?? 0;
  let lowT = spec.low ?? target;
  let highT = spec.high ?? target;
  if (spec.relative !== undefined) {
    lowT = target * (1 - spec.relative);
    highT = target * (1 + spec.relative);
  } else if (spec.absolute !== undefined) {
    lowT = target - spec.absolute;
    highT = target + spec.absolute;
  }
  let low = lowT;
  let high = highT;
  if (o.se) {
    low = lowT - SAMPLING_Z * o.se(Math.max(lowT, 0));
    high = highT + SAMPLING_Z * o.se(highT);
  } else if (o.logSe !== undefined && Number.isFinite(o.logSe)) {
    low = lowT * Math.exp(-SAMPLING_Z * o.logSe);
    high = highT * Math.exp(SAMPLING_Z * o.logSe);
  }
  low = Math.max(0, low);
  if (PROPORTIONS.has(spec.kind)) high = Math.min(1, high);
  const value = o.value;
  return {
    id: spec.id,
    group: spec.group,
    name: spec.name,
    value,
    target,
    low,
    high,
    pass: value !== null && value >= low - 1e-12 && value <= high + 1e-12,
    source: spec.source,
    year: spec.year,
    n: o.n,
    ...(o.test ? { test: o.test } : {}),
    ...(o.note ? { note: o.note } : {}),
  };
}

const PROPORTIONS = new Set<TargetSpec["kind"]>([
  "register",
  "efiBand",
  "diabetesProcess",
  "ldPrevalence",
  "diagnosticWait",
  "undiagnosed",
]);

interface TruthConditions {
  readonly rows: readonly Record<string, string>[];
}

function readTruthConditions(dir: string): TruthConditions {
  const file = join(dir, "conditions.csv");
  if (!existsSync(file))
    throw new RealismNotReadyError(
      `no ${file}: pass --truth the truth/ folder that \`bevan generate\` wrote beside the extract`,
    );
  return { rows: parseCsvObjects(readFileSync(file, "utf8")) };
}

/** Of the true cases of a condition, the share never diagnosed (truth/conditions.csv). */
function undiagnosed(truth: TruthConditions | null, condition: string): Observation {
  if (!truth) return { value: null, n: 0 };
  const cases = truth.rows.filter((r) => r.condition === condition);
  if (cases.length > 0 && cases[0]?.diagnosed_date === undefined)
    return { value: null, n: 0, note: "truth folder from an older generator: regenerate it" };
  const k = cases.filter((r) => r.recorded === "false" && (r.diagnosed_date ?? "") === "").length;
  const n = cases.length;
  if (n === 0) return { value: null, n: 0 };
  return {
    value: k / n,
    n,
    se: (t) => Math.sqrt(Math.max(t * (1 - t), 0) / n),
    note: `${k} of ${n} true cases`,
  };
}

/** The report as a table: each figure, its target, the range allowed and pass or fail. */
export function realismText(r: RealismReport): string {
  const out = [
    `Realism report: ${r.registered.toLocaleString("en-GB")} registered people at ${r.asOf}; ${r.passed} of ${r.checks.length} checks pass.`,
    `Ranges: the target's allowed departure widened by ${SAMPLING_Z} standard errors at this population's size.`,
  ];
  let group = "";
  for (const c of r.checks) {
    if (c.group !== group) {
      group = c.group;
      out.push("", group);
    }
    const test = c.test ? `; ${c.test.name} p ${formatP(c.test.p)}` : "";
    out.push(
      `  ${c.pass ? "pass" : "FAIL"}  ${c.name}: ${formatValue(c, c.value)} (target ${formatValue(c, c.target)}, range ${formatValue(c, c.low)}–${formatValue(c, c.high)})${test}${c.note ? `; ${c.note}` : ""}`,
    );
  }
  return `${out.join("\n")}\n`;
}

export function formatValue(c: Pick<RealismCheck, "id" | "name">, v: number | null): string {
  if (v === null) return "not measured";
  if (c.name.includes("per 1,000")) return v >= 100 ? v.toFixed(0) : v.toFixed(1);
  if (c.name.includes("÷")) return `${v.toFixed(2)}×`;
  if (c.id.startsWith("diabetes-practice") || c.id === "diabetes-practices-0-100")
    return v.toFixed(v % 1 === 0 ? 0 : 1);
  return `${(100 * v).toFixed(v < 0.1 ? 2 : 1)}%`;
}

export function formatP(p: number): string {
  return p < 0.001 ? "< 0.001" : p.toFixed(3);
}
