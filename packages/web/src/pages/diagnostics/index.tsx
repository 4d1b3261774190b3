// Diagnostics: the imaging network's performance against the 6-week standard (network, trust,
// site, modality), demand and its forecast, the scenario planner and mutual aid.
import type { Area } from "../../page.ts";
import { can } from "../../session.tsx";
import { DiagnosticsDashboardPage } from "./dashboard.tsx";
import { DiagnosticsDemandPage } from "./demand.tsx";
import { DiagnosticsMutualAidPage } from "./mutual-aid.tsx";
import { DiagnosticsScenarioPage } from "./scenarios.tsx";

export const diagnosticsArea: Area = {
  nav: [{ path: "/diagnostics", label: "Diagnostics", show: (me) => can(me, "aggregates:read") }],
  page: (path) => {
    if (path === "/diagnostics")
      return {
        title: "Diagnostic imaging",
        scoped: false,
        render: (p) => <DiagnosticsDashboardPage {...p} />,
      };
    if (path === "/diagnostics/demand")
      return {
        title: "Diagnostic imaging: demand",
        scoped: false,
        render: (p) => <DiagnosticsDemandPage {...p} />,
      };
    if (path === "/diagnostics/scenarios")
      return {
        title: "Diagnostic imaging: scenario planner",
        scoped: false,
        render: (p) => <DiagnosticsScenarioPage {...p} />,
      };
    if (path === "/diagnostics/mutual-aid")
      return {
        title: "Diagnostic imaging: mutual aid",
        scoped: false,
        render: (p) => <DiagnosticsMutualAidPage {...p} />,
      };
    return null;
  },
};
