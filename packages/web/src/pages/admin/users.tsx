// Users: everyone who can sign in, their role (with its purpose) and scopes, how they sign
// in, whether they are active; disable or enable one, change their role or scopes, add one.
import type { AdminUser } from "@bevan/client";
import { api } from "../../api.ts";
import { DataTable } from "../../components/data-table.tsx";
import { Async } from "../../components/states.tsx";
import type { PageProps } from "../../page.ts";
import { navigate } from "../../router.ts";
import { useData } from "../../use-data.ts";
import { AdminPage, OutcomePanel, useActions } from "./admin-parts.tsx";
import { PURPOSE_LABELS, scopeLabel } from "./labels.ts";

const SIGN_IN: Record<AdminUser["signIn"], string> = {
  password: "Local password",
  oidc: "Identity provider",
  none: "Not set up",
};

export function UsersPage({ me }: PageProps) {
  const actions = useActions();
  const data = useData(async () => {
    const [users, roles, orgs, requests] = await Promise.all([
      api.adminUsers(),
      api.adminRoles(),
      api.adminOrganisations(),
      api.accessRequests("pending"),
    ]);
    return {
      users: users.users,
      roles: new Map(roles.roles.map((r) => [r.code, r])),
      names: new Map(orgs.organisations.map((o) => [o.code, o.name])),
      waiting: new Set(requests.requests.map((r) => r.username)),
    };
  }, [actions.reload]);
  const toggle = (u: AdminUser) =>
    actions.run(async () => {
      await api.setUserEnabled(u.username, u.disabled);
      return {
        kind: "done",
        text: u.disabled
          ? `${u.displayName} can sign in again.`
          : `${u.displayName} is disabled: their sessions have ended and they cannot sign in.`,
      };
    });
  return (
    <AdminPage
      me={me}
      title="Users"
      lede="Everyone who can sign in to Bevan. A change that would give patient data to an account an administrator could use waits for a second administrator."
    >
      <p>
        <a
          className="nhsuk-button"
          href="/admin/users/new"
          onClick={(e) => {
            e.preventDefault();
            navigate("/admin/users/new");
          }}
        >
          Add a user
        </a>
      </p>
      <OutcomePanel outcome={actions.outcome} />
      <Async data={data} what="users">
        {(d) => (
          <DataTable
            caption={`${d.users.length} users`}
            rows={d.users}
            initialSort={{ id: "name", desc: false }}
            columns={[
              {
                id: "name",
                header: "Name",
                value: (u) => u.displayName,
                render: (u) => (
                  <>
                    {u.displayName}
                    <br />
                    <span className="nhsuk-body-s bevan-muted">{u.username}</span>
                    {u.isDemo && (
                      <>
                        {" "}
                        <strong className="nhsuk-tag nhsuk-tag--yellow">Demo</strong>
                      </>
                    )}
                  </>
                ),
              },
              {
                id: "role",
                header: "Role",
                value: (u) => d.roles.get(u.role)?.name ?? u.role,
                render: (u) => {
                  const role = d.roles.get(u.role);
                  return (
                    <>
                      {role?.name ?? u.role}
                      <br />
                      <span className="nhsuk-body-s bevan-muted">
                        {PURPOSE_LABELS[role?.purpose ?? ""] ?? ""}
                      </span>
                    </>
                  );
                },
              },
              { id: "scope", header: "Scope", value: (u) => scopeLabel(u.scopes, d.names) },
              { id: "signIn", header: "Signs in with", value: (u) => SIGN_IN[u.signIn] },
              {
                id: "status",
                header: "Status",
                value: (u) =>
                  d.waiting.has(u.username) ? "Waiting for approval" : u.disabled ? "Disabled" : "Active",
                render: (u) =>
                  d.waiting.has(u.username) ? (
                    <strong className="nhsuk-tag nhsuk-tag--orange">Waiting for approval</strong>
                  ) : u.disabled ? (
                    <strong className="nhsuk-tag nhsuk-tag--grey">Disabled</strong>
                  ) : (
                    <strong className="nhsuk-tag nhsuk-tag--green">Active</strong>
                  ),
              },
              {
                id: "actions",
                header: "Actions",
                sortable: false,
                value: () => null,
                render: (u) =>
                  u.username === me.username ? (
                    <span className="nhsuk-body-s">You (another administrator changes your account)</span>
                  ) : (
                    <div className="bevan-row-actions">
                      <a
                        href={`/admin/users/edit?user=${encodeURIComponent(u.username)}`}
                        onClick={(e) => {
                          e.preventDefault();
                          navigate(`/admin/users/edit?user=${encodeURIComponent(u.username)}`);
                        }}
                      >
                        Change role or scopes
                        <span className="nhsuk-u-visually-hidden"> of {u.displayName}</span>
                      </a>
                      <button
                        type="button"
                        className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                        disabled={actions.busy || (u.disabled && d.waiting.has(u.username))}
                        onClick={() => toggle(u)}
                      >
                        {u.disabled ? "Enable" : "Disable"}
                        <span className="nhsuk-u-visually-hidden"> {u.displayName}</span>
                      </button>
                    </div>
                  ),
              },
            ]}
          />
        )}
      </Async>
    </AdminPage>
  );
}
