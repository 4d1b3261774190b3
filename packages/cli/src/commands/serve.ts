import type { OidcSettings } from "@bevan/api";
import { isTrinoAddress, openEngine } from "@bevan/engine";
import { openReidentification, reidentificationPath } from "@bevan/ingest";
import { auditHead, demoUsers, headCheckpoint, LOG_MARKER, seedDemoUsers, verifyAudit } from "@bevan/state";
import { openAppState, STATE_OPTIONS } from "../app-state.ts";
import { seedCareDemo } from "../care-demo.ts";
import { type Command, intOption } from "../command.ts";
import { exists } from "../config.ts";
import { UsageError } from "../errors.ts";
import { webRoot } from "../web-root.ts";

export const serveCommand: Command = {
  name: "serve",
  summary:
    "Serve the warehouse over HTTP (API with sign-in, scopes, suppression and audit) until interrupted.",
  usage:
    "bevan serve (--db FILE | --engine trino://HOST:PORT/CATALOG/SCHEMA --state DIR) [--port P] [--host H] [--state DIR | --database-url URL] [--reidentification FILE] [--demo-users]",
  options: {
    db: { type: "string", description: "Warehouse file.", placeholder: "FILE" },
    engine: {
      type: "string",
      description:
        "Serve a Trino schema built by `bevan build --engine` instead of --db (needs --state or --database-url).",
      placeholder: "URL",
    },
    reidentification: {
      type: "string",
      description:
        "With --engine: the re-identification store `bevan ingest` wrote beside the DuckDB warehouse.",
      placeholder: "FILE",
    },
    port: { type: "string", description: "Port to listen on.", default: "8080", placeholder: "P" },
    host: { type: "string", description: "Address to listen on.", default: "127.0.0.1", placeholder: "H" },
    ...STATE_OPTIONS,
    "demo-users": {
      type: "boolean",
      description:
        "Create one demo user per role (password 'demo') and allow local sign-in. Synthetic data only.",
    },
  },
  examples: [
    "bevan serve --db data/warehouse.duckdb --demo-users",
    "bevan serve --engine trino://127.0.0.1:8090/lake/demo --state data/trino-state --demo-users",
    "BEVAN_DATABASE_URL=postgres://bevan@db/bevan BEVAN_OIDC_ISSUER=https://idp.example BEVAN_OIDC_CLIENT_ID=bevan bevan serve --db /srv/warehouse.duckdb",
  ],
  async run(values) {
    const engine = typeof values.engine === "string" ? values.engine : undefined;
    const file = typeof values.db === "string" ? values.db : undefined;
    if (engine && file) throw new UsageError("give --db or --engine, not both");
    const db = engine ?? file;
    if (!db)
      throw new UsageError("--db (or --engine) is required. Run `bevan serve --help` for the options.");
    if (engine) {
      if (!isTrinoAddress(engine)) throw new UsageError(`--engine takes a Trino address (got '${engine}')`);
      if (
        values.state === undefined &&
        values["database-url"] === undefined &&
        !process.env.BEVAN_DATABASE_URL
      )
        throw new UsageError(
          "with --engine, say where the application state lives: --state DIR or --database-url URL",
        );
    } else if (!exists(db))
      throw new UsageError(
        `no warehouse at ${db}: create one with \`bevan demo\` or \`bevan ingest\` + \`bevan build\``,
      );
    await serve(db, intOption(values, "port", 1, 65535), String(values.host), {
      values,
      demoUsers: values["demo-users"] === true,
    });
    return 0;
  },
};

/** OIDC from the environment: BEVAN_OIDC_ISSUER, _CLIENT_ID, _CLIENT_SECRET, _REDIRECT_URI. */
function oidcFromEnv(port: number): OidcSettings | undefined {
  const issuer = process.env.BEVAN_OIDC_ISSUER;
  if (!issuer) return undefined;
  const clientId = process.env.BEVAN_OIDC_CLIENT_ID;
  if (!clientId) throw new UsageError("BEVAN_OIDC_ISSUER is set but BEVAN_OIDC_CLIENT_ID is not: set both");
  return {
    issuer,
    clientId,
    clientSecret: process.env.BEVAN_OIDC_CLIENT_SECRET,
    redirectUri: process.env.BEVAN_OIDC_REDIRECT_URI ?? `http://localhost:${port}/api/auth/oidc/callback`,
    allowInsecure: /^http:\/\/(localhost|127\.0\.0\.1)[:/]/.test(issuer),
  };
}

async function demoOrganisations(db: string) {
  const wh = await openEngine(db, { readOnly: true });
  try {
    // The busiest practice, and the PCN, place and ICB above it.
    const rows = await wh.all<{ practice: string; pcn: string; place: string; icb: string }>(
      `SELECT p.practice_code AS practice, p.pcn_code AS pcn, p.place_code AS place, p.icb_code AS icb
       FROM person_asof p WHERE p.registered AND p.pcn_code IS NOT NULL AND p.place_code IS NOT NULL AND p.icb_code IS NOT NULL
       GROUP BY 1, 2, 3, 4 ORDER BY count(*) DESC, 1 LIMIT 1`,
    );
    const first = rows[0];
    if (!first) throw new UsageError(`the warehouse ${db} has no registered people: run \`bevan build\``);
    return first;
  } finally {
    wh.close();
  }
}

