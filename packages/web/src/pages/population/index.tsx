// Population: the overview (pyramid, registers, risk, segments) and the snapshot-and-timeline view.
import type { Area } from "../../page.ts";
import { can } from "../../session.tsx";
import { OverviewPage } from "./overview.tsx";
import { TimelinePage } from "./timeline.tsx";

export const populationArea: Area = {
  nav: [
    { path: "/", label: "Overview", show: (me) => can(me, "aggregates:read") },
    { path: "/timeline", label: "Snapshot and timeline", show: (me) => can(me, "aggregates:read") },
  ],
  page: (path) => {
    if (path === "/")
      return { title: "Population overview", scoped: true, render: (p) => <OverviewPage {...p} /> };
    if (path === "/timeline")
      return { title: "Snapshot and timeline", scoped: true, render: (p) => <TimelinePage {...p} /> };
    return null;
  },
};
