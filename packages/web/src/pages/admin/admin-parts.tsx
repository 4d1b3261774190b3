// Parts the administration pages share: the area's contents list, the outcome of an action
// (done, waiting for a second administrator, refused), and running an action that changes
// something, then reloading what it changed.
import type { Me } from "@bevan/client";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { errorMessage } from "../../components/states.tsx";
import { navigate, useRoute } from "../../router.ts";
import { can } from "../../session.tsx";

const PAGES = [
  { path: "/admin", label: "Overview", needs: ["users:manage", "audit:read"] },
  { path: "/admin/users", label: "Users", needs: ["users:manage"] },
  { path: "/admin/roles", label: "Roles and purposes", needs: ["users:manage"] },
  { path: "/admin/access", label: "Approvals and break-glass", needs: ["users:manage"] },
  { path: "/admin/audit", label: "Audit trail", needs: ["audit:read"] },
  { path: "/data-status", label: "Data loads and quality", needs: ["data-quality:read"] },
] as const;

/** The administration area's pages the caller may use, as the NHS contents list. */
export function AdminContents({ me }: { me: Me }) {
  const route = useRoute();
  return (
    <nav className="nhsuk-contents-list bevan-admin-contents" aria-label="Administration">
      <h2 className="nhsuk-u-visually-hidden">Administration pages</h2>
      <ol className="nhsuk-contents-list__list">
        {PAGES.filter((p) => p.needs.some((n) => can(me, n))).map((p) =>
          p.path === route.path ? (
            <li key={p.path} className="nhsuk-contents-list__item" aria-current="page">
              <span className="nhsuk-contents-list__current">{p.label}</span>
            </li>
          ) : (
            <li key={p.path} className="nhsuk-contents-list__item">
              <a
                className="nhsuk-contents-list__link"
                href={p.path}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(p.path);
                }}
              >
                {p.label}
              </a>
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}

export type Outcome =
  | { readonly kind: "done"; readonly text: string }
  | { readonly kind: "pending"; readonly text: string }
  | { readonly kind: "error"; readonly text: string };

/** What happened to the last action: a confirmation, a change waiting for approval, or the refusal. */
export function OutcomePanel({ outcome }: { outcome: Outcome | null }) {
  const ref = useRef<HTMLDivElement>(null);
  // The outcome of a button lower down the page is brought into view.
  useEffect(() => {
    if (outcome) ref.current?.scrollIntoView({ block: "nearest" });
  }, [outcome]);
  if (!outcome) return null;
  if (outcome.kind === "error")
    return (
      <div className="nhsuk-error-summary" role="alert" tabIndex={-1} ref={ref}>
        <h2 className="nhsuk-error-summary__title">That could not be done</h2>
        <div className="nhsuk-error-summary__body">
          <p>{outcome.text}</p>
        </div>
      </div>
    );
  return (
    <div
      ref={ref}
      className={`nhsuk-inset-text bevan-outcome bevan-outcome--${outcome.kind}`}
      role="status"
      aria-live="polite"
    >
      <span className="nhsuk-u-visually-hidden">{outcome.kind === "pending" ? "Waiting: " : "Done: "}</span>
      <p>{outcome.text}</p>
    </div>
  );
}

/**
 * Runs actions one at a time and keeps their outcome; `reload` changes after each success so
 * that pages can list it among their data's dependencies.
 */
export function useActions() {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [reload, setReload] = useState(0);
  const run = async (work: () => Promise<Outcome>) => {
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome(await work());
      setReload((n) => n + 1);
    } catch (error) {
      setOutcome({ kind: "error", text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };
  return { busy, outcome, reload, run, setOutcome };
}

/** A page of the area: the contents list (not on the overview, whose cards are its contents), heading, the page. */
export function AdminPage({
  me,
  title,
  lede,
  contents = true,
  children,
}: {
  me: Me;
  title: string;
  lede?: ReactNode;
  contents?: boolean;
  children: ReactNode;
}) {
  return (
    <>
      {contents && <AdminContents me={me} />}
      <h1>{title}</h1>
      {lede && <p className="bevan-admin-lede">{lede}</p>}
      {children}
    </>
  );
}
