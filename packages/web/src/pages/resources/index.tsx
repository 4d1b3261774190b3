// Resources: costed activity, needs and use, opportunity, and fair shares for practices.
import type { Area, PageDef } from "../../page.ts";
import { can } from "../../session.tsx";
import { BudgetsPage } from "./budgets.tsx";
import { FairSharesPage } from "./fair-shares.tsx";
import { OpportunitiesPage } from "./opportunities.tsx";
import { OpportunityCohortPage } from "./opportunity-cohort.tsx";
import { SpendPage } from "./spend.tsx";
import { UnitCostsPage } from "./unit-costs.tsx";
import { ValidationPage } from "./validation.tsx";

const PAGES: Record<string, PageDef> = {
  "/resources": { title: "Fair shares", scoped: true, render: (p) => <FairSharesPage {...p} /> },
  "/resources/spend": { title: "Spend and use", scoped: true, render: (p) => <SpendPage {...p} /> },
  "/resources/opportunities": {
    title: "Opportunities",
    scoped: true,
    render: (p) => <OpportunitiesPage {...p} />,
  },
  "/resources/opportunities/cohort": {
    title: "The cohort behind an opportunity",
    scoped: false,
    render: (p) => <OpportunityCohortPage {...p} />,
  },
  "/resources/validation": {
    title: "Model validation",
    scoped: true,
    render: (p) => <ValidationPage {...p} />,
  },
  "/resources/unit-costs": { title: "Unit costs", scoped: false, render: (p) => <UnitCostsPage {...p} /> },
  "/resources/budgets": { title: "Patient budgets", scoped: true, render: (p) => <BudgetsPage {...p} /> },
};

export const resourcesArea: Area = {
  nav: [{ path: "/resources", label: "Resources", show: (me) => can(me, "aggregates:read") }],
  page: (path) => PAGES[path] ?? null,
};
