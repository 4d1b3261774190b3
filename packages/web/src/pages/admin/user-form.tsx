// Adding a user, or changing a user's role and scopes. Each role shows its purpose and what
// it may see of patients; organisations are chosen by name. The answer says whether the
// change is made, or waits for a second administrator (and why).
import type { AdminOrganisation, AdminRole, AdminUser, UserChange } from "@bevan/client";
import { type FormEvent, useState } from "react";
import { api } from "../../api.ts";
import { Async } from "../../components/states.tsx";
import type { PageProps } from "../../page.ts";
import { navigate } from "../../router.ts";
import { useData } from "../../use-data.ts";
import { AdminPage, type Outcome, OutcomePanel, useActions } from "./admin-parts.tsx";
import { LEVEL_LABELS, PATIENT_DATA_LABELS, PURPOSE_LABELS } from "./labels.ts";

type Scope = { level: "icb" | "place" | "pcn" | "practice" | "trust"; code: string };

const outcomeOf = (change: UserChange, done: string): Outcome =>
  change.pending
    ? {
        kind: "pending",
        text: `Waiting for a second administrator: ${change.request.why}. Another administrator approves it under Approvals and break-glass.`,
      }
    : { kind: "done", text: done };

/** Roles as radios, each with its purpose and what it may see of patients. */
function RolePicker({
  roles,
  value,
  onChange,
}: {
  roles: AdminRole[];
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <div className="nhsuk-form-group">
      <fieldset className="nhsuk-fieldset" aria-describedby="role-hint">
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Role</legend>
        <div className="nhsuk-hint" id="role-hint">
          The role decides what the user may do; its purpose decides which patients' data it is used for.
        </div>
        <div className="nhsuk-radios">
          {roles.map((r) => (
            <div key={r.code} className="nhsuk-radios__item">
              <input
                className="nhsuk-radios__input"
                id={`role-${r.code}`}
                name="role"
                type="radio"
                value={r.code}
                checked={value === r.code}
                onChange={() => onChange(r.code)}
                aria-describedby={`role-${r.code}-hint`}
              />
              <label className="nhsuk-label nhsuk-radios__label" htmlFor={`role-${r.code}`}>
                {r.name}
              </label>
              <div className="nhsuk-hint nhsuk-radios__hint" id={`role-${r.code}-hint`}>
                {PURPOSE_LABELS[r.purpose]}. Patient data: {PATIENT_DATA_LABELS[r.patientData]?.toLowerCase()}
                .
              </div>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

/** The organisations chosen, each removable, and a picker to add one by name. */
function ScopePicker({
  orgs,
  scopes,
  onChange,
}: {
  orgs: AdminOrganisation[];
  scopes: Scope[];
  onChange: (s: Scope[]) => void;
}) {
  const [pick, setPick] = useState("");
  const byKey = new Map(orgs.map((o) => [`${o.level}:${o.code}`, o]));
  const levels = ["icb", "place", "pcn", "practice", "trust"].filter((l) => orgs.some((o) => o.level === l));
  return (
    <div className="nhsuk-form-group">
      <fieldset className="nhsuk-fieldset">
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Organisations (scope)</legend>
        {scopes.length === 0 ? (
          <p className="nhsuk-body-s">None yet: the user will see no patient and no figure.</p>
        ) : (
          <ul className="nhsuk-list bevan-scope-list">
            {scopes.map((s) => (
              <li key={`${s.level}:${s.code}`}>
                {LEVEL_LABELS[s.level]} {byKey.get(`${s.level}:${s.code}`)?.name ?? s.code}{" "}
                <button
                  type="button"
                  className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                  onClick={() => onChange(scopes.filter((x) => x !== s))}
                >
                  Remove
                  <span className="nhsuk-u-visually-hidden">
                    {" "}
                    {byKey.get(`${s.level}:${s.code}`)?.name ?? s.code}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="bevan-controls">
          <div className="nhsuk-form-group bevan-inline-field">
            <label className="nhsuk-label" htmlFor="scope-pick">
              Add an organisation
            </label>
            <select
              className="nhsuk-select"
              id="scope-pick"
              value={pick}
              onChange={(e) => setPick(e.target.value)}
            >
              <option value="">Choose…</option>
              {levels.map((l) => (
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
            </select>
          </div>
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary bevan-inline-button"
            disabled={!pick}
            onClick={() => {
              const o = byKey.get(pick);
              if (o && !scopes.some((s) => s.level === o.level && s.code === o.code))
                onChange([...scopes, { level: o.level as Scope["level"], code: o.code }]);
              setPick("");
            }}
          >
            Add
          </button>
        </div>
      </fieldset>
    </div>
  );
}

function TextField(props: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  type?: string;
  onChange: (v: string) => void;
}) {
  return (
    <div className="nhsuk-form-group">
      <label className="nhsuk-label" htmlFor={props.id}>
        {props.label}
      </label>
      {props.hint && (
        <div className="nhsuk-hint" id={`${props.id}-hint`}>
          {props.hint}
        </div>
      )}
      <input
        className="nhsuk-input nhsuk-u-width-two-thirds"
        id={props.id}
        type={props.type ?? "text"}
        value={props.value}
        autoComplete="off"
        aria-describedby={props.hint ? `${props.id}-hint` : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}

const EMPTY = { username: "", displayName: "", role: "", issuer: "", subject: "", password: "" };

function NewUserForm({ roles, orgs }: { roles: AdminRole[]; orgs: AdminOrganisation[] }) {
  const actions = useActions();
  const [f, setF] = useState(EMPTY);
  const [how, setHow] = useState<"oidc" | "password">("oidc");
  const [scopes, setScopes] = useState<Scope[]>([]);
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void actions.run(async () => {
      const change = await api.addUser({
        username: f.username.trim(),
        displayName: f.displayName.trim() || f.username.trim(),
        role: f.role,
        scopes,
        ...(how === "password"
          ? { password: f.password }
          : { oidc: { issuer: f.issuer.trim(), subject: f.subject.trim() } }),
      });
      // Made or asked for: the form is ready for the next user.
      setF(EMPTY);
      setScopes([]);
      return outcomeOf(change, `${change.user.displayName} can now sign in.`);
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <OutcomePanel outcome={actions.outcome} />
      <TextField
        id="username"
        label="Username"
        hint="Letters, digits and . _ @ -"
        value={f.username}
        onChange={set("username")}
      />
      <TextField id="display-name" label="Name shown" value={f.displayName} onChange={set("displayName")} />
      <RolePicker roles={roles} value={f.role} onChange={set("role")} />
      <ScopePicker orgs={orgs} scopes={scopes} onChange={setScopes} />
      <div className="nhsuk-form-group">
        <fieldset className="nhsuk-fieldset">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">How they sign in</legend>
          <div className="nhsuk-radios">
            {(
              [
                ["oidc", "Through the organisation's identity provider (for example NHS CIS2)"],
                [
                  "password",
                  "A local password (the embedded demo; a second administrator approves patient data)",
                ],
              ] as const
            ).map(([v, label]) => (
              <div key={v} className="nhsuk-radios__item">
                <input
                  className="nhsuk-radios__input"
                  id={`how-${v}`}
                  name="how"
                  type="radio"
                  checked={how === v}
                  onChange={() => setHow(v)}
                />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor={`how-${v}`}>
                  {label}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      {how === "oidc" ? (
        <>
          <TextField
            id="issuer"
            label="Identity provider (issuer URL)"
            value={f.issuer}
            onChange={set("issuer")}
          />
          <TextField
            id="subject"
            label="Their subject at the identity provider"
            value={f.subject}
            onChange={set("subject")}
          />
        </>
      ) : (
        <TextField
          id="password"
          label="Password"
          hint="At least 12 characters"
          type="password"
          value={f.password}
          onChange={set("password")}
        />
      )}
      <button className="nhsuk-button" type="submit" disabled={actions.busy}>
        Add user
      </button>
    </form>
  );
}

function ChangeUserForm({
  user,
  roles,
  orgs,
}: {
  user: AdminUser;
  roles: AdminRole[];
  orgs: AdminOrganisation[];
}) {
  const actions = useActions();
  const [role, setRole] = useState(user.role);
  const [scopes, setScopes] = useState<Scope[]>(user.scopes as Scope[]);
  const key = (s: Scope) => `${s.level}:${s.code}`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const before = new Set((user.scopes as Scope[]).map(key));
    const after = new Set(scopes.map(key));
    void actions.run(async () => {
      const change = await api.grantUser(user.username, {
        ...(role !== user.role ? { role } : {}),
        addScopes: scopes.filter((s) => !before.has(key(s))),
        removeScopes: (user.scopes as Scope[]).filter((s) => !after.has(key(s))),
      });
      return outcomeOf(
        change,
        `${user.displayName}'s role and scopes are changed; if anything was taken away, they sign in again.`,
      );
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <OutcomePanel outcome={actions.outcome} />
      <RolePicker roles={roles} value={role} onChange={setRole} />
      <ScopePicker orgs={orgs} scopes={scopes} onChange={setScopes} />
      <button className="nhsuk-button" type="submit" disabled={actions.busy}>
        Save changes
      </button>
    </form>
  );
}

export function UserFormPage({ me, route }: PageProps) {
  const username = route.query.get("user");
  const data = useData(async () => {
    const [roles, orgs, users] = await Promise.all([
      api.adminRoles(),
      api.adminOrganisations(),
      username ? api.adminUsers() : Promise.resolve({ users: [] as AdminUser[] }),
    ]);
    return {
      roles: roles.roles,
      orgs: orgs.organisations,
      user: users.users.find((u) => u.username === username),
    };
  }, [username]);
  return (
    <AdminPage me={me} title={username ? `Change ${username}` : "Add a user"}>
      <p>
        <a
          className="nhsuk-back-link__link"
          href="/admin/users"
          onClick={(e) => {
            e.preventDefault();
            navigate("/admin/users");
          }}
        >
          Back to users
        </a>
      </p>
      <Async data={data} what="roles and organisations">
        {(d) =>
          username ? (
            d.user ? (
              <ChangeUserForm user={d.user} roles={d.roles} orgs={d.orgs} />
            ) : (
              <p>There is no user named {username}.</p>
            )
          ) : (
            <NewUserForm roles={d.roles} orgs={d.orgs} />
          )
        }
      </Async>
    </AdminPage>
  );
}
