// The application shell: checks the session, shows sign-in or the signed-in layout (header,
// scope selector, the page for the URL), and keeps the page title in step.
import type { Me, OrgNode } from "@bevan/client";
import { useEffect, useState } from "react";
import { api } from "./api.ts";
import { areaPage, NAV } from "./areas.ts";
import { Header } from "./components/header.tsx";
import { ScopeSelector } from "./components/scope-selector.tsx";
import { Async, Loading } from "./components/states.tsx";
import type { PageDef } from "./page.ts";
import { navigate, type Route, useRoute } from "./router.ts";
import { can, SessionContext } from "./session.tsx";
import { NotFoundPage } from "./shell/not-found.tsx";
import { SignInPage } from "./shell/sign-in.tsx";
import { useData } from "./use-data.ts";

const NOT_FOUND: PageDef = { title: "Page not found", scoped: false, render: () => <NotFoundPage /> };

/** Under every page: a PDF of it as this user sees it (the server prints it with their session). */
function PageTools({ route }: { route: Route }) {
  const here = route.path + (route.query.size ? `?${route.query}` : "");
  return (
    <p className="nhsuk-body-s bevan-page-tools">
      <a href={`/api/print?path=${encodeURIComponent(here)}`} download>
        Download this page as a PDF
      </a>{" "}
      (as you see it, with the date and your scope; or use your browser's Print)
    </p>
  );
}

/** Code → name for every organisation in a tree. */
function namesOf(nodes: readonly OrgNode[], into = new Map<string, string>()): Map<string, string> {
  for (const n of nodes) {
    into.set(n.code, n.name);
    namesOf(n.children, into);
  }
  return into;
}

function SignedIn({
  me,
  route,
  onNames,
}: {
  me: Me;
  route: Route;
  onNames: (names: Map<string, string>) => void;
}) {
  const page = areaPage(route.path) ?? NOT_FOUND;
  const org = route.query.get("org");
  const needsTree = can(me, "aggregates:read");
  const tree = useData(
    () => (needsTree ? api.organisationTree().then((r) => r.organisations) : Promise.resolve([])),
    [me.username],
  );
  useEffect(() => {
    document.title = `${page.title} – Bevan`;
  }, [page.title]);
  useEffect(() => {
    if (tree.state === "ok") onNames(namesOf(tree.data));
  }, [tree, onNames]);
  // A role without aggregate reports (the administrator) starts on the first page it may use.
  const home = NAV.find((n) => n.show(me));
  const allowed = NAV.find((n) => n.path === route.path)?.show(me) ?? true;
  useEffect(() => {
    if (route.path === "/" && !allowed && home) navigate(home.path, { replace: true });
  }, [route.path, allowed, home]);
  if (!allowed)
    return (
      <div className="nhsuk-width-container-fluid">
        <main className="nhsuk-main-wrapper" id="maincontent">
          <h1>{page.title}</h1>
          <p>This page is not available to your role ({me.role.name}).</p>
        </main>
      </div>
    );
  return (
    <div className="nhsuk-width-container-fluid">
      <main className="nhsuk-main-wrapper" id="maincontent">
        <Async data={tree} what="your organisations">
          {(nodes) => (
            <>
              {page.scoped && needsTree && <ScopeSelector tree={nodes} org={org} />}
              {page.render({ me, route, org, tree: nodes })}
              <PageTools route={route} />
            </>
          )}
        </Async>
      </main>
    </div>
  );
}

export function App() {
  const route = useRoute();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [names, setNames] = useState<Map<string, string>>();
  useEffect(() => {
    // Ask who we are only when there is a session: a 401 would be a console error on every visit.
    api
      .signInOptions()
      .then((o) => (o.signedIn ? api.me() : null))
      .then(setMe, () => setMe(null));
  }, []);
  useEffect(() => {
    if (me === null && route.path !== "/sign-in") {
      const next = route.path + (route.query.size ? `?${route.query}` : "");
      navigate(`/sign-in${next !== "/" ? `?next=${encodeURIComponent(next)}` : ""}`, { replace: true });
    }
  }, [me, route]);
  return (
    <SessionContext.Provider value={me ?? null}>
      <a className="nhsuk-skip-link" href="#maincontent">
        Skip to main content
      </a>
      <Header me={me ?? null} onSignedOut={() => setMe(null)} names={names} />
      {me === undefined ? (
        <div className="nhsuk-width-container-fluid">
          <main className="nhsuk-main-wrapper" id="maincontent">
            <Loading what="your session" />
          </main>
        </div>
      ) : me === null || route.path === "/sign-in" ? (
        <SignInPage
          me={me}
          onSignedIn={(m) => {
            setMe(m);
            const next = route.query.get("next");
            navigate(next?.startsWith("/") && !next.startsWith("//") ? next : "/", { replace: true });
          }}
        />
      ) : (
        <SignedIn me={me} route={route} onNames={setNames} />
      )}
      <footer className="nhsuk-footer" role="contentinfo">
        <div className="nhsuk-width-container-fluid">
          <p className="nhsuk-body-s bevan-footer">
            Bevan – open population health management. Synthetic data in the embedded demo. Counts shown to
            non-direct-care roles are suppressed and rounded.
          </p>
        </div>
      </footer>
    </SessionContext.Provider>
  );
}
