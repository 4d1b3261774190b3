import { type Command, dateOption } from "../command.ts";
import { ENGINE_OPTION, openTarget } from "../engine-option.ts";
import { buildOn } from "../steps.ts";

export const buildCommand: Command = {
  name: "build",
  summary:
    "Derive registers and person status at an as-of date, then train the risk models and score everyone.",
  usage:
    "bevan build (--db FILE | --engine trino://HOST:PORT/CATALOG/SCHEMA) [--as-of YYYY-MM-DD] [--no-risk] [--json]",
  options: {
    db: { type: "string", description: "Warehouse file.", placeholder: "FILE" },
    engine: ENGINE_OPTION,
    "as-of": { type: "string", description: "As-of date (default: the extract date).", placeholder: "DATE" },
    risk: {
      type: "boolean",
      description: "Train the risk models and score everyone after the build (--no-risk to skip).",
      default: true,
    },
    json: { type: "boolean", description: "Print the build report as JSON." },
  },
  async run(values) {
    const asOf = dateOption(values, "as-of");
    // A missing file is opened empty, for the build to say what to do first.
    const wh = await openTarget(values, "build", { mustExist: false });
    let report: Awaited<ReturnType<typeof buildOn>>;
    try {
      report = await buildOn(wh, asOf, { risk: values.risk !== false });
    } finally {
      wh.close();
    }
    if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  },
};
