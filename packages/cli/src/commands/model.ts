// `bevan model report`: out-of-time evaluation of the risk models against the warehouse's own
// history and, for synthetic data, against the generator's truth.
import { existsSync } from "node:fs";
import { Warehouse } from "@bevan/engine";
import { KEY_ENV, loadPseudonymKey } from "@bevan/ingest";
import { type ModelReport, modelCard, modelReport, saveModelCard, scoredModels } from "@bevan/risk";
import { type Command, dateOption, intOption, requireString } from "../command.ts";
import { exists, keyFileFor, sharedDataDir } from "../config.ts";
import { UsageError } from "../errors.ts";

export const modelCommand: Command = {
  name: "model",
  summary:
    "Risk models: `model report` trains out of time and reports discrimination, calibration, groups, pyramid.",
  usage:
    "bevan model report --db FILE [--truth DIR] [--as-of YYYY-MM-DD] [--seed S] [--replicates R] [--save] [--json]",
  options: {
    db: { type: "string", description: "Warehouse file (built).", placeholder: "FILE" },
    truth: {
      type: "string",
      description:
        "The generator's truth/ folder: adds the oracles' AUROCs (true risk, and risk from recorded information only).",
      placeholder: "DIR",
    },
    "as-of": {
      type: "string",
      description: "Validation index date (default: 12 months before the end of the data).",
      placeholder: "DATE",
    },
    seed: { type: "string", description: "Bootstrap seed.", default: "1", placeholder: "S" },
    replicates: { type: "string", description: "Bootstrap replicates.", default: "200", placeholder: "R" },
    save: {
      type: "boolean",
      description:
        "Keep a summary with the warehouse as the model card the web app shows beside risk scores (no --truth, no --as-of).",
    },
    json: { type: "boolean", description: "Print the full report as JSON." },
  },
  examples: ["bevan model report --db data/warehouse.duckdb --truth data/extract/truth --json"],
  async run(values, positionals) {
    if (positionals[0] !== "report" || positionals.length > 1) {
      throw new UsageError("usage: bevan model report --db FILE [--truth DIR] [--json]");
    }
    const db = requireString(values, "db", "model");
    if (!exists(db))
      throw new UsageError(`no warehouse at ${db}: create one with \`bevan ingest\` and \`bevan build\``);
    const truthDir = typeof values.truth === "string" ? values.truth : undefined;
    let truth: { dir: string; key: Buffer } | undefined;
    if (truthDir) {
      const keyFile = keyFileFor(db);
      if (!process.env[KEY_ENV] && !existsSync(keyFile)) {
        throw new UsageError(
          `the truth is keyed by NHS number and needs the warehouse's pseudonymisation key: set ${KEY_ENV} or put the key in ${keyFile}`,
        );
      }
      truth = { dir: truthDir, key: loadPseudonymKey(keyFile).key };
    }
    const validationDate = dateOption(values, "as-of");
    if (values.save && (truth || validationDate))
      throw new UsageError(
        "--save keeps the standard report (the latest validation year, no truth): drop --truth and --as-of",
      );
    const wh = await Warehouse.open(db, { readOnly: !values.save });
    try {
      const report = await modelReport(wh, {
        sharedDataDir: sharedDataDir(),
        seed: intOption(values, "seed", 0, 2 ** 31 - 1),
        replicates: intOption(values, "replicates", 10, 10_000),
        ...(validationDate ? { validationDate } : {}),
        ...(truth ? { truth } : {}),
      });
      process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : text(report));
      if (values.save) {
        await saveModelCard(wh, modelCard(report, new Date().toISOString(), await scoredModels(wh)));
        process.stderr.write(
          "model: the model card is kept with the warehouse; the web app shows it beside risk scores\n",
        );
      }
      return 0;
    } finally {
      wh.close();
    }
  },
};

const pct = (x: number, d = 1) => `${(100 * x).toFixed(d)}%`;
const f3 = (x: number) => x.toFixed(3);

