// Inequalities: a register's prevalence by IMD quintile, ethnicity, sex or age band, with
// Wilson 95% confidence intervals, and each group's ratio to the reference group.
import type { PrevalenceResponse } from "@bevan/client";
import { api } from "../api.ts";
import type { PageProps } from "../app.tsx";
import { Chart } from "../components/chart.tsx";
import { DataTable } from "../components/data-table.tsx";
import { NHS } from "../components/echarts.ts";
import { Async, Empty } from "../components/states.tsx";
import { countValue, fmtCi, fmtCount, fmtPct } from "../lib/format.ts";
import { navigate, withQuery } from "../router.ts";
import { useData } from "../use-data.ts";
import { errorBarsVertical } from "./overview.tsx";
import { DisclosureNote, RegisterSelect } from "./parts.tsx";

const DIMENSIONS = [
  { code: "imd_quintile", label: "Deprivation (IMD quintile)", reference: "5" },
  { code: "ethnicity_group", label: "Ethnic group", reference: "White" },
  { code: "sex", label: "Sex", reference: "F" },
  { code: "age_band", label: "Age band", reference: null },
] as const;
type Dimension = (typeof DIMENSIONS)[number]["code"];

export function InequalitiesPage({ route, org }: PageProps) {
  const register = route.query.get("register") ?? "HYP";
  const dimension = (DIMENSIONS.find((d) => d.code === route.query.get("dimension"))?.code ??
    "imd_quintile") as Dimension;
  const dim = DIMENSIONS.find((d) => d.code === dimension) ?? DIMENSIONS[0];
  const registers = useData(() => api.registers(), []);
  const data = useData(
    () => api.prevalence({ register, breakdown: dimension, ...(org ? { org } : {}) }),
    [register, dimension, org],
  );
  return (
    <>
      <h1>Inequalities</h1>
      <p className="nhsuk-body-l">
        Compare a register's prevalence between groups of people, with 95% confidence intervals. Crude rates:
        differences in age structure between groups are not adjusted for here.
      </p>
      <div className="bevan-controls">
        <Async data={registers} what="registers">
          {(r) => (
            <RegisterSelect
              id="ineq-register"
              value={register}
              registers={r.registers}
              onChange={(code) => navigate(withQuery({ register: code }))}
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
        {(p) => <Comparison p={p} label={dim.label} reference={dim.reference} />}
      </Async>
    </>
  );
}

function Comparison({
  p,
  label,
  reference,
}: {
  p: PrevalenceResponse;
  label: string;
  reference: string | null;
}) {
  if (p.groups.length === 0) return <Empty>No one in this scope.</Empty>;
  const ref = reference ? p.groups.find((g) => g.group === reference) : undefined;
  const rows = p.groups.map((g) => ({
    ...g,
    ratio: ref?.prevalence && g.prevalence !== null ? g.prevalence / ref.prevalence : null,
    // Non-overlapping Wilson intervals: a conservative reading of "different from the reference".
    differs:
      ref?.ci95 && g.ci95 && g !== ref
        ? g.ci95.lower > ref.ci95.upper || g.ci95.upper < ref.ci95.lower
        : null,
  }));
  return (
    <>
      <DisclosureNote disclosure={p.disclosure} />
      <Chart
        title={`${p.register} prevalence by ${label.charAt(0).toLowerCase()}${label.slice(1)}`}
        description={`People on the ${p.register} register as a percentage of registered people aged ${p.minAge}+ in each group, as of ${p.asOf}, with Wilson 95% confidence intervals.`}
        option={{
          tooltip: {
            trigger: "axis",
            valueFormatter: (v: unknown) => (typeof v === "number" ? `${v.toFixed(2)}%` : "–"),
          },
          grid: { left: 70, right: 20, bottom: 60, top: 20 },
          xAxis: {
            type: "category",
            name: label,
            nameLocation: "middle",
            nameGap: 35,
            data: rows.map((g) => g.group),
          },
          yAxis: { type: "value", name: "Prevalence (%)", nameLocation: "middle", nameGap: 50 },
          series: [
            {
              type: "bar",
              name: "Prevalence (%)",
              data: rows.map((g) => (g.prevalence === null ? null : 100 * g.prevalence)),
              itemStyle: { color: NHS.blue },
            },
            {
              type: "custom",
              name: "95% confidence interval",
              renderItem: errorBarsVertical,
              data: rows.map((g, i) => [
                g.ci95 ? 100 * g.ci95.lower : null,
                g.ci95 ? 100 * g.ci95.upper : null,
                i,
              ]),
              encode: { y: [0, 1], x: 2 },
              z: 10,
              tooltip: { show: false },
            },
          ],
        }}
        table={{
          header: [
            label,
            "On register",
            "Denominator",
            "Prevalence (%)",
            "95% CI lower (%)",
            "95% CI upper (%)",
            "Ratio to reference",
          ],
          rows: rows.map((g) => [
            g.group,
            countValue(g.numerator),
            countValue(g.denominator),
            g.prevalence === null ? null : Number((100 * g.prevalence).toFixed(3)),
            g.ci95 ? Number((100 * g.ci95.lower).toFixed(3)) : null,
            g.ci95 ? Number((100 * g.ci95.upper).toFixed(3)) : null,
            g.ratio === null ? null : Number(g.ratio.toFixed(3)),
          ]),
        }}
      />
      <DataTable
        caption={reference ? `Groups compared with the reference group (${reference})` : "Groups"}
        rows={rows}
        columns={[
          {
            id: "group",
            header: label,
            value: (g) => g.group,
            render: (g) => (g === ref ? `${g.group} (reference)` : g.group),
          },
          {
            id: "num",
            header: "On register",
            numeric: true,
            value: (g) => countValue(g.numerator),
            render: (g) => fmtCount(g.numerator),
          },
          {
            id: "den",
            header: "People",
            numeric: true,
            value: (g) => countValue(g.denominator),
            render: (g) => fmtCount(g.denominator),
          },
          {
            id: "rate",
            header: "Prevalence",
            numeric: true,
            value: (g) => g.prevalence,
            render: (g) => fmtPct(g.prevalence, 2),
          },
          {
            id: "ci",
            header: "95% CI",
            value: (g) => g.ci95?.lower ?? null,
            render: (g) => fmtCi(g.ci95, 2),
          },
          {
            id: "ratio",
            header: "Ratio to reference",
            numeric: true,
            value: (g) => g.ratio,
            render: (g) => (g.ratio === null ? "–" : g.ratio.toFixed(2)),
          },
          {
            id: "differs",
            header: "Differs from reference",
            value: (g) => (g.differs === null ? null : g.differs ? 1 : 0),
            render: (g) =>
              g.differs === null ? "–" : g.differs ? "Yes (intervals do not overlap)" : "No clear difference",
          },
        ]}
      />
    </>
  );
}
