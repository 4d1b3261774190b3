// The scope selector: a breadcrumb from the caller's top organisation down to the one the
// page is about (ICS → place → PCN → practice), and a list to drill one level further.
// The choice is `org` in the URL, so every page follows it and links carry it. A practice's
// size in the menu is its published list size (a reference figure), labelled as such: the
// pages count the people registered in the data, which need not agree.
import type { OrgNode } from "@bevan/client";
import { fmtInt } from "../lib/format.ts";
import { LEVEL_NAMES, pathTo, scopeRoots } from "../lib/org-tree.ts";
import { navigate, withQuery } from "../router.ts";

const DRILL_NAMES: Record<string, string> = { place: "place", pcn: "PCN", practice: "practice" };

export function ScopeSelector({ tree, org }: { tree: readonly OrgNode[]; org: string | null }) {
  const roots = scopeRoots(tree);
  const path = org ? pathTo(tree, org).filter((n) => n.inScope) : [];
  const current = path.at(-1) ?? (roots.length === 1 ? roots[0] : undefined);
  const crumbs = current ? pathTo(tree, current.code).filter((n) => n.inScope) : [];
  const options = current ? current.children.filter((c) => c.inScope) : roots;
  const go = (code: string | undefined) => navigate(withQuery({ org: code }));
  return (
    <nav className="bevan-scope" aria-label="Scope">
      <ol className="bevan-scope__crumbs">
        {crumbs.map((n, i) => (
          <li key={n.code}>
            {i < crumbs.length - 1 ? (
              <a
                href={withQuery({ org: i === 0 && roots.length === 1 ? undefined : n.code })}
                onClick={(e) => {
                  e.preventDefault();
                  go(i === 0 && roots.length === 1 ? undefined : n.code);
                }}
              >
                {LEVEL_NAMES[n.level] ?? n.level}: {n.name}
              </a>
            ) : (
              <span aria-current="location">
                {LEVEL_NAMES[n.level] ?? n.level}: {n.name} ({n.code})
              </span>
            )}
          </li>
        ))}
        {crumbs.length === 0 && <li>All of your scope</li>}
      </ol>
      {options.length > 0 && (
        // A choice and a button, not a select that navigates on change: with the keyboard the
        // first arrow key would otherwise leave the page (WCAG 3.2.2, on input).
        <form
          className="bevan-scope__drill"
          onSubmit={(e) => {
            e.preventDefault();
            const code = String(new FormData(e.currentTarget).get("org") ?? "");
            if (code) go(code);
          }}
        >
          <label className="nhsuk-label nhsuk-u-font-size-16" htmlFor="scope-drill">
            Drill down to a {DRILL_NAMES[options[0]?.level ?? ""] ?? "organisation"}
          </label>
          <div className="bevan-scope__drill-row">
            <select id="scope-drill" name="org" className="nhsuk-select" defaultValue="">
              <option value="">Choose…</option>
              {options.map((o) => (
                <option key={o.code} value={o.code}>
                  {o.name} ({o.code})
                  {o.listSize !== null ? ` – published list size ${fmtInt(o.listSize)}` : ""}
                </option>
              ))}
            </select>
            <button type="submit" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small">
              Show
            </button>
          </div>
        </form>
      )}
    </nav>
  );
}
