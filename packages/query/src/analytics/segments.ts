// Bridges to Health segments (Lynn et al. 2007) of the registered people in the caller's
// scope, from person_risk (written by @bevan/risk, which owns the rules; the labels here
// are checked against its list by test/segment-labels.test.ts).
import type { Cell } from "../disclosure/cell-key.ts";
import { cellSql, readCell } from "../disclosure/sql.ts";
import type { ScopedWarehouse } from "../scope.ts";
import { hasTable } from "./table-exists.ts";

/** Segment ids in the order of the rules, with the labels shown to users. */
export const SEGMENT_LABELS: readonly { readonly id: string; readonly label: string }[] = [
  { id: "short_decline", label: "Short period of decline before dying" },
  { id: "frailty_dementia", label: "Long decline with frailty or dementia" },
  { id: "organ_failure", label: "Limited reserve and exacerbations (organ failure)" },
  { id: "disability", label: "Stable but serious disability" },
  { id: "maternal_infant", label: "Maternal and infant health" },
  { id: "chronic", label: "Chronic conditions with normal function" },
  { id: "acutely_ill", label: "Acutely ill" },
  { id: "healthy", label: "Healthy" },
];

/** People per practice and segment; null when the build did not score (no person_risk table). */
export async function segmentCountsByPractice(
  sw: ScopedWarehouse,
): Promise<{ practice: string; opted: boolean; segment: string; people: Cell }[] | null> {
  if (!(await hasTable(sw, "person_risk"))) return null;
  const rows = await sw.all<Record<string, string | bigint | boolean | null>>(
    `SELECT p.practice_code AS practice, r.segment, p.planning_opt_out AS opted, ${cellSql("p")} FROM scoped_person_risk r
     JOIN scoped_person_asof p ON p.person_id = r.person_id WHERE p.registered GROUP BY 1, 2, 3`,
  );
  return rows.map((r) => ({
    practice: String(r.practice),
    opted: r.opted === true,
    segment: String(r.segment),
    people: readCell(r),
  }));
}
