// The published figures a population is measured against (targets.json, beside this package's
// source): each check's kind, target, allowed departure, source and year.
import { readFileSync } from "node:fs";
import type { RegisterCode } from "@bevan/domain";

interface Common {
  readonly id: string;
  readonly group: string;
  readonly name: string;
  readonly source: string;
  readonly year: number;
  /** Target value (computed from ONS rates for deathRate). */
  readonly target?: number;
  /** Allowed departure from the target as a share of it, or in the figure's own units. */
  readonly relative?: number;
  readonly absolute?: number;
  /** The allowed range directly (ratios, extremes). */
  readonly low?: number;
  readonly high?: number;
}

export type TargetSpec = Common &
  (
    | { readonly kind: "deathRate" | "emergencyAdmissions"; readonly ages: readonly [number, number] }
    | { readonly kind: "aeAttendances" | "births" }
    | { readonly kind: "register"; readonly register: RegisterCode }
    | { readonly kind: "efiBand"; readonly band: "fit" | "mild" | "moderate" | "severe" }
    | { readonly kind: "diabetesProcess"; readonly process: "all8" | "urine_albumin" | "foot_surveillance" }
    | { readonly kind: "diabetesExtremePractices" | "diabetesPracticeVariation" }
    | { readonly kind: "ldRatio"; readonly measure: "highRisk" | "fivePlus" | "mostDeprived" }
    | { readonly kind: "ldPrevalence"; readonly register: RegisterCode; readonly minAge: number }
    | { readonly kind: "imaging"; readonly modality: string }
    | { readonly kind: "diagnosticWait"; readonly extreme: "highest" | "lowest" }
    | { readonly kind: "undiagnosed"; readonly condition: RegisterCode }
  );

export interface TargetFile {
  readonly about: string;
  readonly checks: readonly TargetSpec[];
}

let cached: TargetFile | undefined;

export function realismTargets(): TargetFile {
  cached ??= JSON.parse(readFileSync(new URL("../targets.json", import.meta.url), "utf8")) as TargetFile;
  return cached;
}
