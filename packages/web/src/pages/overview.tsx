// Population overview for the chosen scope: registered population by age band, sex and
// deprivation, list sizes by practice, and register prevalence with 95% confidence intervals.
import type { PrevalenceResponse } from "@bevan/client";
import { api } from "../api.ts";
import type { PageProps } from "../app.tsx";
import { Chart } from "../components/chart.tsx";
import { DataTable } from "../components/data-table.tsx";
import { NHS } from "../components/echarts.ts";
import { Async, Empty } from "../components/states.tsx";
import { countValue, fmtCi, fmtCount, fmtPct } from "../lib/format.ts";
import { findNode, LEVEL_NAMES } from "../lib/org-tree.ts";
import { useData } from "../use-data.ts";
import { DisclosureNote } from "./parts.tsx";

const IMD_LABELS: Record<string, string> = {
  "1": "1 (most deprived)",
  "2": "2",
  "3": "3",
  "4": "4",
  "5": "5 (least deprived)",
};

export function OverviewPage({ org, tree }: PageProps) {
  const q = org ? { org } : {};
  const [ageBand, sex, imd, practices] = [
    useData(() => api.population({ ...q, breakdown: "age_band" }), [org]),
    useData(() => api.population({ ...q, breakdown: "sex" }), [org]),
    useData(() => api.population({ ...q, breakdown: "imd_quintile" }), [org]),
    useData(() => api.population({ ...q, breakdown: "practice" }), [org]),
  ];
  const prevalence = useData(async () => {
    const { registers } = await api.registers();
    const all = await Promise.all(registers.map((r) => api.prevalence({ register: r.code, ...q })));
    return registers.map((r, i) => ({ ...r, result: all[i] as PrevalenceResponse }));
  }, [org]);
  const node = org ? findNode(tree, org) : undefined;
  const where = node ? `${LEVEL_NAMES[node.level] ?? node.level} ${node.name}` : "your whole scope";
  return (
    <>
      <h1>Population overview</h1>
      <p className="nhsuk-lede-text">Registered population and long-term condition registers for {where}.</p>
      <Async data={ageBand} what="the population">
        {(pop) => (
          <>
            <div className="bevan-cards">
              <div className="nhsuk-card bevan-stat">
                <div className="nhsuk-card__content">
                  <p className="bevan-stat__label">Registered people</p>
                  <p className="bevan-stat__value" data-testid="population-total">
                    {fmtCount(pop.total)}
                  </p>
                  <p className="nhsuk-body-s">as of {pop.asOf}</p>
                </div>
              </div>
            </div>
            <DisclosureNote disclosure={pop.disclosure} />
            <Chart
              title="Registered population by age band"
              description={`People registered and alive on ${pop.asOf}, by five-year age band. Counts of people.`}
              option={{
                tooltip: { trigger: "axis" },
                grid: { left: 70, right: 20, bottom: 50, top: 20 },
                xAxis: {
                  type: "category",
                  name: "Age band (years)",
                  nameLocation: "middle",
                  nameGap: 30,
                  data: pop.groups.map((g) => g.group),
                },
                yAxis: { type: "value", name: "People", nameLocation: "middle", nameGap: 55 },
                series: [
                  {
                    type: "bar",
                    name: "Registered people",
                    data: pop.groups.map((g) => countValue(g.registered)),
                    itemStyle: { color: NHS.blue },
                  },
                ],
              }}
              table={{
                header: ["Age band", "Registered people"],
                rows: pop.groups.map((g) => [g.group, countValue(g.registered)]),
              }}
            />
          </>
        )}
      </Async>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-half">
          <Async data={sex} what="the population by sex">
            {(pop) => (
              <Chart
                title="Registered population by sex"
                description="People registered and alive at the as-of date. Counts of people."
                height={260}
                option={{
                  tooltip: { trigger: "axis" },
                  grid: { left: 70, right: 20, bottom: 50, top: 20 },
                  xAxis: {
                    type: "category",
                    name: "Sex",
                    nameLocation: "middle",
                    nameGap: 30,
                    data: pop.groups.map((g) => g.group),
                  },
                  yAxis: { type: "value", name: "People", nameLocation: "middle", nameGap: 55 },
                  series: [
                    {
                      type: "bar",
                      name: "Registered people",
                      data: pop.groups.map((g) => countValue(g.registered)),
                    },
                  ],
                }}
                table={{
                  header: ["Sex", "Registered people"],
                  rows: pop.groups.map((g) => [g.group, countValue(g.registered)]),
                }}
              />
            )}
          </Async>
        </div>
        <div className="nhsuk-grid-column-one-half">
          <Async data={imd} what="the deprivation profile">
            {(pop) => (
              <Chart
                title="Deprivation profile"
                description="Registered people by IMD 2025 quintile of their home LSOA (1 = most deprived 20% nationally). Counts of people."
                height={260}
                option={{
                  tooltip: { trigger: "axis" },
                  grid: { left: 70, right: 20, bottom: 50, top: 20 },
                  xAxis: {
                    type: "category",
                    name: "IMD quintile",
                    nameLocation: "middle",
                    nameGap: 30,
                    data: pop.groups.map((g) => IMD_LABELS[g.group] ?? g.group),
                  },
                  yAxis: { type: "value", name: "People", nameLocation: "middle", nameGap: 55 },
                  series: [
                    {
                      type: "bar",
                      name: "Registered people",
                      data: pop.groups.map((g) => countValue(g.registered)),
                      itemStyle: { color: NHS.purple },
                    },
                  ],
                }}
                table={{
                  header: ["IMD quintile", "Registered people"],
                  rows: pop.groups.map((g) => [IMD_LABELS[g.group] ?? g.group, countValue(g.registered)]),
                }}
              />
            )}
          </Async>
        </div>
      </div>
      <Async data={prevalence} what="register prevalence">
        {(regs) => {
          const rows = regs.map((r) => ({
            code: r.code,
            name: r.name,
            minAge: r.minAge,
            g: r.result.groups[0],
          }));
          if (rows.every((r) => !r.g)) return <Empty>No register data for this scope.</Empty>;
          return (
            <>
              <Chart
                title="Register prevalence"
                description="People on each QOF-style register as a percentage of registered people of the register's minimum age, with Wilson 95% confidence intervals."
                height={420}
                option={{
                  tooltip: {
                    trigger: "axis",
                    valueFormatter: (v: unknown) => (typeof v === "number" ? `${v.toFixed(2)}%` : "–"),
                  },
                  grid: { left: 190, right: 30, bottom: 50, top: 10 },
                  yAxis: {
                    type: "category",
                    data: rows.map((r) => r.name),
                    inverse: true,
                    axisLabel: { width: 180, overflow: "truncate" },
                  },
                  xAxis: { type: "value", name: "Prevalence (%)", nameLocation: "middle", nameGap: 30 },
                  series: [
                    {
                      type: "bar",
                      name: "Prevalence (%)",
                      data: rows.map((r) => (r.g?.prevalence == null ? null : 100 * r.g.prevalence)),
                      itemStyle: { color: NHS.blue },
                    },
                    {
                      type: "custom",
                      name: "95% confidence interval",
                      renderItem: errorBarsHorizontal,
                      data: rows.map((r, i) => [
                        r.g?.ci95 ? 100 * r.g.ci95.lower : null,
                        r.g?.ci95 ? 100 * r.g.ci95.upper : null,
                        i,
                      ]),
                      encode: { x: [0, 1], y: 2 },
                      z: 10,
                      tooltip: { show: false },
                    },
                  ],
                }}
                table={{
                  header: [
                    "Register",
                    "Minimum age",
                    "People on register",
                    "Denominator",
                    "Prevalence (%)",
                    "95% CI lower (%)",
                    "95% CI upper (%)",
                  ],
                  rows: rows.map((r) => [
                    r.name,
                    r.minAge,
                    countValue(r.g?.numerator),
                    countValue(r.g?.denominator),
                    r.g?.prevalence == null ? null : Number((100 * r.g.prevalence).toFixed(3)),
                    r.g?.ci95 ? Number((100 * r.g.ci95.lower).toFixed(3)) : null,
                    r.g?.ci95 ? Number((100 * r.g.ci95.upper).toFixed(3)) : null,
                  ]),
                }}
              />
              <DataTable
                caption="Registers"
                initialSort={{ id: "prevalence", desc: true }}
                rows={rows}
                columns={[
                  { id: "name", header: "Register", value: (r) => r.name },
                  {
                    id: "people",
                    header: "People",
                    numeric: true,
                    value: (r) => countValue(r.g?.numerator),
                    render: (r) => fmtCount(r.g?.numerator),
                  },
                  {
                    id: "prevalence",
                    header: "Prevalence",
                    numeric: true,
                    value: (r) => r.g?.prevalence ?? null,
                    render: (r) => fmtPct(r.g?.prevalence, 2),
                  },
                  {
                    id: "ci",
                    header: "95% CI",
                    value: (r) => r.g?.ci95?.lower ?? null,
                    render: (r) => fmtCi(r.g?.ci95, 2),
                  },
                ]}
              />
            </>
          );
        }}
      </Async>
      <Async data={practices} what="list sizes">
        {(pop) =>
          pop.groups.length === 0 ? (
            <Empty>No practices in this scope.</Empty>
          ) : (
            <Chart
              title="List size by practice"
              description="People registered at each practice in this scope at the as-of date. Counts of people."
              height={Math.max(240, 22 * pop.groups.length + 60)}
              option={{
                tooltip: { trigger: "axis" },
                grid: { left: 90, right: 30, bottom: 50, top: 10 },
                yAxis: { type: "category", inverse: true, data: pop.groups.map((g) => g.group) },
                xAxis: { type: "value", name: "Registered people", nameLocation: "middle", nameGap: 30 },
                series: [
                  {
                    type: "bar",
                    name: "Registered people",
                    data: pop.groups.map((g) => countValue(g.registered)),
                    itemStyle: { color: NHS.green },
                  },
                ],
              }}
              table={{
                header: ["Practice", "Registered people"],
                rows: pop.groups.map((g) => [g.group, countValue(g.registered)]),
              }}
            />
          )
        }
      </Async>
    </>
  );
}

