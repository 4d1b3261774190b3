// Inequalities (/api/inequalities): an indicator by deprivation quintile, ethnic group, sex, age
// band or learning disability, with Wilson 95% intervals, each group's rate ratio to the
// reference group (with its interval and significance), ESP2013 age-standardised rates where
// the API gives them, and the slope index of inequality for deprivation.
import type { InequalitiesResponse } from "@bevan/client";
import { api } from "../../api.ts";
import { Chart } from "../../components/chart.tsx";
import { DataTable } from "../../components/data-table.tsx";
import { NHS } from "../../components/echarts.ts";
import { errorBarsVertical } from "../../components/error-bars.ts";
import { DisclosureNote } from "../../components/parts.tsx";
import { IndicatorSelect, indicatorFrom } from "../../components/parts-indicator.tsx";
import { Async, Empty } from "../../components/states.tsx";
import { countValue, fmtCi, fmtCount, fmtPct } from "../../lib/format.ts";
import type { PageProps } from "../../page.ts";
import { navigate, withQuery } from "../../router.ts";
import { useData } from "../../use-data.ts";

const DIMENSIONS = [
  { code: "imd_quintile", label: "Deprivation (IMD quintile)" },
  { code: "ethnicity_group", label: "Ethnic group" },
  { code: "sex", label: "Sex" },
  { code: "age_band", label: "Age band" },
  { code: "learning_disability", label: "Learning disability" },
] as const;
type Dimension = (typeof DIMENSIONS)[number]["code"];