const SHUTDOWN_GRACE_MS = 15_000;
const CHECKPOINT_EVERY_MS = 5 * 60_000;

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export async function serve(
  db: string,
  port: number,
  host: string,
  opts: { values: Record<string, string | boolean | undefined>; demoUsers: boolean },
): Promise<void> {
  if (opts.demoUsers && !isLoopback(host))
    throw new UsageError(
      `--demo-users publishes its passwords ('demo'), so it listens only on this machine (127.0.0.1, ::1 or localhost), not on ${host}: ` +
        "to serve other people, add users with `bevan users add` and sign in through OIDC (BEVAN_OIDC_*)",
    );
  const oidc = oidcFromEnv(port);
  const orgs = opts.demoUsers ? await demoOrganisations(db) : null;
  const state = await openAppState(opts.values, isTrinoAddress(db) ? undefined : db, {
    owner: `bevan serve (port ${port})`,
  });
  let demoNames: string[] = [];
  if (orgs) {
    await seedDemoUsers(state.db, orgs);
    demoNames = demoUsers(orgs).map((u) => u.username);
    const onCaseload = await seedCareDemo(db, state.db, orgs.pcn);
    if (onCaseload)
      process.stderr.write(`serve: demo caseload: ${onCaseload} people at every stage of the pathway\n`);
  }
  // Written by `bevan ingest` beside the warehouse; without it nobody is re-identified.
  const storePath =
    typeof opts.values.reidentification === "string"
      ? opts.values.reidentification
      : isTrinoAddress(db)
        ? "(none: pass --reidentification)"
        : reidentificationPath(db);
  const reidentification = exists(storePath) ? await openReidentification(storePath) : null;
  const web = webRoot();
  // Loaded here, not at the top: the API takes about 2 s to import, which every other command would pay.
  const { createServer } = await import("@bevan/api");
  const server = await createServer({
    db,
    webRoot: web,
    state: state.db,
    reidentification,
    localSignIn: opts.demoUsers,
    demoUsers: demoNames,
    oidc,
    logger: process.env.BEVAN_LOG === "1",
    warmCaches: true,
  });
  // Checkpoints of the audit chain's head in the server log, beside those in the checkpoint
  // file: at start, every few minutes while events are written, and at shutdown.
  let logged = -1;
  const checkpoint = async () => {
    if (!state.audit) return;
    const head = await auditHead(state.db);
    if (head.seq === logged) return;
    logged = head.seq;
    const line = JSON.stringify(headCheckpoint(state.audit.key, head, new Date().toISOString()));
    process.stderr.write(`serve: ${LOG_MARKER}${line}\n`);
  };
  const checkpoints = setInterval(() => void checkpoint().catch(() => undefined), CHECKPOINT_EVERY_MS);
  checkpoints.unref();
  const shutdown = async () => {
    clearInterval(checkpoints);
    await server.close();
    await checkpoint().catch(() => undefined);
    await state.db.close();
    await reidentification?.close();
  };
  try {
    await server.app.listen({ port, host });
  } catch (error) {
    await shutdown();
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      const next = port < 65535 ? port + 1 : 8081;
      // Under `npm start` the option has to pass through npm, hence the `--`.
      const how =
        process.env.npm_lifecycle_event === "start"
          ? `npm start -- --port ${next}`
          : `npm start -- --port ${next}, or --port ${next} on this command`;
      throw new UsageError(
        `port ${port} is already in use: stop whatever is using it, or serve on another port: ${how}`,
      );
    }
    throw error;
  }
  const where = `http://${host === "0.0.0.0" ? "localhost" : host}:${port}/`;
  process.stderr.write(`serve: Bevan is running at ${where} (Ctrl+C to stop)\n`);
  process.stderr.write(
    `serve: application state in ${state.where}${oidc ? `; OIDC sign-in via ${oidc.issuer}` : ""}\n`,
  );
  if (!reidentification)
    process.stderr.write(
      `serve: no re-identification store at ${storePath}, so direct-care users see pseudonymous ids only; \`bevan ingest\` writes it beside the warehouse\n`,
    );
  if (!web)
    process.stderr.write(
      "serve: the web application is not built (run `npm run build -w @bevan/web`); serving the status page at /\n",
    );
  if (demoNames.length > 0)
    process.stderr.write(
      `serve: DEMO users (synthetic data only), password 'demo': ${demoNames.join(", ")}\n`,
    );
  await checkpoint();
  // The whole trail is checked in the background: a long trail must not delay the start.
  void verifyAudit(state.db)
    .then((v) =>
      process.stderr.write(
        v.ok
          ? `serve: audit trail verified: ${v.events} events, ${v.checkpoints.checked} checkpoints agree\n`
          : `serve: WARNING: the audit trail does not verify (event ${v.brokenAt}: ${v.reason}); see \`bevan audit verify\`\n`,
      ),
    )
    .catch(() => undefined);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.stderr.write("serve: shutting down (finishing requests in flight)\n");
      // Requests in flight get SHUTDOWN_GRACE_MS to finish; after that, and once everything
      // is closed, the process exits even if a native handle would keep it alive.
      const deadline = setTimeout(() => {
        process.stderr.write("serve: requests still running after the grace period; exiting\n");
        process.exit(1);
      }, SHUTDOWN_GRACE_MS);
      shutdown()
        .then(
          () => setTimeout(() => process.exit(process.exitCode ?? 0), 1000).unref(),
          () => {
            process.stderr.write("serve: shutdown did not complete cleanly; exiting\n");
            setTimeout(() => process.exit(1), 1000).unref();
          },
        )
        .finally(() => {
          clearTimeout(deadline);
          resolve();
        });
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
