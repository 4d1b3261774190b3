import { Warehouse } from "@bevan/engine";
import { readQuarantine } from "@bevan/ingest";
import { type Command, intOption, requireString } from "../command.ts";
import { exists } from "../config.ts";
import { UsageError } from "../errors.ts";

export const quarantineCommand: Command = {
  name: "quarantine",
  summary: "Show the input rows ingest did not load: file, line, record id and reason (never values).",
  usage: "bevan quarantine --db FILE [--file NAME] [--reason CODE] [--limit N] [--json]",
  options: {
    db: { type: "string", description: "Warehouse file.", placeholder: "FILE" },
    file: {
      type: "string",
      description: "Only this input file (as named in the ingest report).",
      placeholder: "NAME",
    },
    reason: {
      type: "string",
      description: "Only this reason code, e.g. invalid_nhs_number.",
      placeholder: "CODE",
    },
    limit: { type: "string", description: "Rows to list.", default: "50", placeholder: "N" },
    json: { type: "boolean", description: "Print JSON." },
  },
  examples: ["bevan quarantine --db data/warehouse.duckdb --reason unknown_person"],
  async run(values) {
    const db = requireString(values, "db", "quarantine");
    if (!exists(db))
      throw new UsageError(`no warehouse at ${db}: load an extract with \`bevan ingest\` first`);
    const limit = intOption(values, "limit", 0, 1_000_000);
    const wh = await Warehouse.open(db, { readOnly: true });
    try {
      const q = await readQuarantine(wh, {
        limit,
        ...(typeof values.file === "string" ? { file: values.file } : {}),
        ...(typeof values.reason === "string" ? { reason: values.reason } : {}),
      });
      if (values.json) {
        process.stdout.write(`${JSON.stringify(q, null, 2)}\n`);
        return 0;
      }
      if (q.total === 0) {
        process.stdout.write("Nothing in quarantine.\n");
        return 0;
      }
      const out = [`${q.total.toLocaleString("en-GB")} rows in quarantine`, ""];
      const files = new Set(q.byReason.map((r) => r.file));
      if (files.size <= 20) {
        out.push(`${"file".padEnd(40)} ${"reason".padEnd(26)}   rows`);
        for (const r of q.byReason)
          out.push(`${r.file.padEnd(40)} ${r.reasonCode.padEnd(26)} ${String(r.count).padStart(6)}`);
      } else {
        // Many files (a folder of bundles): by reason, with --file to look at one.
        const byReason = new Map<string, { rows: number; files: number }>();
        for (const r of q.byReason) {
          const t = byReason.get(r.reasonCode) ?? { rows: 0, files: 0 };
          byReason.set(r.reasonCode, { rows: t.rows + r.count, files: t.files + 1 });
        }
        out.push(`${"reason".padEnd(26)} ${"rows".padStart(9)} ${"files".padStart(7)}`);
        for (const [reason, t] of byReason)
          out.push(`${reason.padEnd(26)} ${String(t.rows).padStart(9)} ${String(t.files).padStart(7)}`);
        out.push("", "Use --file NAME or --reason CODE to narrow the list.");
      }
      out.push(
        "",
        `First ${q.rows.length} rows:`,
        "file                                        line  record                     reason",
      );
      for (const r of q.rows)
        out.push(
          `${r.file.padEnd(40)} ${String(r.line).padStart(7)}  ${(r.recordId ?? "").padEnd(26).slice(0, 60)} ${r.reasonCode}: ${r.reason}`,
        );
      process.stdout.write(`${out.join("\n")}\n`);
      return 0;
    } finally {
      wh.close();
    }
  },
};
