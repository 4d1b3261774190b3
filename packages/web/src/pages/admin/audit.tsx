// The audit trail: verify that it has not been altered (every event's seal under the audit
// key, the links, the head, the checkpoints kept outside the state), and read it newest first,
// filtered by who, kind of event, when, a person, or break-glass. Filters live in the URL.
import type { AuditEventBody, AuditFilter, AuditVerifyResponse } from "@bevan/client";
import { type FormEvent, useState } from "react";
import { api } from "../../api.ts";
import { DataTable } from "../../components/data-table.tsx";
import { Async, Empty, errorMessage } from "../../components/states.tsx";
import { fmtInt } from "../../lib/format.ts";
import type { PageProps } from "../../page.ts";
import { navigate } from "../../router.ts";
import { can } from "../../session.tsx";
import { useData } from "../../use-data.ts";
import { AdminPage } from "./admin-parts.tsx";
import { AUDIT_KINDS, actionLabel, eventDetail, fmtWhen } from "./labels.ts";

const PAGE = 50;

function Verification() {
  const [result, setResult] = useState<AuditVerifyResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const verify = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await api.verifyAudit());
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="nhsuk-card bevan-verify">
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading nhsuk-heading-m">Has the trail been altered?</h2>
        <p className="nhsuk-card__description">
          Checks every event's seal under the audit key, the links between events, and the checkpoints kept
          outside the application state: an edited, removed, inserted or reordered event, or removed newest
          events, are found.
        </p>
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary"
          disabled={busy}
          onClick={verify}
        >
          {busy ? "Verifying…" : "Verify the audit trail"}
        </button>
        <div role="status" aria-live="polite" data-testid="audit-verify">
          {error && <p className="bevan-verify-broken">{error}</p>}
          {result &&
            (result.ok ? (
              <p className="bevan-verify-ok">
                <strong className="nhsuk-tag nhsuk-tag--green">Intact</strong> {fmtInt(result.events)} events
                verified;{" "}
                {result.checkpoints.checked > 0
                  ? `${fmtInt(result.checkpoints.checked)} checkpoints kept outside the state agree (the newest at event ${fmtInt(result.checkpoints.latestSeq)}).`
                  : "no checkpoint file is kept for this server."}
                {result.checkpoints.restores.map((r) => (
                  <span key={r.at}> Restored from a backup on {fmtWhen(r.at)}.</span>
                ))}
              </p>
            ) : (
              <p className="bevan-verify-broken">
                <strong className="nhsuk-tag nhsuk-tag--red">Altered</strong> The trail is broken at event{" "}
                {fmtInt(result.brokenAt ?? 0)}: {result.reason}. Keep the server as it is and tell your
                information governance lead.
              </p>
            ))}
        </div>
      </div>
    </div>
  );
}

/** The filters as the URL holds them. */
function filterOf(query: URLSearchParams): AuditFilter {
  const get = (k: string) => query.get(k) || undefined;
  const day = (k: string, end: boolean) => {
    const v = get(k);
    return v && /^\d{4}-\d{2}-\d{2}$/.test(v)
      ? new Date(Date.parse(`${v}T00:00:00Z`) + (end ? 86_400_000 : 0)).toISOString()
      : undefined;
  };
  const before = Number(get("before"));
  return {
    user: get("user"),
    kind: get("kind") as AuditFilter["kind"],
    flag: query.get("flag") === "break-glass" ? "break-glass" : undefined,
    person: get("person"),
    from: day("from", false),
    to: day("to", true),
    before: Number.isInteger(before) && before > 0 ? before : undefined,
    order: "newest",
    limit: PAGE,
  };
}

