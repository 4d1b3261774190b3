// Model validation: how the fair-share formulas were fitted and how well they predicted a year
// they were not fitted on — R² for people, practices and PCNs; calibration by decile of
// predicted cost; residuals by deprivation, ethnic group and practice; the coefficients.
import type { ValidationResponse } from "@bevan/client";
import { api } from "../../api.ts";
import { Chart } from "../../components/chart.tsx";
import { DataTable } from "../../components/data-table.tsx";
import { NHS } from "../../components/echarts.ts";
import { DisclosureNote } from "../../components/parts.tsx";
import { Async, Empty } from "../../components/states.tsx";
import { fmtInt } from "../../lib/format.ts";
import type { PageProps } from "../../page.ts";
import { navigate, withQuery } from "../../router.ts";
import { can } from "../../session.tsx";
import { useData } from "../../use-data.ts";
import { ExportButtons, fmtGbp, fmtR2, QuerySelect, ResourcesNav } from "./parts.tsx";

const POD_WORDS: Record<string, string> = {
  emergency_admission: "emergency admissions",
  elective_day_case: "day cases",
  elective_ordinary: "elective ordinary admissions",
  maternity: "maternity",
  other_admission: "other admissions",
  ae: "A&E",
  outpatient_first: "outpatient first attendances",
  outpatient_follow_up: "outpatient follow-ups",
  community: "community health",
  gp: "GP contacts",
  prescribing: "prescribing",
  social_care: "social care",
  diagnostic_imaging: "direct-access imaging",
};

const RESIDUAL_DIMS: readonly { code: string; label: string }[] = [
  { code: "imd_quintile", label: "Deprivation (IMD quintile)" },
  { code: "ethnicity", label: "Ethnic group" },
  { code: "practice", label: "Practice" },
];

export function ValidationPage({ me, route, org }: PageProps) {
  const data = useData(() => api.resources.validation(org ? { org } : {}), [org]);
  return (
    <>
      <ResourcesNav route={route} patients={can(me, "patients:read")} />
      <h1>Model validation</h1>
      <Async data={data} what="the validation">
        {(v) => (
          <ValidationView v={v} formula={route.query.get("formula")} dim={route.query.get("residuals")} />
        )}
      </Async>
    </>
  );
}

