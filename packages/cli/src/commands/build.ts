import { type Command, dateOption, requireString } from "../command.ts";
import { buildStep } from "../steps.ts";

export const buildCommand: Command = {
  name: "build",
  summary:
    "Derive registers and person status at an as-of date (one transaction: a failure keeps the last build).",
  usage: "bevan build --db FILE [--as-of YYYY-MM-DD] [--json]",
  options: {
    db: { type: "string", description: "Warehouse file.", placeholder: "FILE" },
    "as-of": { type: "string", description: "As-of date (default: the extract date).", placeholder: "DATE" },
    json: { type: "boolean", description: "Print the build report as JSON." },
  },
  async run(values) {
    const report = await buildStep(requireString(values, "db", "build"), dateOption(values, "as-of"));
    if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  },
};