function Filters({ query, users }: { query: URLSearchParams; users: string[] }) {
  const [f, setF] = useState({
    user: query.get("user") ?? "",
    kind: query.get("kind") ?? "",
    from: query.get("from") ?? "",
    to: query.get("to") ?? "",
    person: query.get("person") ?? "",
    flag: query.get("flag") === "break-glass",
  });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    const q = new URLSearchParams();
    for (const k of ["user", "kind", "from", "to", "person"] as const) if (f[k]) q.set(k, f[k].trim());
    if (f.flag) q.set("flag", "break-glass");
    navigate(`/admin/audit${q.size ? `?${q}` : ""}`);
  };
  return (
    <form onSubmit={apply} className="bevan-audit-filters" aria-label="Filter the audit trail">
      <div className="bevan-controls">
        <div className="nhsuk-form-group bevan-inline-field">
          <label className="nhsuk-label" htmlFor="f-user">
            Who
          </label>
          <select
            className="nhsuk-select"
            id="f-user"
            value={f.user}
            onChange={(e) => setF({ ...f, user: e.target.value })}
          >
            <option value="">Anyone</option>
            {users.map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </select>
        </div>
        <div className="nhsuk-form-group bevan-inline-field">
          <label className="nhsuk-label" htmlFor="f-kind">
            What
          </label>
          <select
            className="nhsuk-select"
            id="f-kind"
            value={f.kind}
            onChange={(e) => setF({ ...f, kind: e.target.value })}
          >
            {AUDIT_KINDS.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
        </div>
        <div className="nhsuk-form-group bevan-inline-field">
          <label className="nhsuk-label" htmlFor="f-from">
            From (day)
          </label>
          <input
            className="nhsuk-input"
            id="f-from"
            type="date"
            value={f.from}
            onChange={(e) => setF({ ...f, from: e.target.value })}
          />
        </div>
        <div className="nhsuk-form-group bevan-inline-field">
          <label className="nhsuk-label" htmlFor="f-to">
            To (day)
          </label>
          <input
            className="nhsuk-input"
            id="f-to"
            type="date"
            value={f.to}
            onChange={(e) => setF({ ...f, to: e.target.value })}
          />
        </div>
        <div className="nhsuk-form-group bevan-inline-field">
          <label className="nhsuk-label" htmlFor="f-person">
            Person (pseudonymous id)
          </label>
          <input
            className="nhsuk-input nhsuk-input--width-20"
            id="f-person"
            inputMode="numeric"
            value={f.person}
            onChange={(e) => setF({ ...f, person: e.target.value })}
          />
        </div>
      </div>
      <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
        <div className="nhsuk-checkboxes__item">
          <input
            className="nhsuk-checkboxes__input"
            id="f-flag"
            type="checkbox"
            checked={f.flag}
            onChange={(e) => setF({ ...f, flag: e.target.checked })}
          />
          <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="f-flag">
            Only what was done under break-glass
          </label>
        </div>
      </div>
      <button className="nhsuk-button bevan-filter-button" type="submit">
        Show events
      </button>
    </form>
  );
}

export function AuditPage({ me, route }: PageProps) {
  const key = route.query.toString();
  const events = useData(() => api.audit(filterOf(route.query)), [key]);
  const users = useData(
    () =>
      can(me, "users:manage")
        ? api.adminUsers().then((r) => r.users.map((u) => u.username))
        : Promise.resolve([]),
    [],
  );
  const older = (rows: AuditEventBody[]) => {
    const q = new URLSearchParams(route.query);
    q.set("before", String(rows.at(-1)?.seq ?? 0));
    return `/admin/audit?${q}`;
  };
  return (
    <AdminPage
      me={me}
      title="Audit trail"
      lede="Every patient-level read, sign-in and change, newest first. Reading the trail is itself recorded."
    >
      <Verification />
      <Async data={users} what="users">
        {(u) => <Filters key={key} query={route.query} users={u} />}
      </Async>
      <Async data={events} what="audit events">
        {(r) =>
          r.events.length === 0 ? (
            <Empty>No event matches these filters.</Empty>
          ) : (
            <>
              <DataTable
                caption={`Events${route.query.get("before") ? ` before event ${route.query.get("before")}` : ""}, newest first`}
                rows={r.events}
                initialSort={{ id: "seq", desc: true }}
                columns={[
                  {
                    id: "seq",
                    header: "Event",
                    numeric: true,
                    value: (e) => e.seq,
                    render: (e) => fmtInt(e.seq),
                  },
                  { id: "at", header: "When", value: (e) => e.at, render: (e) => fmtWhen(e.at) },
                  {
                    id: "who",
                    header: "Who",
                    value: (e) => e.username ?? "",
                    render: (e) => (
                      <>
                        {e.username ?? (e.action.startsWith("auth.") ? "unknown name" : "the system")}
                        {e.role && <span className="nhsuk-body-s bevan-muted"> ({e.role})</span>}
                      </>
                    ),
                  },
                  {
                    id: "what",
                    header: "What",
                    value: (e) => actionLabel(e.action),
                    render: (e) => (
                      <>
                        {actionLabel(e.action)}
                        {e.flags.includes("break-glass") && (
                          <>
                            {" "}
                            <strong className="nhsuk-tag nhsuk-tag--red">Break-glass</strong>
                          </>
                        )}
                      </>
                    ),
                  },
                  { id: "detail", header: "Details", value: (e) => eventDetail(e) },
                  { id: "from", header: "From", value: (e) => e.clientIp ?? "command line" },
                ]}
              />
              {r.events.length === PAGE && (
                <p>
                  <a
                    href={older(r.events)}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(older(r.events));
                    }}
                  >
                    Older events
                  </a>
                </p>
              )}
            </>
          )
        }
      </Async>
    </AdminPage>
  );
}
