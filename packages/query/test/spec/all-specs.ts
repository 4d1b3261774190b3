// Every spec file, in the order the language reference presents them.
import { spec as activityCare } from "./activity-care.spec.ts";
import { spec as composition } from "./composition.spec.ts";
import { spec as demographics } from "./demographics.spec.ts";
import { spec as events } from "./events.spec.ts";
import { spec as geography } from "./geography.spec.ts";
import { spec as population } from "./population.spec.ts";
import { spec as registersFlags } from "./registers-flags.spec.ts";
import { spec as scores } from "./scores.spec.ts";
import type { Spec } from "./spec.ts";
import { spec as valuesMedicines } from "./values-medicines.spec.ts";
import { spec as windows } from "./windows.spec.ts";

export const SPECS: readonly { readonly id: string; readonly spec: Spec }[] = [
  { id: "population", spec: population },
  { id: "demographics", spec: demographics },
  { id: "geography", spec: geography },
  { id: "registers-flags", spec: registersFlags },
  { id: "events", spec: events },
  { id: "windows", spec: windows },
  { id: "values-medicines", spec: valuesMedicines },
  { id: "activity-care", spec: activityCare },
  { id: "scores", spec: scores },
  { id: "composition", spec: composition },
];
