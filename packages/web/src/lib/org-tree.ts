// The organisation tree as /api/organisations returns it: finding a node and its ancestors
// (for the scope breadcrumb) and the caller's top organisation.
import type { OrgNode } from "@bevan/client";

export const LEVEL_NAMES: Record<string, string> = {
  icb: "ICS",
  place: "Place",
  pcn: "PCN",
  practice: "Practice",
};

/** The path from a root to the node with `code`, or [] when it is not in the tree. */
export function pathTo(nodes: readonly OrgNode[], code: string): OrgNode[] {
  for (const n of nodes) {
    if (n.code === code) return [n];
    const below = pathTo(n.children, code);
    if (below.length > 0) return [n, ...below];
  }
  return [];
}

/** The highest nodes the caller may see: in scope, with no in-scope ancestor. */
export function scopeRoots(nodes: readonly OrgNode[]): OrgNode[] {
  return nodes.flatMap((n) => (n.inScope ? [n] : scopeRoots(n.children)));
}

export function findNode(nodes: readonly OrgNode[], code: string): OrgNode | undefined {
  return pathTo(nodes, code).at(-1);
}
