// Cohorts: the builder, saved cohorts and their results.
import type { Area } from "../../page.ts";
import { can } from "../../session.tsx";
import { CohortsPage } from "./cohorts.tsx";

export const cohortsArea: Area = {
  nav: [{ path: "/cohorts", label: "Cohorts", show: (me) => can(me, "cohorts:read") }],
  page: (path) =>
    path === "/cohorts"
      ? { title: "Cohort builder", scoped: true, render: (p) => <CohortsPage {...p} /> }
      : null,
};
