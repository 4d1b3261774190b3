// `bevan realism`: the generated (or any built) population measured against published English
// figures, check by check, with each target's source and the range a population of this size
// could show.
import { Warehouse } from "@bevan/engine";
import { realismReport, realismText } from "@bevan/realism";
import { type Command, requireString } from "../command.ts";
import { exists } from "../config.ts";
import { UsageError } from "../errors.ts";

export const realismCommand: Command = {
  name: "realism",
  summary:
    "Measure a built warehouse against published English figures (deaths, admissions, QOF, eFI, NDA …).",
  usage: "bevan realism --db FILE [--truth DIR] [--json]",
  options: {
    db: { type: "string", description: "Warehouse file (built).", placeholder: "FILE" },
    truth: {
      type: "string",
      description: "The generator's truth/ folder: adds the checks of undiagnosed conditions.",
      placeholder: "DIR",
    },
    json: {
      type: "boolean",
      description: 'Print {"checks": [{"name", "value", "target", "low", "high", "pass", "source", …}]}.',
    },
  },
  examples: [
    "bevan realism --db data/warehouse.duckdb --truth data/extract/truth",
    "bevan realism --db data/warehouse.duckdb --json",
  ],
  async run(values) {
    const db = requireString(values, "db", "realism");
    if (!exists(db))
      throw new UsageError(`no warehouse at ${db}: create one with \`bevan ingest\` and \`bevan build\``);
    const truthDir = typeof values.truth === "string" ? values.truth : undefined;
    if (truthDir !== undefined && !exists(truthDir))
      throw new UsageError(
        `no truth folder at ${truthDir}: \`bevan generate\` writes it as DIR/truth beside the extract`,
      );
    const wh = await Warehouse.open(db, { readOnly: true });
    try {
      const report = await realismReport(wh, truthDir ? { truthDir } : {});
      process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : realismText(report));
      return 0;
    } finally {
      wh.close();
    }
  },
};