/** ECharts custom series: a horizontal whisker from data[0] to data[1] at category data[2]. */
// biome-ignore lint/suspicious/noExplicitAny: ECharts' renderItem API is untyped at this level
export function errorBarsHorizontal(_params: unknown, api: any) {
  const lo = api.value(0);
  const hi = api.value(1);
  if (lo === null || hi === null || Number.isNaN(lo) || Number.isNaN(hi)) return null;
  const cat = api.value(2);
  const a = api.coord([lo, cat]);
  const b = api.coord([hi, cat]);
  const h = 5;
  const style = { stroke: "#212b32", lineWidth: 1.5 };
  return {
    type: "group",
    children: [
      { type: "line", shape: { x1: a[0], y1: a[1], x2: b[0], y2: b[1] }, style },
      { type: "line", shape: { x1: a[0], y1: a[1] - h, x2: a[0], y2: a[1] + h }, style },
      { type: "line", shape: { x1: b[0], y1: b[1] - h, x2: b[0], y2: b[1] + h }, style },
    ],
  };
}

/** The same, vertical: a whisker from data[0] to data[1] at category data[2] on the x axis. */
// biome-ignore lint/suspicious/noExplicitAny: ECharts' renderItem API is untyped at this level
export function errorBarsVertical(_params: unknown, api: any) {
  const lo = api.value(0);
  const hi = api.value(1);
  if (lo === null || hi === null || Number.isNaN(lo) || Number.isNaN(hi)) return null;
  const cat = api.value(2);
  const a = api.coord([cat, lo]);
  const b = api.coord([cat, hi]);
  const w = 6;
  const style = { stroke: "#212b32", lineWidth: 1.5 };
  return {
    type: "group",
    children: [
      { type: "line", shape: { x1: a[0], y1: a[1], x2: b[0], y2: b[1] }, style },
      { type: "line", shape: { x1: a[0] - w, y1: a[1], x2: a[0] + w, y2: a[1] }, style },
      { type: "line", shape: { x1: b[0] - w, y1: b[1], x2: b[0] + w, y2: b[1] }, style },
    ],
  };
}