function ValidationView({
  v,
  formula,
  dim,
}: {
  v: ValidationResponse;
  formula: string | null;
  dim: string | null;
}) {
  const chosen =
    v.formulas.find((f) => f.formula === formula) ??
    v.formulas.find((f) => f.formula === "need") ??
    v.formulas[0];
  if (!chosen) return <Empty>No formulas were fitted.</Empty>;
  const residualDim = RESIDUAL_DIMS.find((d) => d.code === dim) ?? RESIDUAL_DIMS[0];
  const residuals = chosen.residuals[residualDim?.code ?? "imd_quintile"] ?? [];
  const calHeader = [
    "Decile of predicted cost",
    "People",
    ...v.formulas.flatMap((f) => [`${f.name}: predicted (£)`, `${f.name}: actual (£)`]),
  ];
  const calRows = (chosen.calibration ?? []).map((c, k) => [
    c.bin,
    c.n,
    ...v.formulas.flatMap((f) => {
      const b = f.calibration[k];
      return [b ? Math.round(b.meanPredicted) : null, b ? Math.round(b.meanActual) : null];
    }),
  ]);
  const resHeader = [
    residualDim?.label ?? "Group",
    "People",
    "Mean actual (£)",
    "Mean predicted (£)",
    "Mean residual (£)",
    "95% interval, lower (£)",
    "95% interval, upper (£)",
    "Actual ÷ predicted",
  ];
  const resRows = residuals.map((g) => [
    g.group,
    g.n.suppressed ? "suppressed" : g.n.value,
    g.meanActual === null ? null : Math.round(g.meanActual),
    g.meanPredicted === null ? null : Math.round(g.meanPredicted),
    g.meanResidual === null ? null : Math.round(g.meanResidual),
    g.ci95 ? Math.round(g.ci95.lower) : null,
    g.ci95 ? Math.round(g.ci95.upper) : null,
    g.ratio === null ? null : Number(g.ratio.toFixed(3)),
  ]);
  const maxCal = Math.max(...chosen.calibration.flatMap((c) => [c.meanActual, c.meanPredicted]), 1);
  return (
    <>
      <DisclosureNote disclosure={v.disclosure} />
      <p className="nhsuk-body">
        Each formula predicts a person's cost in the next 12 months from what was known about them at the
        start. The formulas were fitted on people's characteristics at {v.trainedAt} and their cost in the
        year after ({fmtInt(v.trainRows)} people), then tested, unchanged, on characteristics at{" "}
        {v.validatedAt} and the following year ({fmtInt(v.testRows)} people) — a year they had not seen. The
        shares on the fair-shares page come from the same formulas refitted on the most recent complete year.
        Cost is everything priced: {v.outcomePods.map((p) => POD_WORDS[p] ?? p).join(", ")}.
      </p>
      {v.supplyNote ? (
        <div className="nhsuk-warning-callout">
          <h3 className="nhsuk-warning-callout__label">
            <span>
              <span className="nhsuk-u-visually-hidden">Important: </span>Last year's cost
            </span>
          </h3>
          <p>{v.supplyNote}</p>
        </div>
      ) : null}
      <table className="nhsuk-table" data-testid="validation-r2">
        <caption className="nhsuk-table__caption">
          Out-of-time R²: share of the variation in actual cost each formula explained
        </caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">
              Formula
            </th>
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
              People
            </th>
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
              Practices (per head)
            </th>
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
              PCNs (per head)
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {v.formulas.map((f) => (
            <tr key={f.formula} className="nhsuk-table__row">
              <td className="nhsuk-table__cell">{f.name}</td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{fmtR2(f.r2Person)}</td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{fmtR2(f.r2Practice)}</td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{fmtR2(f.r2Pcn)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="nhsuk-body-s">
        For practices and PCNs, R² compares spend per registered person, each unit weighted by its list size,
        after scaling the predictions to the same total as the actual spend (as a budget would be). 1 would
        explain all of it; raw capitation, which gives every person the same, explains none.
      </p>
      <div className="bevan-controls">
        <QuerySelect
          id="val-formula"
          label="Formula for the detail below"
          value={chosen.formula}
          options={v.formulas.map((f) => ({ code: f.formula, label: f.name }))}
          onChange={(x) => navigate(withQuery({ formula: x }))}
        />
      </div>
      <h2>Calibration</h2>
      <Chart
        title={`${chosen.name}: predicted against actual cost by decile`}
        description={`People in the test year put into ten equal groups by predicted cost (1 = lowest); mean predicted and mean actual cost per person in each, in pounds. A well-calibrated formula's points lie on the diagonal.`}
        height={380}
        option={{
          tooltip: {
            trigger: "item",
            formatter: (p: { value: [number, number, number] }) =>
              `Decile ${p.value[2]}: predicted ${fmtGbp(p.value[0])}, actual ${fmtGbp(p.value[1])}`,
          },
          legend: { bottom: 0 },
          grid: { left: 70, right: 20, top: 20, bottom: 70 },
          xAxis: {
            type: "value",
            name: "Mean predicted (£)",
            nameLocation: "middle",
            nameGap: 28,
            min: 0,
            max: Math.ceil(maxCal * 1.05),
          },
          yAxis: {
            type: "value",
            name: "Mean actual (£)",
            nameLocation: "middle",
            nameGap: 50,
            min: 0,
            max: Math.ceil(maxCal * 1.05),
          },
          series: [
            {
              type: "line",
              name: "Predicted = actual",
              data: [
                [0, 0],
                [maxCal * 1.05, maxCal * 1.05],
              ],
              showSymbol: false,
              silent: true,
              lineStyle: { color: NHS.grey, type: "dashed" },
              itemStyle: { color: NHS.grey },
            },
            {
              type: "scatter",
              name: "Decile",
              data: chosen.calibration.map((c) => [c.meanPredicted, c.meanActual, c.bin]),
              itemStyle: { color: NHS.blue },
              symbolSize: 11,
            },
          ],
        }}
        table={{ header: calHeader, rows: calRows }}
      />
      <h2>Residuals by group</h2>
      <p className="nhsuk-body">
        Mean actual minus mean predicted cost per person in the test year. A group the formula under-funds has
        a positive residual; the interval shows whether the difference is more than chance.
      </p>
      <div className="bevan-controls">
        <QuerySelect
          id="val-residuals"
          label="Group by"
          value={residualDim?.code ?? "imd_quintile"}
          options={RESIDUAL_DIMS}
          onChange={(x) => navigate(withQuery({ residuals: x }))}
        />
      </div>
      <Chart
        title={`${chosen.name}: mean residual by ${(residualDim?.label ?? "group").toLowerCase()}`}
        description="Actual minus predicted cost per person, pounds, with 95% intervals; groups under the disclosure threshold are left out."
        height={Math.max(260, 24 * residuals.length + 80)}
        option={{
          tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
          grid: { left: 170, right: 30, top: 10, bottom: 40 },
          xAxis: { type: "value", name: "£ per person", nameLocation: "middle", nameGap: 28 },
          yAxis: {
            type: "category",
            inverse: true,
            data: residuals.map((g) => g.group),
            axisLabel: { width: 160, overflow: "truncate" },
          },
          series: [
            {
              type: "bar",
              name: "Mean residual",
              data: residuals.map((g) => ({
                value: g.meanResidual === null ? null : Math.round(g.meanResidual),
                itemStyle: { color: (g.meanResidual ?? 0) > 0 ? NHS.orange : NHS.blue },
              })),
            },
          ],
        }}
        table={{ header: resHeader, rows: resRows }}
      />
      <ExportButtons
        title={`Residuals ${chosen.name} by ${residualDim?.label ?? "group"}`}
        header={resHeader}
        rows={resRows}
      />
      <h2>The formula</h2>
      <p className="nhsuk-body">
        {chosen.formula === "age_sex"
          ? "The age–sex formula is the mean cost per person in each of 16 age–sex groups."
          : chosen.formula === "capitation"
            ? "Raw capitation is the same amount for every registered person."
            : "Pounds added to a person's expected cost next year by each characteristic (least squares, all at once); the baseline is a girl aged 0–4 in the least deprived fifth, on no register."}
      </p>
      <DataTable
        caption={`${chosen.name}: terms`}
        rows={chosen.coefficients}
        columns={[
          { id: "term", header: "Term", value: (t) => t.name },
          {
            id: "coef",
            header: "Pounds a year",
            numeric: true,
            value: (t) => t.coefficient,
            render: (t) => fmtGbp(t.coefficient),
          },
          {
            id: "se",
            header: "Standard error",
            numeric: true,
            value: (t) => t.standardError,
            render: (t) => (t.standardError === null ? "–" : fmtGbp(t.standardError)),
          },
        ]}
      />
      <ExportButtons
        title={`Formula ${chosen.name}`}
        header={["Term", "Pounds a year", "Standard error"]}
        rows={chosen.coefficients.map((t) => [
          t.name,
          Math.round(100 * t.coefficient) / 100,
          t.standardError === null ? null : Math.round(100 * t.standardError) / 100,
        ])}
      />
    </>
  );
}
