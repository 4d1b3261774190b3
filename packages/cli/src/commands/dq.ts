import { Warehouse } from "@bevan/engine";
import { dataQuality } from "@bevan/ingest";
import { type Command, requireString } from "../command.ts";
import { exists } from "../config.ts";
import { UsageError } from "../errors.ts";

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export const dqCommand: Command = {
  name: "dq",
  summary:
    "Data-quality report: completeness, validity, timeliness and code coverage per source and practice.",
  usage: "bevan dq --db FILE [--json]",
  options: {
    db: { type: "string", description: "Warehouse file.", placeholder: "FILE" },
    json: { type: "boolean", description: "Print the full report as JSON (every practice)." },
  },
  examples: ["bevan dq --db data/warehouse.duckdb --json"],
  async run(values) {
    const db = requireString(values, "db", "dq");
    if (!exists(db))
      throw new UsageError(`no warehouse at ${db}: load an extract with \`bevan ingest\` first`);
    const wh = await Warehouse.open(db, { readOnly: true });
    try {
      const r = await dataQuality(wh);
      if (values.json) {
        process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
        return 0;
      }
      const out = [`Data quality at extract date ${r.extractDate ?? "(unknown)"}`, ""];
      out.push(
        "source                  origin               rows  latest      12m    completeness / coverage",
      );
      for (const s of r.sources) {
        const filled = Object.entries(s.completeness).map(([k, v]) => `${k} ${pct(v)}`);
        if (s.codeCoverage?.inCodelists != null)
          filled.push(`in codelists ${pct(s.codeCoverage.inCodelists)}`);
        out.push(
          `${s.source.padEnd(23)} ${s.origin.padEnd(15)} ${String(s.rows).padStart(10)}  ${(s.timeliness.latestDate ?? "-").padEnd(10)} ${pct(s.timeliness.share12Months).padStart(6)}  ${filled.join(", ")}`,
        );
      }
      out.push(
        "",
        `Quarantined at ingest: ${r.validity.quarantined.toLocaleString("en-GB")} rows (\`bevan quarantine\` lists them)`,
      );
      out.push("", `Practices: ${r.practices.length} (per-practice figures in --json)`);
      process.stdout.write(`${out.join("\n")}\n`);
      return 0;
    } finally {
      wh.close();
    }
  },
};
