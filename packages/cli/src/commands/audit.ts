import { queryAudit, verifyAudit } from "@bevan/state";
import { openAppState, STATE_OPTIONS, stateDirFor } from "../app-state.ts";
import type { Command } from "../command.ts";
import { exists } from "../config.ts";
import { UsageError } from "../errors.ts";

export const auditCommand: Command = {
  name: "audit",
  summary: "Check the audit trail's hash chain (verify) or print recent events (list).",
  usage: "bevan audit verify|list (--db FILE | --state DIR | --database-url URL) [--json]",
  options: {
    db: {
      type: "string",
      description: "Warehouse file whose state/ folder holds the audit log.",
      placeholder: "FILE",
    },
    ...STATE_OPTIONS,
    json: { type: "boolean", description: "Print JSON." },
  },
  examples: [
    "bevan audit verify --db data/warehouse.duckdb",
    "bevan audit list --database-url postgres://bevan@db/bevan",
  ],
  async run(values, positionals) {
    const action = positionals[0];
    if (action !== "verify" && action !== "list")
      throw new UsageError("say what to do: `bevan audit verify` or `bevan audit list` (see --help)");
    if (!values.db && !values.state && !values["database-url"] && !process.env.BEVAN_DATABASE_URL)
      throw new UsageError("say where the audit log is: --db FILE, --state DIR or --database-url URL");
    const db = typeof values.db === "string" ? values.db : undefined;
    const dir = typeof values.state === "string" ? values.state : db ? stateDirFor(db) : undefined;
    if (dir && !values["database-url"] && !process.env.BEVAN_DATABASE_URL && !exists(dir))
      throw new UsageError(`no application state at ${dir}: it is created when \`bevan serve\` first runs`);
    const state = await openAppState(values, db);
    try {
      if (action === "list") {
        const events = await queryAudit(state.db, { limit: 1000 });
        if (values.json) process.stdout.write(`${JSON.stringify(events, null, 2)}\n`);
        else
          for (const e of events.slice(-50))
            process.stdout.write(
              `${e.seq}\t${e.at}\t${e.username ?? "-"}\t${e.role ?? "-"}\t${e.action}\t${e.endpoint}\t${e.rowCount} rows\n`,
            );
        return 0;
      }
      const result = await verifyAudit(state.db);
      if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
      else if (result.ok)
        process.stdout.write(
          `audit chain intact: ${result.events} event${result.events === 1 ? "" : "s"}, head ${result.headHash.slice(0, 16)}…\n`,
        );
      else
        process.stdout.write(
          `audit chain BROKEN at event ${result.brokenAt}: ${result.reason} (${result.events} events before it verify)\n`,
        );
      return result.ok ? 0 : 1;
    } finally {
      await state.db.close();
    }
  },
};
