// Business cases: an intervention for a target cohort with its inputs as ranges, run as a
// seeded Monte Carlo of net savings (Green Book discounting), with the fan chart, the tornado,
// the baseline's regression to the mean and a printed summary.
import type { Area } from "../../page.ts";
import { can } from "../../session.tsx";
import { BusinessCasePage } from "./business-case.tsx";

export const businessCasesArea: Area = {
  nav: [{ path: "/business-cases", label: "Business cases", show: (me) => can(me, "aggregates:read") }],
  page: (path) =>
    path === "/business-cases"
      ? { title: "Business cases", scoped: false, render: (p) => <BusinessCasePage {...p} /> }
      : null,
};
