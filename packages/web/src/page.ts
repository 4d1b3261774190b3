// What a page is: the props every page gets, how an area declares its pages and its links in
// the navigation. Each area (a folder under pages/) exports one `Area`; areas.ts lists them.
import type { Me, OrgNode } from "@bevan/client";
import type { ReactNode } from "react";
import type { Route } from "./router.ts";

export interface PageProps {
  readonly me: Me;
  readonly route: Route;
  /** The organisation chosen in the scope selector, or null for the whole of the caller's scope. */
  readonly org: string | null;
  readonly tree: readonly OrgNode[];
}

export interface PageDef {
  readonly title: string;
  /** Whether the page follows the scope selector (ICS → place → PCN → practice). */
  readonly scoped: boolean;
  readonly render: (p: PageProps) => ReactNode;
}

export interface NavItem {
  readonly path: string;
  readonly label: string;
  readonly show: (me: Me) => boolean;
}

export interface Area {
  /** Links in the navigation, in order; a page reached only from other pages needs none. */
  readonly nav: readonly NavItem[];
  /** The page for a path, or null when the path is not this area's. */
  readonly page: (path: string) => PageDef | null;
}
