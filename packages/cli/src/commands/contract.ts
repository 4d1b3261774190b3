// `bevan contract evaluate CONTRACT.json --db FILE [--json]`: an outcome-based contract on a
// warehouse — each party's achievement of each indicator with its 95% interval, the payment
// earned, and the payment to expect from noise alone. The format is in docs/business-cases.md.
import { readFileSync } from "node:fs";
import { type ContractResult, evaluateContract, validateContract } from "@bevan/finance";
import { contractCells } from "@bevan/finance-query";
import { dataVersion, validateCohort } from "@bevan/query";
import type { Command } from "../command.ts";
import { exists } from "../config.ts";
import { openTarget } from "../engine-option.ts";
import { UsageError } from "../errors.ts";

const money = (x: number | null) => (x === null ? "withheld" : `£${Math.round(x).toLocaleString("en-GB")}`);
const pct = (x: number | null) => (x === null ? "–" : `${(100 * x).toFixed(1)}%`);

function text(r: ContractResult): string[] {
  const lines = [
    `${r.name}: ${money(r.value)}, ${Math.round(100 * r.contingentShare)}% contingent; ${r.runs.toLocaleString("en-GB")} runs (seed ${r.seed})`,
    "",
  ];
  for (const p of r.parties) {
    lines.push(
      `${p.name} (${p.code}): contingent ${money(p.contingent)}, earned ${money(p.earned)}; to expect from noise ${p.expected ? `${money(p.expected.p10)} to ${money(p.expected.p90)}` : "–"}`,
    );
    for (const i of p.indicators)
      lines.push(
        `  ${i.id}: ${i.numerator ?? "–"} of ${i.denominator ?? "–"} = ${pct(i.achievement)} (95% CI ${pct(i.lower)} to ${pct(i.upper)}); earns ${pct(i.earned)}; chance the true figure meets the bar ${pct(i.probabilityMet)}`,
      );
  }
  lines.push("", `Total earned: ${money(r.totalEarned)}`);
  return lines;
}

export const contractCommand: Command = {
  name: "contract",
  summary: "Evaluate an outcome-based contract on a warehouse (achievements, payments, expected range).",
  usage: "bevan contract evaluate CONTRACT.json --db FILE [--json]",
  options: {
    db: { type: "string", description: "Warehouse file (built).", placeholder: "FILE" },
    json: { type: "boolean", description: "Print JSON." },
  },
  examples: [
    "bevan contract evaluate packages/finance/examples/diabetes-outcomes-contract.json --db data/warehouse.duckdb",
  ],
  async run(values, positionals) {
    const [sub, file] = positionals;
    if (sub !== "evaluate" || !file)
      throw new UsageError("usage: bevan contract evaluate CONTRACT.json --db FILE");
    if (!exists(file)) throw new UsageError(`no contract at ${file}`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`);
    }
    const c = validateContract(parsed);
    const indicators = c.indicators.map((i) => ({
      id: i.id,
      numerator: validateCohort(i.numerator, `indicator ${i.id}'s numerator`),
      denominator: validateCohort(i.denominator, `indicator ${i.id}'s denominator`),
    }));
    const wh = await openTarget(values, "contract", { readOnly: true });
    let result: ContractResult;
    try {
      const { buildAsOf } = await dataVersion(wh);
      const cells = await contractCells(wh, c.parties.level, c.parties.codes, indicators, buildAsOf);
      result = evaluateContract(
        c,
        cells.map((p) => ({
          code: p.code,
          name: p.name,
          listSize: p.list.n,
          counts: Object.fromEntries(
            Object.entries(p.counts).map(([id, k]) => [
              id,
              { numerator: k.numerator.n, denominator: k.denominator.n },
            ]),
          ),
        })),
      );
    } finally {
      wh.close();
    }
    process.stdout.write(
      values.json ? `${JSON.stringify(result, null, 2)}\n` : `${text(result).join("\n")}\n`,
    );
    return 0;
  },
};
