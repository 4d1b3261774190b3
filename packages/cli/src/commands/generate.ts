import { type Command, dateOption, intOption, requireString } from "../command.ts";
import { generateStep } from "../steps.ts";

export const DEFAULT_AS_OF = "2026-03-31";

export const generateCommand: Command = {
  name: "generate",
  summary: "Write a synthetic ICS extract (CSV files + manifest.json) and its hidden truth (DIR/truth/).",
  usage: "bevan generate --persons N --seed S --out DIR [--as-of YYYY-MM-DD]",
  options: {
    persons: {
      type: "string",
      description: "Number of people (10 to 20,000,000).",
      default: "100000",
      placeholder: "N",
    },
    seed: {
      type: "string",
      description: "Random seed: the same seed gives byte-identical files.",
      default: "1",
      placeholder: "S",
    },
    out: { type: "string", description: "Folder to write the extract into (replaced).", placeholder: "DIR" },
    "as-of": {
      type: "string",
      description: "Extract date: activity runs up to it.",
      default: DEFAULT_AS_OF,
      placeholder: "DATE",
    },
  },
  examples: ["bevan generate --persons 20000 --seed 7 --out data/extract"],
  async run(values) {
    await generateStep({
      persons: intOption(values, "persons", 10, 20_000_000),
      seed: intOption(values, "seed", 0, 2 ** 31 - 1),
      out: requireString(values, "out", "generate"),
      asOf: dateOption(values, "as-of") ?? DEFAULT_AS_OF,
    });
    return 0;
  },
};
