// The organisation hierarchy (ICB → place → PCN → practice) as far as the caller's scope
// reaches: the organisations in scope, their descendants, and their ancestors for context.
import type { OrgLevel } from "./cohort/ir.ts";
import type { ScopedWarehouse } from "./scope.ts";

export interface OrgNode {
  readonly code: string;
  readonly name: string;
  readonly level: OrgLevel;
  readonly listSize: number | null;
  /** False for an ancestor shown only for context: its people are not all in scope. */
  readonly inScope: boolean;
  readonly children: OrgNode[];
}

const LEVELS: readonly OrgLevel[] = ["icb", "place", "pcn", "practice"];

export async function orgTree(sw: ScopedWarehouse): Promise<OrgNode[]> {
  const rows = await sw.aggregate<{
    org_code: string;
    org_name: string;
    org_type: OrgLevel;
    parent_code: string | null;
    list_size: number | null;
  }>(
    "SELECT org_code, org_name, org_type, parent_code, list_size FROM organisation WHERE org_type IN ('icb', 'place', 'pcn', 'practice') ORDER BY org_code",
  );
  const byCode = new Map(rows.map((r) => [r.org_code, r]));
  const granted = new Set(sw.scope.grants.map((g) => `${g.level}:${g.code}`));
  const ancestors = (code: string): string[] => {
    const out: string[] = [];
    for (
      let p = byCode.get(code)?.parent_code;
      p && out.length < LEVELS.length;
      p = byCode.get(p)?.parent_code
    )
      out.push(p);
    return out;
  };
  const inScope = (code: string) => {
    const r = byCode.get(code);
    if (!r) return false;
    return [code, ...ancestors(code)].some((c) => granted.has(`${byCode.get(c)?.org_type}:${c}`));
  };
  const visible = new Set<string>();
  for (const r of rows) {
    if (!inScope(r.org_code)) continue;
    visible.add(r.org_code);
    for (const a of ancestors(r.org_code)) visible.add(a);
  }
  const nodes = new Map<string, OrgNode>();
  for (const r of rows) {
    if (!visible.has(r.org_code)) continue;
    nodes.set(r.org_code, {
      code: r.org_code,
      name: r.org_name,
      level: r.org_type,
      listSize: r.list_size === null ? null : Number(r.list_size),
      inScope: inScope(r.org_code),
      children: [],
    });
  }
  const roots: OrgNode[] = [];
  for (const node of nodes.values()) {
    const parent = byCode.get(node.code)?.parent_code;
    const p = parent ? nodes.get(parent) : undefined;
    if (p) p.children.push(node);
    else roots.push(node);
  }
  return roots;
}
