import { type Command, requireString } from "../command.ts";
import { UsageError } from "../errors.ts";
import { ingestStep } from "../steps.ts";

export const ingestCommand: Command = {
  name: "ingest",
  summary: "Load extract folders into the warehouse, pseudonymising NHS numbers at the door.",
  usage: "bevan ingest PATH... --db FILE [--json]",
  options: {
    db: { type: "string", description: "Warehouse file (created if missing).", placeholder: "FILE" },
    json: { type: "boolean", description: "Print the load report as JSON." },
  },
  examples: ["bevan ingest data/extract --db data/warehouse.duckdb"],
  async run(values, positionals) {
    if (positionals.length === 0)
      throw new UsageError("name at least one extract folder: bevan ingest PATH... --db FILE");
    const reports = await ingestStep(positionals, requireString(values, "db", "ingest"), {
      quiet: Boolean(values.json),
    });
    if (values.json)
      process.stdout.write(`${JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2)}\n`);
    else {
      for (const r of reports) {
        for (const f of r.files) {
          process.stdout.write(
            `${f.file.padEnd(28)} ${String(f.rows).padStart(11)} rows  ${String(f.loaded).padStart(11)} loaded  ${String(f.quarantined).padStart(8)} quarantined\n`,
          );
        }
      }
    }
    const quarantined = reports.flatMap((r) => r.files).reduce((s, f) => s + f.quarantined, 0);
    if (quarantined > 0 && !values.json) {
      process.stderr.write(
        `ingest: ${quarantined} rows were quarantined; see the quarantine table for line numbers and reasons\n`,
      );
    }
    return 0;
  },
};
