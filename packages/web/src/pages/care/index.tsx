// Care coordination (issue 23): the team's caseload board, a person's care coordination record
// with the one shared care plan, and caseload figures for roles without direct care.
import type { Area } from "../../page.ts";
import { can } from "../../session.tsx";
import { CaseloadPage } from "./caseload.tsx";
import { CareRecordPage } from "./record.tsx";
import { CareSummaryPage } from "./summary.tsx";

export const careArea: Area = {
  nav: [
    { path: "/care", label: "Caseload", show: (me) => can(me, "care:read") },
    {
      path: "/care/summary",
      label: "Caseloads",
      show: (me) => !can(me, "care:read") && can(me, "aggregates:read"),
    },
  ],
  page: (path) => {
    if (path === "/care") return { title: "Caseload", scoped: false, render: (p) => <CaseloadPage {...p} /> };
    if (path === "/care/summary")
      return { title: "Caseloads", scoped: false, render: (p) => <CareSummaryPage {...p} /> };
    const one = /^\/care\/people\/([0-9]{1,19})$/.exec(path);
    if (one?.[1]) {
      const id = one[1];
      return {
        title: "Care coordination record",
        scoped: false,
        render: (p) => <CareRecordPage {...p} personId={id} />,
      };
    }
    return null;
  },
};
