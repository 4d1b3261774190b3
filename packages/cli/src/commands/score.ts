import {
  loadEfiDeficitMap,
  runBatch,
  SCORE_NAMES,
  SCORE_SPECS,
  type ScoreContext,
  type ScoreName,
} from "@bevan/clinical";
import { type Command, requireString } from "../command.ts";
import { sharedDataDir } from "../config.ts";
import { UsageError } from "../errors.ts";

function columnsHelp(): string[] {
  const lines: string[] = [];
  for (const name of SCORE_NAMES) {
    const s = SCORE_SPECS[name];
    const alt = s.oneOf ? `; and ${s.oneOf.map((set) => set.join("+")).join(" or ")}` : "";
    lines.push(
      `  ${name}: ${s.title}`,
      `    reads ${s.required.join(", ")}${alt}`,
      `    adds ${s.outputs.join(", ")}, error`,
    );
  }
  return lines;
}

export const scoreCommand: Command = {
  name: "score",
  summary: "Batch calculator: score every row of a CSV (QRISK3, QDiabetes A/B/C, eFI, HFRS, Charlson).",
  usage: `bevan score <${SCORE_NAMES.join("|")}> --in IN.csv --out OUT.csv`,
  options: {
    in: {
      type: "string",
      description: "Input CSV, one person per row, with a header.",
      placeholder: "IN.csv",
    },
    out: {
      type: "string",
      description: "Output CSV: the input rows plus the score columns and `error`.",
      placeholder: "OUT.csv",
    },
  },
  examples: [
    "bevan score qrisk3 --in people.csv --out people-qrisk3.csv",
    "",
    "Columns (flags are 0/1; a row that cannot be scored gets the reason in `error`):",
    ...columnsHelp(),
  ],
  async run(values, positionals) {
    const [name, ...extra] = positionals;
    if (name === undefined || !(SCORE_NAMES as readonly string[]).includes(name) || extra.length > 0)
      throw new UsageError(
        `name one score: ${SCORE_NAMES.join(", ")}. Run \`bevan score --help\` for the columns.`,
      );
    const spec = SCORE_SPECS[name as ScoreName];
    const inPath = requireString(values, "in", "score");
    const outPath = requireString(values, "out", "score");
    const ctx: ScoreContext = name === "efi" ? { efiDeficitOfCode: loadEfiDeficitMap(sharedDataDir()) } : {};
    const started = Date.now();
    const r = await runBatch(spec, inPath, outPath, ctx);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      `${spec.title}: ${r.rows.toLocaleString("en-GB")} rows, ${r.scored.toLocaleString("en-GB")} scored, ${r.errors.toLocaleString("en-GB")} with an error (see the error column), in ${seconds} s → ${outPath}\n`,
    );
    if (spec.notice) process.stdout.write(`\n${spec.notice}\n`);
    return 0;
  },
};
