// A business case as an Excel workbook for a finance lead to check: every assumption (each
// input's value or range, its mean, P10 and P90, where it came from), the baseline from the
// data with its regression to the mean, and the run summary by year, with the tornado and the
// gain/loss share. Written in the browser by exceljs, loaded only when asked for.
import type { BusinessCaseRunResponse } from "@bevan/client";

type ExcelModule = typeof import("exceljs");

export async function caseWorkbook(response: BusinessCaseRunResponse, c: unknown): Promise<ArrayBuffer> {
  const mod = (await import("exceljs")) as ExcelModule & { default?: ExcelModule };
  const ExcelJS = mod.default ?? mod;
  const wb = new ExcelJS.Workbook();
  const r = response.result;
  const b = response.baseline;
  const sheet = (name: string, header: string[], rows: (string | number | null)[][]) => {
    const s = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
    s.addRow(header).font = { bold: true };
    for (const row of rows) s.addRow(row);
    s.columns.forEach((col) => {
      col.width = 22;
    });
  };
  const rm = b?.regression;
  sheet(
    "Summary",
    ["Item", "Value"],
    [
      ["Case", r.name],
      ["Runs", r.runs],
      ["Seed", r.seed],
      ["Years", r.years],
      ["Discount rate (Green Book; year t divided by (1 + rate)^(t-1))", r.discountRate],
      ["Net saving over the horizon, P10 (£)", r.cumulative.p10],
      ["Net saving, P50 (£)", r.cumulative.p50],
      ["Net saving, P90 (£)", r.cumulative.p90],
      ["Net saving, mean (£)", r.cumulative.mean],
      ["Net saving with every input at its mean (run 0, £)", r.baselineRun.cumulative],
      ["Chance of breaking even", r.probabilityPositive],
      ["Reduction in emergency admissions needed to break even", r.breakEven.effect],
      ["First year the median run is ahead", r.breakEven.year],
      ["Emergency admissions avoided, P50", r.activityAvoided.admissions.p50],
      ["Bed days avoided, P50", r.activityAvoided.bedDays.p50],
      ["Baseline from", b ? `${b.cohortName}, as of ${b.asOf} (${b.from})` : "the case's own inputs"],
      ["Regression to the mean: chosen on", rm?.chosenAt ?? null],
      ["Admissions per person in the year chosen on", rm?.selectionYear ?? null],
      ["Admissions per person in the year after", rm?.followingYear ?? null],
      ["Change with no intervention", rm?.change ?? null],
      ["Figures from the data", b ? response.disclosure.note : "none read"],
      ...r.warnings.map((w) => ["Note", w] as (string | number | null)[]),
      ...(b?.notes ?? []).map((n) => ["Note", n] as (string | number | null)[]),
    ],
  );
  sheet(
    "Inputs",
    [
      "Input",
      "Path in the case",
      "Unit",
      "Value or range",
      "From",
      "Mean",
      "P10",
      "P90",
      "Draws held to range",
    ],
    r.inputs.map((i) => [
      i.label,
      i.path,
      i.unit,
      i.described,
      i.source === "cohort" ? "the data" : i.source === "case" ? "the case" : "neutral default",
      i.mean,
      i.p10,
      i.p90,
      i.heldToRange,
    ]),
  );
  sheet(
    "By year",
    [
      "Year",
      "Discount factor",
      "Savings P50 (£)",
      "Costs P50 (£)",
      "Net (discounted) P10 (£)",
      "P50 (£)",
      "P90 (£)",
      "Mean (£)",
      "Cumulative P10 (£)",
      "Cumulative P50 (£)",
      "Cumulative P90 (£)",
      "Chance ahead by then",
      "Taking part P50",
      "Admissions avoided P50",
      "Bed days avoided P50",
    ],
    r.byYear.map((y) => [
      y.year,
      y.discountFactor,
      y.savings.p50,
      y.costs.p50,
      y.p10,
      y.p50,
      y.p90,
      y.mean,
      y.cumulative.p10,
      y.cumulative.p50,
      y.cumulative.p90,
      y.probabilityPositive,
      y.participants.p50,
      y.admissionsAvoided.p50,
      y.bedDaysAvoided.p50,
    ]),
  );
  sheet(
    "Tornado",
    [
      "Input",
      "At its P10",
      "At its P90",
      "Net saving at P10 (£)",
      "Net saving at P90 (£)",
      "Rank correlation",
    ],
    r.tornado.map((t) => [t.label, t.lowValue, t.highValue, t.atLow, t.atHigh, t.correlation]),
  );
  if (r.riskShare)
    sheet(
      "Gain and loss share",
      ["Party", "P10 (£)", "P50 (£)", "P90 (£)", "Mean (£)", "Chance of a loss"],
      (["providers", "commissioner"] as const).map((k) => {
        const p = r.riskShare?.[k];
        return [
          k === "providers" ? "Providers" : "Commissioner",
          p?.p10 ?? null,
          p?.p50 ?? null,
          p?.p90 ?? null,
          p?.mean ?? null,
          p?.probabilityLoss ?? null,
        ];
      }),
    );
  sheet("Case file", ["The case as run (JSON)"], [[JSON.stringify(c)]]);
  return (await wb.xlsx.writeBuffer()) as ArrayBuffer;
}