export function InequalitiesPage({ route, org }: PageProps) {
  const indicator = indicatorFrom(route.query);
  const dim = DIMENSIONS.find((d) => d.code === route.query.get("dimension")) ?? DIMENSIONS[0];
  const dimension: Dimension = dim.code;
  const indicators = useData(() => api.indicators(), []);
  const data = useData(
    () => api.inequalities({ indicator, dimension, ...(org ? { org } : {}) }),
    [indicator, dimension, org],
  );
  return (
    <>
      <h1>Inequalities</h1>
      <p className="nhsuk-body-l">
        Compare an indicator between groups of people, with 95% confidence intervals, each group's rate ratio
        to a reference group and, where the groups' ages differ, age-standardised rates.
      </p>
      <div className="bevan-controls">
        <Async data={indicators} what="indicators">
          {(r) => (
            <IndicatorSelect
              id="ineq-indicator"
              value={indicator}
              indicators={r.indicators}
              onChange={(id) => navigate(withQuery({ indicator: id, register: undefined }))}
            />
          )}
        </Async>
        <div className="nhsuk-form-group bevan-inline-field">
          <label className="nhsuk-label" htmlFor="ineq-dimension">
            Compare by
          </label>
          <select
            id="ineq-dimension"
            className="nhsuk-select"
            value={dimension}
            onChange={(e) => navigate(withQuery({ dimension: e.target.value }))}
          >
            {DIMENSIONS.map((d) => (
              <option key={d.code} value={d.code}>
                {d.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <Async data={data} what="the comparison">
        {(p) => <Comparison p={p} label={dim.label} />}
      </Async>
    </>
  );
}

const pct3 = (x: number | null | undefined) =>
  x === null || x === undefined ? null : Number((100 * x).toFixed(3));
const fmtRatio = (x: number | null) => (x === null ? "–" : x.toFixed(2));
const fmtRatioCi = (ci: { lower: number; upper: number } | null) =>
  ci ? `${ci.lower.toFixed(2)}–${ci.upper.toFixed(2)}` : "–";

type Sii = NonNullable<InequalitiesResponse["sii"]>;
const pp = (x: number) => (100 * x).toFixed(2);
const excludesZero = (f: Sii) => f.ci95.lower > 0 || f.ci95.upper < 0;

/** An SII and RII in words: which end is higher, by how much, and whether the interval says so. */
function gradient(f: Sii): string {
  const where = f.value < 0 ? "higher in the most deprived areas" : "higher in the least deprived areas";
  const sure = excludesZero(f) ? "" : " — but the interval includes zero, so no clear gradient";
  return `${where}: slope index of inequality ${pp(f.value)} percentage points (95% CI ${pp(f.ci95.lower)} to ${pp(f.ci95.upper)}), relative index ${f.rii.toFixed(2)} (${f.riiCi95.lower.toFixed(2)} to ${f.riiCi95.upper.toFixed(2)})${sure}.`;
}

function Comparison({ p, label }: { p: InequalitiesResponse; label: string }) {
  if (p.groups.length === 0) return <Empty>No one in this scope.</Empty>;
  const rows = p.groups;
  const isRef = (g: (typeof rows)[number]) => g.group === p.reference;
  const standardised = rows.some((g) => g.standardisedRate !== null);
  const lower = `${label.charAt(0).toLowerCase()}${label.slice(1)}`;
  return (
    <>
      <DisclosureNote disclosure={p.disclosure} />
      {p.sii || p.siiStandardised || p.siiNote ? (
        <div className="nhsuk-inset-text" data-testid="sii">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          {p.siiStandardised ? (
            <p data-testid="sii-standardised">
              <strong>Age-standardised:</strong> {gradient(p.siiStandardised)}
            </p>
          ) : null}
          {p.sii ? (
            <p data-testid="sii-crude">
              <strong>{p.siiStandardised ? "Crude (not age-standardised)" : "Crude"}:</strong>{" "}
              {gradient(p.sii)}
              {p.siiStandardised && Math.sign(p.sii.value) !== Math.sign(p.siiStandardised.value)
                ? " The crude and age-standardised gradients differ in direction: the quintiles' ages differ, so read the age-standardised one."
                : ""}
            </p>
          ) : null}
          {!p.sii && !p.siiStandardised ? (
            <p>
              <strong>Slope index of inequality:</strong> not available (every quintile's rate must be shown
              and between 0 and 100%).
            </p>
          ) : null}
          {p.siiNote ? <p className="nhsuk-body-s">The {p.siiNote}.</p> : null}
        </div>
      ) : null}
      <Chart
        title={`${p.indicatorName} by ${lower}`}
        description={`Rate as a percentage in each group, as of ${p.asOf}, with Wilson 95% confidence intervals${standardised ? `; diamonds are age-standardised rates (${p.standardisation ?? "ESP2013"})` : ""}. Reference group: ${p.reference}. Groups with suppressed counts have no bar.`}
        option={{
          tooltip: {
            trigger: "axis",
            valueFormatter: (v: unknown) => (typeof v === "number" ? `${v.toFixed(2)}%` : "–"),
          },
          legend: { bottom: 0 },
          grid: { left: 70, right: 20, bottom: 80, top: 20 },
          xAxis: {
            type: "category",
            name: label,
            nameLocation: "middle",
            nameGap: 30,
            data: rows.map((g) => (isRef(g) ? `${g.group} (ref)` : g.group)),
          },
          yAxis: { type: "value", name: "Rate (%)", nameLocation: "middle", nameGap: 50 },
          series: [
            {
              type: "bar",
              name: "Crude rate (%)",
              data: rows.map((g) => pct3(g.rate)),
              itemStyle: { color: NHS.blue },
            },
            {
              type: "custom",
              name: "95% confidence interval",
              renderItem: errorBarsVertical,
              data: rows.map((g, i) => [pct3(g.ci95?.lower), pct3(g.ci95?.upper), i]),
              encode: { y: [0, 1], x: 2 },
              z: 10,
              tooltip: { show: false },
            },
            ...(standardised
              ? [
                  {
                    type: "scatter",
                    name: "Age-standardised rate (%)",
                    data: rows.map((g) => pct3(g.standardisedRate)),
                    symbol: "diamond",
                    symbolSize: 13,
                    itemStyle: { color: NHS.orange },
                    z: 11,
                  },
                ]
              : []),
          ],
        }}
        table={{
          header: [
            label,
            "Numerator",
            "Denominator",
            "Rate (%)",
            "95% CI lower (%)",
            "95% CI upper (%)",
            "Rate ratio to reference",
            "Rate ratio 95% CI lower",
            "Rate ratio 95% CI upper",
            "Significant",
            "Age-standardised rate (%)",
            "Age-standardised 95% CI lower (%)",
            "Age-standardised 95% CI upper (%)",
          ],
          rows: rows.map((g) => [
            isRef(g) ? `${g.group} (reference)` : g.group,
            g.numerator.suppressed ? "suppressed" : g.numerator.value,
            g.denominator.suppressed ? "suppressed" : g.denominator.value,
            pct3(g.rate),
            pct3(g.ci95?.lower),
            pct3(g.ci95?.upper),
            g.rateRatio === null ? null : Number(g.rateRatio.toFixed(3)),
            g.rrCi95 ? Number(g.rrCi95.lower.toFixed(3)) : null,
            g.rrCi95 ? Number(g.rrCi95.upper.toFixed(3)) : null,
            g.significant === null ? null : g.significant ? "yes" : "no",
            pct3(g.standardisedRate),
            pct3(g.standardisedCi95?.lower),
            pct3(g.standardisedCi95?.upper),
          ]),
        }}
      />
      {p.standardisation ? (
        <p className="nhsuk-body-s">
          Age-standardised rates: {p.standardisation} (European Standard Population 2013).
        </p>
      ) : null}
      <p className="nhsuk-body-s">
        Significant: the group's rate differs from the reference group's at the 5% level, two-sided — the rate
        ratio's 95% confidence interval (Katz log method) does not include 1.
      </p>
      <DataTable
        caption={`Groups compared with the reference group (${p.reference})`}
        rows={rows}
        columns={[
          {
            id: "group",
            header: label,
            value: (g) => g.group,
            render: (g) => (isRef(g) ? `${g.group} (reference)` : g.group),
          },
          {
            id: "num",
            header: "Numerator",
            numeric: true,
            value: (g) => countValue(g.numerator),
            render: (g) => fmtCount(g.numerator),
          },
          {
            id: "den",
            header: "Denominator",
            numeric: true,
            value: (g) => countValue(g.denominator),
            render: (g) => fmtCount(g.denominator),
          },
          {
            id: "rate",
            header: "Rate",
            numeric: true,
            value: (g) => g.rate,
            render: (g) => fmtPct(g.rate, 2),
          },
          {
            id: "ci",
            header: "95% CI",
            value: (g) => g.ci95?.lower ?? null,
            render: (g) => fmtCi(g.ci95, 2),
          },
          {
            id: "rr",
            header: "Rate ratio",
            numeric: true,
            value: (g) => g.rateRatio,
            render: (g) => fmtRatio(g.rateRatio),
          },
          {
            id: "rrci",
            header: "Rate ratio 95% CI",
            value: (g) => g.rrCi95?.lower ?? null,
            render: (g) => fmtRatioCi(g.rrCi95),
          },
          {
            id: "sig",
            header: "Significant",
            value: (g) => (g.significant === null ? null : g.significant ? 1 : 0),
            render: (g) =>
              isRef(g) ? (
                "reference"
              ) : g.significant === null ? (
                "–"
              ) : g.significant ? (
                <strong className="nhsuk-tag nhsuk-tag--orange">Yes</strong>
              ) : (
                "No"
              ),
          },
          ...(standardised
            ? [
                {
                  id: "asr",
                  header: "Age-standardised rate (95% CI)",
                  numeric: true,
                  value: (g: (typeof rows)[number]) => g.standardisedRate,
                  render: (g: (typeof rows)[number]) =>
                    g.standardisedRate === null
                      ? "–"
                      : `${fmtPct(g.standardisedRate, 2)} (${fmtCi(g.standardisedCi95, 2)})`,
                },
              ]
            : []),
        ]}
      />
    </>
  );
}
