import { REGISTER_NAMES } from "@bevan/domain";
import { Warehouse } from "@bevan/engine";
import { summarise } from "@bevan/query";
import { type Command, requireString } from "../command.ts";
import { exists } from "../config.ts";
import { UsageError } from "../errors.ts";

export const summaryCommand: Command = {
  name: "summary",
  summary: "Headline numbers of a built warehouse: people, organisations, register prevalence, activity.",
  usage: "bevan summary --db FILE [--json]",
  options: {
    db: { type: "string", description: "Warehouse file.", placeholder: "FILE" },
    json: { type: "boolean", description: "Print JSON." },
  },
  async run(values) {
    const db = requireString(values, "db", "summary");
    if (!exists(db))
      throw new UsageError(`no warehouse at ${db}: create one with \`bevan ingest\` and \`bevan build\``);
    const wh = await Warehouse.open(db, { readOnly: true });
    try {
      const s = await summarise(wh);
      if (values.json) {
        process.stdout.write(`${JSON.stringify(s, null, 2)}\n`);
        return 0;
      }
      const out = [
        `As of ${s.asOf}: ${s.persons.registered.toLocaleString("en-GB")} registered, ${s.persons.deceased.toLocaleString("en-GB")} deceased`,
        `Organisations: ${s.organisations.icbs} ICB, ${s.organisations.places} places, ${s.organisations.pcns} PCNs, ${s.organisations.practices} practices`,
        `Emergency admissions in the last 12 months: ${s.activity.emergencyAdmissions12m.toLocaleString("en-GB")} (${s.activity.emergencyAdmissionsPer1000} per 1,000)`,
        "",
        "Register                                            count   prevalence",
      ];
      for (const [code, r] of Object.entries(s.registers)) {
        const name = `${code.padEnd(5)} ${REGISTER_NAMES[code as keyof typeof REGISTER_NAMES]}${r.minAge > 0 ? ` (${r.minAge}+)` : ""}`;
        out.push(
          `${name.padEnd(48)} ${String(r.count).padStart(8)}   ${(100 * r.prevalence).toFixed(2).padStart(6)}%`,
        );
      }
      out.push(
        "",
        `Diabetes register by type: ${s.diabetes.type1.toLocaleString("en-GB")} type 1, ${s.diabetes.type2.toLocaleString("en-GB")} type 2`,
      );
      const m = s.multimorbidity;
      if (m) {
        const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
        out.push(
          `Multimorbidity (long-term-condition registers, all but NDH and PC): ${m.twoPlus.toLocaleString("en-GB")} people on 2+ (${pct(m.twoPlusShare)}), ${m.fivePlus.toLocaleString("en-GB")} on 5+ (${pct(m.fivePlusShare)}) of ${m.denominator.toLocaleString("en-GB")} registered`,
        );
      }
      if (s.riskTiers.length > 0) {
        out.push("", "Risk tier (emergency admission, next 12 months)   people   mean risk   expected share");
        for (const t of s.riskTiers) {
          out.push(
            `${t.tier.padEnd(48)} ${String(t.persons).padStart(8)}   ${(100 * t.meanAdmissionRisk).toFixed(1).padStart(8)}%   ${(100 * t.expectedAdmissionShare).toFixed(1).padStart(13)}%`,
          );
        }
        out.push(
          "",
          "Bridges to Health segment                          people   mean risk   end-of-life candidates",
        );
        for (const g of s.segments) {
          out.push(
            `${g.segment.padEnd(48)} ${String(g.persons).padStart(8)}   ${(100 * g.meanAdmissionRisk).toFixed(1).padStart(8)}%   ${String(g.endOfLifeCandidates).padStart(8)}`,
          );
        }
      }
      process.stdout.write(`${out.join("\n")}\n`);
      return 0;
    } finally {
      wh.close();
    }
  },
};
