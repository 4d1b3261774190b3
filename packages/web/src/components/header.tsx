// The NHS header: the service name, who is signed in with their role and scope, sign-out,
// and the navigation between pages (links keep the scope in the URL). Below tablet width the
// navigation folds behind a "Menu" button, so the header never runs wider than the screen.
import type { Me } from "@bevan/client";
import { useEffect, useState } from "react";
import { api } from "../api.ts";
import { NAV } from "../areas.ts";
import { LEVEL_NAMES } from "../lib/org-tree.ts";
import { navigate, pageHref, useRoute } from "../router.ts";

function NhsLogo() {
  return (
    <svg
      className="nhsuk-header__logo"
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 200 80"
      height="40"
      width="100"
      focusable="false"
      aria-hidden="true"
    >
      <path
        fill="currentcolor"
        d="M200 0v80H0V0h200Zm-27.5 5.5c-14.5 0-29 5-29 22 0 10.2 7.7 13.5 14.7 16.3l.7.3c5.4 2 10.1 3.9 10.1 8.4 0 6.5-8.5 7.5-14 7.5s-12.5-1.5-16-3.5L135 70c5.5 2 13.5 3.5 20 3.5 15.5 0 32-4.5 32-22.5 0-19.5-25.5-16.5-25.5-25.5 0-5.5 5.5-6.5 12.5-6.5a35 35 0 0 1 14.5 3l4-13.5c-4.5-2-12-3-20-3Zm-131 2h-22l-14 65H22l9-45h.5l13.5 45h21.5l14-65H64l-9 45h-.5l-13-45Zm63 0h-18l-13 65h17l6-28H117l-5.5 28H129l13.5-65H125L119.5 32h-20l5-24.5Z"
      />
    </svg>
  );
}

/** The caller's scopes in words: organisations by name once the tree has loaded, by code until then. */
export function scopeText(me: Me, names?: ReadonlyMap<string, string>): string {
  if (me.scopes.length === 0) return "no data scope";
  return me.scopes
    .map((s) => `${LEVEL_NAMES[s.level] ?? s.level} ${names?.get(s.code) ?? s.code}`)
    .join(", ");
}

export function Header({
  me,
  onSignedOut,
  names,
}: {
  me: Me | null;
  onSignedOut: () => void;
  names?: ReadonlyMap<string, string>;
}) {
  const route = useRoute();
  const [menuOpen, setMenuOpen] = useState(false);
  // A page chosen from the folded menu closes it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: closes on every change of page
  useEffect(() => setMenuOpen(false), [route.path]);
  const signOut = async () => {
    try {
      await api.signOut();
    } finally {
      onSignedOut();
      navigate("/sign-in");
    }
  };
  return (
    <header className="nhsuk-header">
      <div className="nhsuk-header__container nhsuk-width-container-fluid">
        <div className="nhsuk-header__service">
          <a
            className="nhsuk-header__service-logo"
            href={pageHref("/", route.query)}
            aria-label="NHS Bevan population health management homepage"
            onClick={(e) => {
              e.preventDefault();
              navigate(pageHref("/", route.query));
            }}
          >
            <NhsLogo />
            <span className="nhsuk-header__service-name">Bevan population health management</span>
          </a>
        </div>
        {me && (
          <nav className="nhsuk-header__account" aria-label="Account">
            <ul className="nhsuk-header__account-list">
              <li className="nhsuk-header__account-item" data-testid="who">
                <strong>{me.displayName}</strong>
                <span className="bevan-role"> · {me.role.name}</span>
                <span className="bevan-who-scope"> · scope: {scopeText(me, names)}</span>
                {me.isDemo && (
                  <strong className="nhsuk-tag nhsuk-tag--yellow bevan-demo-tag">Demo user</strong>
                )}
              </li>
              <li className="nhsuk-header__account-item">
                <button type="button" className="nhsuk-header__account-button" onClick={signOut}>
                  Sign out
                </button>
              </li>
            </ul>
          </nav>
        )}
      </div>
      {me && (
        <nav
          className={`nhsuk-header__navigation bevan-nav${menuOpen ? " bevan-nav--open" : ""}`}
          aria-label="Menu"
        >
          <div className="nhsuk-header__navigation-container nhsuk-width-container-fluid">
            <button
              type="button"
              className="nhsuk-header__navigation-link nhsuk-header__menu-toggle bevan-menu-toggle"
              aria-expanded={menuOpen}
              aria-controls="bevan-nav-list"
              onClick={() => setMenuOpen((o) => !o)}
            >
              Menu
            </button>
            <ul className="nhsuk-header__navigation-list" id="bevan-nav-list">
              {NAV.filter((n) => n.show(me)).map((n) => {
                const current = n.path === "/" ? route.path === "/" : route.path.startsWith(n.path);
                const href = pageHref(n.path, route.query);
                return (
                  <li
                    key={n.path}
                    className={`nhsuk-header__navigation-item${current ? " nhsuk-header__navigation-item--current" : ""}`}
                  >
                    <a
                      className="nhsuk-header__navigation-link"
                      href={href}
                      aria-current={current ? "page" : undefined}
                      onClick={(e) => {
                        e.preventDefault();
                        navigate(href);
                      }}
                    >
                      {n.label}
                    </a>
                  </li>
                );
              })}
            </ul>
          </div>
        </nav>
      )}
    </header>
  );
}