/** The two ceilings under the model's AUROC: every true driver, and only what the record shows. */
function ceilings(r: ModelReport): string[] {
  const o = r.admission.oracle;
  if (!o) return [];
  const ci = (c: readonly [number, number]) => `${f3(c[0])}–${f3(c[1])}`;
  const lines = [
    `  oracle (true risk)              ${f3(o.auroc)} (95% CI ${ci(o.aurocCi)}); gap ${f3(o.gap)} (${ci(o.gapCi)})`,
  ];
  if (o.recorded)
    lines.push(
      `  oracle (recorded information)   ${f3(o.recorded.auroc)} (95% CI ${ci(o.recorded.aurocCi)}); gap ${f3(o.recorded.gap)} (${ci(o.recorded.gapCi)})`,
    );
  else
    lines.push(
      "  oracle (recorded information)   not in this truth folder (regenerate it with this version)",
    );
  return lines;
}

function text(r: ModelReport): string {
  const m = r.model;
  const out = [
    `Trained on features at ${r.design.trainingIndexDate}, validated out of time at ${r.design.validationIndexDate} (outcomes: ${r.design.outcomeWindow}).`,
    ...(r.design.featuresExcluded.length > 0
      ? [
          `Left out, as their window at ${r.design.trainingIndexDate} reaches before their source's data:`,
          ...r.design.featuresExcluded.map((e) => `  ${e.feature}: ${e.reason}`),
        ]
      : []),
    "",
    `Emergency admission  AUROC ${f3(m.auroc)} (95% CI ${f3(m.aurocCi[0])}–${f3(m.aurocCi[1])})`,
    ...ceilings(r),
    `  calibration slope ${f3(m.calibrationSlope)}, intercept ${f3(m.calibrationIntercept)}, Brier ${m.brier.toFixed(4)}; ${m.events.toLocaleString("en-GB")} of ${m.n.toLocaleString("en-GB")} people admitted`,
    `  top 0.5% / 5% / 20%: sensitivity ${m.top.map((t) => pct(t.sensitivity)).join(" / ")}, PPV ${m.top.map((t) => pct(t.ppv)).join(" / ")}`,
    `12-month mortality   AUROC ${f3(r.mortality.model.auroc)}` +
      (r.mortality.oracle ? `   oracle ${f3(r.mortality.oracle.auroc)}` : "") +
      `; calibration slope ${f3(r.mortality.model.calibrationSlope)}`,
    "",
    "Groups where calibration is off:",
    ...(r.groups
      .filter((g) => g.calibrationFlag)
      .map((g) => `  ${g.dimension} ${g.group}: ${g.calibrationFlag}`) || []),
    "",
    `Risk pyramid (validation year; ${pct(r.pyramid.targetReduction, 0)} overall reduction)`,
    "tier          people   admissions   spend   per 1,000   relative   avoid if only this tier",
    ...r.pyramid.tiers.map(
      (t) =>
        `${t.tier.padEnd(10)} ${pct(t.populationShare).padStart(8)} ${pct(t.admissionShare).padStart(11)} ${pct(t.spendShare).padStart(8)} ${t.admissionsPer1000.toFixed(0).padStart(10)} ${t.relativeRate.toFixed(1).padStart(9)}x ${pct(t.requiredReduction).padStart(12)}`,
    ),
    "",
    "Cohorts making up half of emergency admissions (segment × condition group):",
    ...r.cohortsHalfOfAdmissions.map(
      (c) =>
        `  ${c.profile.padEnd(44)} ${pct(c.populationShare).padStart(7)} of people, ${pct(c.admissionShare).padStart(6)} of admissions`,
    ),
  ];
  if (r.groups.every((g) => !g.calibrationFlag))
    out.splice(out.indexOf("Groups where calibration is off:") + 1, 0, "  none");
  return `${out.join("\n")}\n`;
}
