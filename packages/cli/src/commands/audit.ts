import { type AuditEvent, queryAudit, verifyAudit } from "@bevan/state";
import { openAppState, STATE_OPTIONS, stateDir } from "../app-state.ts";
import type { Command } from "../command.ts";
import { exists } from "../config.ts";
import { UsageError } from "../errors.ts";

export const auditCommand: Command = {
  name: "audit",
  summary: "Check the audit trail against its key and checkpoints (verify) or print events (list).",
  usage:
    "bevan audit verify|list (--db FILE | --state DIR | --database-url URL) [--log FILE] [--checkpoints FILE] [--user NAME] [--action A] [--json]",
  options: {
    db: {
      type: "string",
      description: "Warehouse file whose state/ folder holds the audit log.",
      placeholder: "FILE",
    },
    ...STATE_OPTIONS,
    checkpoints: {
      type: "string",
      description:
        "Checkpoint file to hold the trail against (default BEVAN_AUDIT_CHECKPOINTS, or audit/STATE.checkpoints.jsonl beside the state folder).",
      placeholder: "FILE",
    },
    log: {
      type: "string",
      description: "A server log (stderr of `bevan serve`) whose checkpoint lines to check too (verify).",
      placeholder: "FILE",
    },
    user: { type: "string", description: "Only events by this username (list).", placeholder: "NAME" },
    action: {
      type: "string",
      description: "Only this action, or a family ending in '.' such as 'user.' (list).",
      placeholder: "A",
    },
    limit: {
      type: "string",
      description: "How many of the newest events to list.",
      default: "50",
      placeholder: "N",
    },
    json: { type: "boolean", description: "Print JSON." },
  },
  examples: [
    "bevan audit verify --db data/warehouse.duckdb",
    "bevan audit verify --db data/warehouse.duckdb --log /var/log/bevan/serve.log",
    "bevan audit list --db data/warehouse.duckdb --action user.",
    "BEVAN_AUDIT_KEY=… bevan audit list --database-url postgres://bevan@db/bevan",
  ],
  async run(values, positionals) {
    const action = positionals[0];
    if (action !== "verify" && action !== "list")
      throw new UsageError("say what to do: `bevan audit verify` or `bevan audit list` (see --help)");
    if (!values.db && !values.state && !values["database-url"] && !process.env.BEVAN_DATABASE_URL)
      throw new UsageError("say where the audit log is: --db FILE, --state DIR or --database-url URL");
    const db = typeof values.db === "string" ? values.db : undefined;
    const dir = stateDir(values, db);
    if (dir && !exists(dir))
      throw new UsageError(`no application state at ${dir}: it is created when \`bevan serve\` first runs`);
    const log = typeof values.log === "string" ? values.log : undefined;
    if (log && !exists(log)) throw new UsageError(`no server log at ${log}`);
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100_000)
      throw new UsageError("--limit must be a whole number from 1 to 100000");
    const state = await openAppState(values, db, {
      owner: `bevan audit ${action}`,
      audit: action === "verify" ? "read" : "none",
    });
    try {
      if (action === "list") {
        const events = (
          await queryAudit(state.db, {
            ...(typeof values.user === "string" ? { username: values.user } : {}),
            ...(typeof values.action === "string" ? { action: values.action } : {}),
            newestFirst: true,
            limit: Math.min(limit, 1000),
          })
        ).reverse();
        if (values.json) process.stdout.write(`${JSON.stringify(events, null, 2)}\n`);
        else for (const e of events) process.stdout.write(`${line(e)}\n`);
        return 0;
      }
      const result = await verifyAudit(state.db, {
        ...(typeof values.checkpoints === "string" ? { checkpointFile: values.checkpoints } : {}),
        ...(log ? { logs: [log] } : {}),
      });
      if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
      else if (result.ok) {
        const c = result.checkpoints;
        process.stdout.write(
          `audit chain intact: ${result.events} event${result.events === 1 ? "" : "s"}, head ${result.headHash.slice(0, 16)}…; ` +
            `${c.checked} checkpoint${c.checked === 1 ? "" : "s"} agree (newest at event ${c.latestSeq}) from ${c.sources.join(", ") || "no checkpoint source"}\n`,
        );
        for (const r of c.restores)
          process.stdout.write(
            r.fromSeq > r.toSeq
              ? `note: restored from a backup at ${r.at}: events ${r.toSeq + 1}–${r.fromSeq} of the trail before then were given up\n`
              : `note: restored from a backup at ${r.at} (no events lost)\n`,
          );
      } else
        process.stdout.write(
          `audit chain BROKEN at event ${result.brokenAt}: ${result.reason} (${result.events} events before it verify)\n`,
        );
      return result.ok ? 0 : 1;
    } finally {
      await state.db.close();
    }
  },
};

function line(e: AuditEvent): string {
  const flags = e.flags.length ? `\t[${e.flags.join(", ")}]` : "";
  return `${e.seq}\t${e.at}\t${e.username ?? "-"}\t${e.role ?? "-"}\t${e.action}\t${e.endpoint}\t${e.rowCount} rows${flags}`;
}
