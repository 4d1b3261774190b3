// Approvals and break-glass: changes waiting for a second administrator (approve or reject
// the ones another administrator asked for, not ones for you), and emergency access (break
// the glass for another user, end a grant early, review one someone else gave).
import type {
  AdminAccessRequest,
  AdminBreakGlass,
  AdminOrganisation,
  AdminRole,
  AdminUser,
} from "@bevan/client";
import { type FormEvent, useState } from "react";
import { api } from "../../api.ts";
import { DataTable } from "../../components/data-table.tsx";
import { Async, Empty } from "../../components/states.tsx";
import type { PageProps } from "../../page.ts";
import { useData } from "../../use-data.ts";
import { AdminPage, OutcomePanel, useActions } from "./admin-parts.tsx";
import { fmtWhen, LEVEL_LABELS, scopeLabel } from "./labels.ts";

function changeText(
  r: AdminAccessRequest,
  roles: Map<string, AdminRole>,
  names: Map<string, string>,
): string {
  const parts: string[] = [];
  if (r.kind === "create") parts.push("new account");
  if (r.role) parts.push(`role ${roles.get(r.role)?.name ?? r.role}`);
  if (r.addScopes.length) parts.push(`add ${scopeLabel(r.addScopes, names)}`);
  if (r.removeScopes.length) parts.push(`remove ${scopeLabel(r.removeScopes, names)}`);
  return parts.join("; ");
}

