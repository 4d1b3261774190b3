// Data: what was loaded, what was quarantined, and the warehouse's tables.
import type { Area } from "../../page.ts";
import { can } from "../../session.tsx";
import { DataStatusPage } from "./data-status.tsx";

export const dataArea: Area = {
  nav: [{ path: "/data-status", label: "Data status", show: (me) => can(me, "data-quality:read") }],
  page: (path) =>
    path === "/data-status"
      ? { title: "Data status", scoped: false, render: (p) => <DataStatusPage {...p} /> }
      : null,
};
