// `bevan users list|add|disable|enable|grant`: user administration over application state
// (PGlite beside the warehouse, or PostgreSQL), for administrators at the console. Each
// change is written to the audit trail as done from the command line by the OS user.
import { readFileSync } from "node:fs";
import { userInfo } from "node:os";
import { Warehouse } from "@bevan/engine";
import {
  appendAudit,
  checkRole,
  createUser,
  findUser,
  grantUser,
  InvalidGrantError,
  listUsers,
  parseScope,
  type ScopeGrant,
  type SqlClient,
  setUserDisabled,
  type UserSummary,
} from "@bevan/state";
import { isPostgresUrl, openAppState, STATE_OPTIONS, stateDirFor } from "../app-state.ts";
import type { Command } from "../command.ts";
import { exists } from "../config.ts";
import { UsageError } from "../errors.ts";

const ACTIONS = ["list", "add", "disable", "enable", "grant"] as const;
type Action = (typeof ACTIONS)[number];

export const usersCommand: Command = {
  name: "users",
  summary: "Manage users, roles and scopes: list, add, disable, enable, grant (audited).",
  usage:
    "bevan users list|add|disable|enable|grant [USERNAME] (--db FILE | --state DIR|URL | --database-url URL) [--role R] [--scope LEVEL:CODE,...] [--revoke LEVEL:CODE,...] [--name TEXT] [--password-stdin | --oidc-subject SUB] [--json]",
  options: {
    db: {
      type: "string",
      description:
        "Warehouse file: its state/ folder holds the users; scopes are checked against its organisations.",
      placeholder: "FILE",
    },
    ...STATE_OPTIONS,
    role: {
      type: "string",
      description: "Role code: ics_analyst, commissioner, clinician, care_coordinator, administrator.",
      placeholder: "R",
    },
    scope: {
      type: "string",
      description: "Organisations to add, comma-separated LEVEL:CODE (icb, place, pcn, practice).",
      placeholder: "LEVEL:CODE,...",
    },
    revoke: {
      type: "string",
      description: "Organisations to remove (grant only).",
      placeholder: "LEVEL:CODE,...",
    },
    name: { type: "string", description: "Display name (add; default: the username).", placeholder: "TEXT" },
    "password-stdin": {
      type: "boolean",
      description: "Read a local sign-in password (12+ characters) from the first line of stdin (add).",
    },
    "oidc-subject": {
      type: "string",
      description: "OIDC subject the user signs in as (add; issuer from --oidc-issuer or BEVAN_OIDC_ISSUER).",
      placeholder: "SUB",
    },
    "oidc-issuer": { type: "string", description: "OIDC issuer URL (add).", placeholder: "URL" },
    json: { type: "boolean", description: "Print JSON." },
  },
  examples: [
    "bevan users list --db data/warehouse.duckdb",
    "echo 'a long passphrase' | bevan users add gp.jones --role clinician --scope practice:P91006 --name 'Dr Jones' --password-stdin --db data/warehouse.duckdb",
    "bevan users grant gp.jones --scope pcn:TRF-W-PCN1 --revoke practice:P91006 --state postgres://bevan@db/bevan",
    "bevan users disable gp.jones --db data/warehouse.duckdb",
  ],
  async run(values, positionals) {
    const action = positionals[0] as Action | undefined;
    if (!action || !(ACTIONS as readonly string[]).includes(action))
      throw new UsageError(`say what to do: \`bevan users ${ACTIONS.join("|")}\` (see --help)`);
    const username = positionals[1];
    if (action !== "list" && !username)
      throw new UsageError(`say which user: \`bevan users ${action} USERNAME\``);
    if (!values.db && !values.state && !values["database-url"] && !process.env.BEVAN_DATABASE_URL)
      throw new UsageError("say where the users are: --db FILE, --state DIR|URL or --database-url URL");
    const db = typeof values.db === "string" ? values.db : undefined;
    if (db && !exists(db))
      throw new UsageError(`no warehouse at ${db}: pass the file \`bevan serve\` runs on`);
    const dir =
      typeof values.state === "string" && !isPostgresUrl(values.state)
        ? values.state
        : !values.state && db
          ? stateDirFor(db)
          : undefined;
    // Adding the first users may come before the server first runs; anything else needs state.
    if (action !== "add" && dir && !values["database-url"] && !process.env.BEVAN_DATABASE_URL && !exists(dir))
      throw new UsageError(
        `no application state at ${dir}: add a user first (\`bevan users add\`) or start \`bevan serve\` once`,
      );
    const state = await openAppState(values, db, { owner: `bevan users ${action}` });
    try {
      const user = await runAction(state.db, action, username ?? "", values, db);
      if (action === "list") return 0;
      if (!user) return 0;
      if (values.json) process.stdout.write(`${JSON.stringify(user, null, 2)}\n`);
      else process.stdout.write(`${describeAction(action)} ${line(user)}\n`);
      return 0;
    } finally {
      await state.db.close();
    }
  },
};

