// After a stale save (409): put your changes on top of the version someone else saved, item by
// item (by id), so that nothing either of you wrote is lost. Where you both changed the same
// item, yours is kept and the item is named, so you can check it before saving again.
import type { CarePlanView } from "@bevan/client";

export interface PlanChange {
  readonly section: string;
  readonly kind: "added" | "removed" | "changed";
  readonly id?: string;
  readonly description: string;
}

const LISTS = ["problems", "goals", "actions", "team", "contingency"] as const;
type ListName = (typeof LISTS)[number];
type Item = { readonly id: string };

export function rebase(
  mine: CarePlanView,
  theirs: CarePlanView,
  yourChanges: readonly PlanChange[],
  theirChanges: readonly PlanChange[],
): { plan: CarePlanView; overlaps: string[] } {
  const overlaps: string[] = [];
  const touched = new Set(theirChanges.map((c) => `${c.section}:${c.id ?? ""}`));
  const out: Record<string, unknown> = { ...theirs };
  for (const c of yourChanges) {
    if (touched.has(`${c.section}:${c.id ?? ""}`)) overlaps.push(c.description);
    if (c.section === "whatMatters" || c.section === "nextReview") {
      out[c.section] = mine[c.section];
      continue;
    }
    if (!LISTS.includes(c.section as ListName) || !c.id) continue;
    const section = c.section as ListName;
    const list = [...(out[section] as readonly Item[])];
    const at = list.findIndex((x) => x.id === c.id);
    const yours = (mine[section] as readonly Item[]).find((x) => x.id === c.id);
    if (c.kind === "removed") {
      if (at >= 0) list.splice(at, 1);
    } else if (yours) {
      if (at >= 0) list[at] = yours;
      else list.push(yours);
    }
    out[section] = list;
  }
  return { plan: out as unknown as CarePlanView, overlaps };
}