function BreakGlassForm({
  me,
  users,
  roles,
  orgs,
  actions,
}: {
  me: PageProps["me"];
  users: AdminUser[];
  roles: AdminRole[];
  orgs: AdminOrganisation[];
  /** The page's actions: the outcome shows at the top of the page, which reloads after it. */
  actions: ReturnType<typeof useActions>;
}) {
  const [f, setF] = useState({ username: "", role: "", org: "", hours: "4", reason: "" });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) =>
    setF({ ...f, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const [level, code] = f.org.split(":");
    void actions.run(async () => {
      const { grant } = await api.breakGlass({
        username: f.username,
        role: f.role,
        scopes: level && code ? [{ level: level as "practice", code }] : [],
        reason: f.reason.trim(),
        hours: Number(f.hours),
      });
      return {
        kind: "done",
        text: `${grant.username} has the ${roles.find((r) => r.code === grant.role)?.name ?? grant.role} role over ${scopeLabel(grant.scopes, new Map(orgs.map((o) => [o.code, o.name])))} until ${fmtWhen(grant.expiresAt)}. Everything they do is flagged; another administrator reviews it.`,
      };
    });
  };
  const field = (id: string, label: string, control: React.ReactNode, hint?: string) => (
    <div className="nhsuk-form-group">
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div className="nhsuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {control}
    </div>
  );
  return (
    <form onSubmit={submit} noValidate className="bevan-break-glass-form">
      {field(
        "bg-user",
        "Who needs it",
        <select className="nhsuk-select" id="bg-user" value={f.username} onChange={set("username")}>
          <option value="">Choose…</option>
          {users
            .filter((u) => u.username !== me.username && !u.disabled)
            .map((u) => (
              <option key={u.username} value={u.username}>
                {u.displayName} ({u.username})
              </option>
            ))}
        </select>,
      )}
      {field(
        "bg-role",
        "Role for the emergency",
        <select className="nhsuk-select" id="bg-role" value={f.role} onChange={set("role")}>
          <option value="">Choose…</option>
          {roles
            .filter((r) => r.purpose === "direct_care")
            .map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
        </select>,
      )}
      {field(
        "bg-org",
        "Organisation",
        <select className="nhsuk-select" id="bg-org" value={f.org} onChange={set("org")}>
          <option value="">Choose…</option>
          {["practice", "pcn", "place"].map((l) => (
            <optgroup key={l} label={LEVEL_LABELS[l]}>
              {orgs
                .filter((o) => o.level === l)
                .map((o) => (
                  <option key={o.code} value={`${o.level}:${o.code}`}>
                    {o.name} ({o.code})
                  </option>
                ))}
            </optgroup>
          ))}
        </select>,
      )}
      {field(
        "bg-hours",
        "For how long",
        <select className="nhsuk-select" id="bg-hours" value={f.hours} onChange={set("hours")}>
          {[1, 2, 4, 8, 12, 24].map((h) => (
            <option key={h} value={h}>
              {h} {h === 1 ? "hour" : "hours"}
            </option>
          ))}
        </select>,
      )}
      {field(
        "bg-reason",
        "Why",
        <textarea
          className="nhsuk-textarea"
          id="bg-reason"
          rows={3}
          value={f.reason}
          onChange={set("reason")}
          aria-describedby="bg-reason-hint"
        />,
        "A sentence the reviewer can check, for example the emergency and the patient's practice",
      )}
      <button className="nhsuk-button nhsuk-button--warning" type="submit" disabled={actions.busy}>
        Break the glass
      </button>
    </form>
  );
}

export function AccessPage({ me }: PageProps) {
  const actions = useActions();
  const data = useData(async () => {
    const [requests, grants, users, roles, orgs] = await Promise.all([
      api.accessRequests(),
      api.breakGlassGrants(),
      api.adminUsers(),
      api.adminRoles(),
      api.adminOrganisations(),
    ]);
    return {
      requests: requests.requests,
      grants: grants.grants,
      users: users.users,
      roles: roles.roles,
      roleMap: new Map(roles.roles.map((r) => [r.code, r])),
      orgs: orgs.organisations,
      names: new Map(orgs.organisations.map((o) => [o.code, o.name])),
    };
  }, [actions.reload]);
  const decide = (r: AdminAccessRequest, approve: boolean) =>
    actions.run(async () => {
      await api.decideAccessRequest(r.id, approve);
      return {
        kind: "done",
        text: approve
          ? `Approved: the change for ${r.username} is made.`
          : `Rejected the change for ${r.username}.`,
      };
    });
  const end = (g: AdminBreakGlass) =>
    actions.run(async () => {
      await api.endBreakGlass(g.id);
      return { kind: "done", text: `${g.username}'s break-glass grant has ended.` };
    });
  const [notes, setNotes] = useState<Record<string, string>>({});
  const review = (g: AdminBreakGlass) =>
    actions.run(async () => {
      await api.reviewBreakGlass(g.id, notes[g.id] ?? "");
      return { kind: "done", text: `Review of ${g.username}'s break-glass grant recorded.` };
    });
  return (
    <AdminPage
      me={me}
      title="Approvals and break-glass"
      lede="Changes that would give patient data, or administration, to an account an administrator could use wait here for a second administrator."
    >
      <OutcomePanel outcome={actions.outcome} />
      <Async data={data} what="requests and grants">
        {(d) => {
          const pending = d.requests.filter((r) => r.status === "pending");
          const decided = d.requests.filter((r) => r.status !== "pending").slice(0, 20);
          return (
            <>
              <h2>Waiting for a second administrator</h2>
              {pending.length === 0 ? (
                <Empty>No change is waiting for approval.</Empty>
              ) : (
                <DataTable
                  caption="Changes waiting for approval"
                  rows={pending}
                  columns={[
                    { id: "user", header: "For", value: (r) => r.username },
                    { id: "change", header: "Change", value: (r) => changeText(r, d.roleMap, d.names) },
                    { id: "why", header: "Why it needs approval", value: (r) => r.why },
                    {
                      id: "by",
                      header: "Asked by",
                      value: (r) => `${r.requestedBy}, ${fmtWhen(r.requestedAt)}`,
                    },
                    {
                      id: "decide",
                      header: "Decide",
                      sortable: false,
                      value: () => null,
                      render: (r) =>
                        r.requestedBy === me.username || r.username === me.username ? (
                          <span className="nhsuk-body-s">
                            {r.username === me.username ? "It is for you" : "You asked for it"}: another
                            administrator decides.
                          </span>
                        ) : (
                          <div className="bevan-row-actions">
                            <button
                              type="button"
                              className="nhsuk-button nhsuk-button--small"
                              disabled={actions.busy}
                              onClick={() => decide(r, true)}
                            >
                              Approve
                              <span className="nhsuk-u-visually-hidden"> the change for {r.username}</span>
                            </button>
                            <button
                              type="button"
                              className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                              disabled={actions.busy}
                              onClick={() => decide(r, false)}
                            >
                              Reject
                              <span className="nhsuk-u-visually-hidden"> the change for {r.username}</span>
                            </button>
                          </div>
                        ),
                    },
                  ]}
                />
              )}
              <h2>Break-glass grants</h2>
              {d.grants.length === 0 ? (
                <Empty>No one has had emergency access.</Empty>
              ) : (
                <DataTable
                  caption="Emergency access, newest first"
                  rows={d.grants}
                  columns={[
                    {
                      id: "user",
                      header: "Who",
                      value: (g) => g.username,
                      render: (g) => (
                        <>
                          {g.username}{" "}
                          {g.active ? (
                            <strong className="nhsuk-tag nhsuk-tag--red">Active</strong>
                          ) : (
                            <strong className="nhsuk-tag nhsuk-tag--grey">Ended</strong>
                          )}
                        </>
                      ),
                    },
                    {
                      id: "what",
                      header: "Role and organisations",
                      value: (g) =>
                        `${d.roleMap.get(g.role)?.name ?? g.role}: ${scopeLabel(g.scopes, d.names)}`,
                    },
                    { id: "reason", header: "Why", value: (g) => g.reason },
                    {
                      id: "when",
                      header: "When",
                      value: (g) => g.grantedAt,
                      render: (g) =>
                        `by ${g.grantedBy}, ${fmtWhen(g.grantedAt)}; ${g.endedAt ? `ended ${fmtWhen(g.endedAt)}` : `until ${fmtWhen(g.expiresAt)}`}`,
                    },
                    {
                      id: "review",
                      header: "Review",
                      sortable: false,
                      value: (g) => g.reviewedAt ?? "",
                      render: (g) =>
                        g.reviewedAt ? (
                          `${g.reviewedBy}: ${g.reviewNote}`
                        ) : g.grantedBy === me.username || g.username === me.username ? (
                          <>
                            <strong className="nhsuk-tag nhsuk-tag--orange">Waiting for review</strong>{" "}
                            <span className="nhsuk-body-s">by another administrator</span>
                          </>
                        ) : (
                          <div className="bevan-row-actions">
                            <label className="nhsuk-u-visually-hidden" htmlFor={`note-${g.id}`}>
                              What the review of {g.username}'s grant found
                            </label>
                            <input
                              className="nhsuk-input bevan-review-note"
                              id={`note-${g.id}`}
                              placeholder="What the review found"
                              value={notes[g.id] ?? ""}
                              onChange={(e) => setNotes({ ...notes, [g.id]: e.target.value })}
                            />
                            <button
                              type="button"
                              className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                              disabled={actions.busy}
                              onClick={() => review(g)}
                            >
                              Record review
                              <span className="nhsuk-u-visually-hidden"> of {g.username}'s grant</span>
                            </button>
                          </div>
                        ),
                    },
                    {
                      id: "end",
                      header: "End",
                      sortable: false,
                      value: () => null,
                      render: (g) =>
                        g.active ? (
                          <button
                            type="button"
                            className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                            disabled={actions.busy}
                            onClick={() => end(g)}
                          >
                            End now<span className="nhsuk-u-visually-hidden"> {g.username}'s grant</span>
                          </button>
                        ) : (
                          "–"
                        ),
                    },
                  ]}
                />
              )}
              <h2>Break the glass</h2>
              <p>
                For an emergency only: give another user a direct-care role over an organisation now, without
                a second administrator, for at most 24 hours.
              </p>
              <BreakGlassForm me={me} users={d.users} roles={d.roles} orgs={d.orgs} actions={actions} />
              {decided.length > 0 && (
                <>
                  <h2>Recent decisions</h2>
                  <DataTable
                    caption="Changes decided or expired, newest first"
                    rows={decided}
                    columns={[
                      { id: "user", header: "For", value: (r) => r.username },
                      { id: "change", header: "Change", value: (r) => changeText(r, d.roleMap, d.names) },
                      {
                        id: "status",
                        header: "Outcome",
                        value: (r) =>
                          r.status === "expired"
                            ? "Expired (nobody decided in 7 days)"
                            : `${r.status === "approved" ? "Approved" : "Rejected"} by ${r.decidedBy}, ${fmtWhen(r.decidedAt)}`,
                      },
                      { id: "by", header: "Asked by", value: (r) => r.requestedBy },
                    ]}
                  />
                </>
              )}
            </>
          );
        }}
      </Async>
    </AdminPage>
  );
}
