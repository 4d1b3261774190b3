// @bevan/realism: measures a built warehouse against published English figures.
export type { Observation } from "./measure.ts";
export {
  formatP,
  formatValue,
  type RealismCheck,
  RealismNotReadyError,
  type RealismOptions,
  type RealismReport,
  realismReport,
  realismText,
  SAMPLING_Z,
  toCheck,
} from "./report.ts";
export { realismTargets, type TargetFile, type TargetSpec } from "./targets.ts";
