// Inequalities: indicators by deprivation, ethnicity, sex and age, crude and age-standardised.
import type { Area } from "../../page.ts";
import { can } from "../../session.tsx";
import { InequalitiesPage } from "./inequalities.tsx";

export const inequalitiesArea: Area = {
  nav: [{ path: "/inequalities", label: "Inequalities", show: (me) => can(me, "aggregates:read") }],
  page: (path) =>
    path === "/inequalities"
      ? { title: "Inequalities", scoped: true, render: (p) => <InequalitiesPage {...p} /> }
      : null,
};
