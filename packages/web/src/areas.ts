// The application's areas, in navigation order. A new area is a folder under pages/ with an
// index.tsx exporting its `Area`, and one line here.
import type { Area, NavItem, PageDef } from "./page.ts";
import { adminArea } from "./pages/admin/index.tsx";
import { businessCasesArea } from "./pages/business-cases/index.tsx";
import { careArea } from "./pages/care/index.tsx";
import { cohortsArea } from "./pages/cohorts/index.tsx";
import { contractsArea } from "./pages/contracts/index.tsx";
import { dataArea } from "./pages/data-status/index.tsx";
import { diagnosticsArea } from "./pages/diagnostics/index.tsx";
import { inequalitiesArea } from "./pages/inequalities/index.tsx";
import { patientsArea } from "./pages/patients/index.tsx";
import { populationArea } from "./pages/population/index.tsx";
import { resourcesArea } from "./pages/resources/index.tsx";
import { variationArea } from "./pages/variation/index.tsx";
import { worklistsArea } from "./pages/worklists/index.tsx";

export const AREAS: readonly Area[] = [
  populationArea,
  variationArea,
  inequalitiesArea,
  diagnosticsArea,
  businessCasesArea,
  contractsArea,
  worklistsArea,
  careArea,
  cohortsArea,
  resourcesArea,
  patientsArea,
  adminArea,
  dataArea,
];

export const NAV: readonly NavItem[] = AREAS.flatMap((a) => a.nav);

/** The page for a path, from the first area that knows it. */
export function areaPage(path: string): PageDef | null {
  for (const area of AREAS) {
    const page = area.page(path);
    if (page) return page;
  }
  return null;
}
