// Worklists: patient lists to act on (medicines safety, care gaps, end of life, prevention).
import type { Area } from "../../page.ts";
import { can } from "../../session.tsx";
import { WorklistPage } from "./worklist.tsx";
import { WorklistsPage } from "./worklists.tsx";

export const worklistsArea: Area = {
  nav: [{ path: "/worklists", label: "Worklists", show: (me) => can(me, "aggregates:read") }],
  page: (path) => {
    if (path === "/worklists")
      return { title: "Worklists", scoped: true, render: (p) => <WorklistsPage {...p} /> };
    const one = /^\/worklists\/([a-z0-9-]{1,80})$/.exec(path);
    if (one?.[1]) {
      const id = one[1];
      return { title: "Worklist", scoped: true, render: (p) => <WorklistPage {...p} id={id} /> };
    }
    return null;
  },
};
