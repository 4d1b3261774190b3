// A small URL router: the path picks the page, the query string holds the page's state
// (the scope `org` above all), so every view can be bookmarked and shared.
import { useSyncExternalStore } from "react";

const CHANGE = "bevan:navigate";

function subscribe(callback: () => void): () => void {
  window.addEventListener("popstate", callback);
  window.addEventListener(CHANGE, callback);
  return () => {
    window.removeEventListener("popstate", callback);
    window.removeEventListener(CHANGE, callback);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

export interface Route {
  readonly path: string;
  readonly query: URLSearchParams;
}

export function useRoute(): Route {
  const href = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(href, window.location.origin);
  return { path: url.pathname, query: url.searchParams };
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (options.replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  window.dispatchEvent(new Event(CHANGE));
  if (!options.replace) window.scrollTo(0, 0);
}

/** The current URL with some query parameters set (undefined or "" removes them). */
export function withQuery(changes: Record<string, string | undefined>, path?: string): string {
  const url = new URL(window.location.href);
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined || v === "") url.searchParams.delete(k);
    else url.searchParams.set(k, v);
  }
  const qs = url.searchParams.toString();
  return `${path ?? url.pathname}${qs ? `?${qs}` : ""}`;
}

/** A link to another page that keeps the scope (`org`) in the URL. */
export function pageHref(path: string, query: URLSearchParams, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  const org = query.get("org");
  if (org) q.set("org", org);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  const qs = q.toString();
  return `${path}${qs ? `?${qs}` : ""}`;
}