async function runAction(
  state: SqlClient,
  action: Action,
  username: string,
  values: Record<string, string | boolean | undefined>,
  db: string | undefined,
): Promise<UserSummary | null> {
  const scopes = (name: "scope" | "revoke") => {
    const v = values[name];
    return typeof v === "string" && v !== "" ? v.split(",").map((s) => parseScope(s.trim())) : [];
  };
  const role = typeof values.role === "string" ? values.role : undefined;
  if (action === "list") {
    const users = await listUsers(state);
    await audit(state, "user.list", {}, users.length);
    if (values.json) process.stdout.write(`${JSON.stringify(users, null, 2)}\n`);
    else if (users.length === 0) process.stdout.write("no users yet: add one with `bevan users add`\n");
    else for (const u of users) process.stdout.write(`${line(u)}\n`);
    return null;
  }
  if (action === "add") {
    if (!role) throw new UsageError("--role is required for `bevan users add`");
    await checkRole(state, role);
    const add = scopes("scope");
    if (db) await checkOrganisations(db, add);
    const password = values["password-stdin"] ? readPassword() : undefined;
    const subject = typeof values["oidc-subject"] === "string" ? values["oidc-subject"] : undefined;
    const issuer =
      typeof values["oidc-issuer"] === "string" ? values["oidc-issuer"] : process.env.BEVAN_OIDC_ISSUER;
    if (subject && !issuer) throw new UsageError("--oidc-subject needs --oidc-issuer (or BEVAN_OIDC_ISSUER)");
    if (password === undefined && !subject)
      throw new UsageError(
        `say how ${username} signs in: --password-stdin (local sign-in) or --oidc-subject SUB (OIDC)`,
      );
    await createUser(state, {
      username,
      displayName: typeof values.name === "string" ? values.name : username,
      role,
      scopes: add,
      ...(password === undefined ? {} : { password }),
      ...(subject && issuer ? { oidc: { issuer, subject } } : {}),
    });
    const user = await findUser(state, username);
    await audit(state, "user.create", { username, role, scopes: user.scopes, signIn: user.signIn }, 1);
    return user;
  }
  if (action === "disable" || action === "enable") {
    const user = await setUserDisabled(state, username, action === "disable");
    await audit(state, `user.${action}`, { username }, 1);
    return user;
  }
  const add = scopes("scope");
  const remove = scopes("revoke");
  if (!role && add.length === 0 && remove.length === 0)
    throw new UsageError(
      "say what to grant: --role R, --scope LEVEL:CODE,... and/or --revoke LEVEL:CODE,...",
    );
  if (db) await checkOrganisations(db, add);
  const user = await grantUser(state, username, { ...(role ? { role } : {}), add, remove });
  await audit(state, "user.grant", { username, role: role ?? null, added: add, removed: remove }, 1);
  return user;
}

function readPassword(): string {
  const first = readFileSync(0, "utf8").split(/\r?\n/)[0] ?? "";
  if (first.length < 12) throw new UsageError("the password on stdin must be at least 12 characters");
  return first;
}

/** Scopes name organisations of their level in the warehouse. */
async function checkOrganisations(db: string, scopes: readonly ScopeGrant[]): Promise<void> {
  if (scopes.length === 0) return;
  const wh = await Warehouse.open(db, { readOnly: true });
  try {
    const rows = await wh.all<{ org_code: string; org_type: string }>(
      `SELECT org_code, org_type FROM organisation WHERE org_code IN (${scopes.map(() => "?").join(", ")})`,
      scopes.map((s) => s.code),
    );
    for (const s of scopes)
      if (!rows.some((r) => r.org_code === s.code && r.org_type === s.level))
        throw new InvalidGrantError(`no ${s.level} with code ${s.code} in the warehouse's organisations`);
  } finally {
    wh.close();
  }
}

function audit(state: SqlClient, action: string, params: Record<string, unknown>, rows: number) {
  return appendAudit(state, {
    userId: null,
    username: `cli:${userInfo().username}`,
    role: null,
    scope: [],
    action,
    endpoint: `cli bevan users ${action.slice("user.".length)}`,
    params,
    rowCount: rows,
    personIds: [],
    clientIp: null,
  });
}

function describeAction(action: Action): string {
  return { list: "", add: "added", disable: "disabled", enable: "enabled", grant: "updated" }[action];
}

function line(u: UserSummary): string {
  const scopes = u.scopes.map((s) => `${s.level}:${s.code}`).join(",") || "(no scope)";
  const flags = [u.disabled ? "DISABLED" : "", u.isDemo ? "demo" : "", `sign-in: ${u.signIn}`].filter(
    Boolean,
  );
  return `${u.username}\t${u.role}\t${scopes}\t${u.displayName}\t${flags.join(", ")}`;
}
