// Population overview for the chosen scope: registered population by age band, sex and
// deprivation, list sizes by practice, and register prevalence with 95% confidence intervals.
import type { PrevalenceAllResponse, PyramidResponse, RiskPyramidResponse } from "@bevan/client";
import { api } from "../api.ts";
import type { PageProps } from "../app.tsx";
import { Chart } from "../components/chart.tsx";
import { DataTable } from "../components/data-table.tsx";
import { NHS } from "../components/echarts.ts";
import { errorBarsHorizontal } from "../components/error-bars.ts";
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
  const pyramid = useData(() => api.pyramid(q), [org]);
  const imd = useData(() => api.population({ ...q, breakdown: "imd_quintile" }), [org]);
  const practices = useData(() => api.population({ ...q, breakdown: "practice" }), [org]);
  const prevalence = useData(() => api.prevalenceAll(q), [org]);
  const multimorbidity = useData(() => api.multimorbidity(q), [org]);
  const risk = useData(() => api.riskPyramid(q), [org]);
  const segments = useData(() => api.segments(q), [org]);
  const node = org ? findNode(tree, org) : undefined;
  const where = node ? `${LEVEL_NAMES[node.level] ?? node.level} ${node.name}` : "your whole scope";
  return (
    <>
      <h1>Population overview</h1>
      <p className="nhsuk-lede-text">
        Who is registered, what they live with, and where the risk is, for {where}.
      </p>
      <Async data={pyramid} what="the population">
        {(p) => (
          <>
            <div className="bevan-cards">
              <Stat
                label="Registered people"
                value={fmtCount(p.total)}
                note={`as of ${p.asOf}`}
                testId="population-total"
              />
              <Async data={multimorbidity} what="multimorbidity">
                {(m) => (
                  <Stat
                    label="Two or more long-term conditions"
                    value={fmtPct(m.share2plus)}
                    note={`five or more: ${fmtPct(m.share5plus)}`}
                  />
                )}
              </Async>
            </div>
            <DisclosureNote disclosure={p.disclosure} />
            <PopulationPyramid p={p} />
          </>
        )}
      </Async>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-half">
          <Async data={imd} what="the deprivation profile">
            {(pop) => (
              <Chart
                title="Deprivation profile"
                description="Registered people by IMD 2025 quintile of their home LSOA (1 = most deprived 20% nationally). Counts of people."
                height={280}
                option={{
                  tooltip: { trigger: "axis" },
                  grid: { left: 70, right: 20, bottom: 50, top: 20 },
                  xAxis: {
                    type: "category",
                    name: "IMD quintile",
                    nameLocation: "middle",
                    nameGap: 30,
                    data: pop.groups.map((g) => IMD_LABELS[g.group] ?? g.group),
                    axisLabel: { interval: 0, fontSize: 11 },
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
        <div className="nhsuk-grid-column-one-half">
          <Async data={multimorbidity} what="multimorbidity">
            {(m) => (
              <Chart
                title="Multimorbidity"
                description="Registered people by the number of long-term condition registers they are on. Counts of people."
                height={280}
                option={{
                  tooltip: { trigger: "axis" },
                  grid: { left: 70, right: 20, bottom: 50, top: 20 },
                  xAxis: {
                    type: "category",
                    name: "Long-term conditions",
                    nameLocation: "middle",
                    nameGap: 30,
                    data: m.distribution.map((d) => d.conditions),
                  },
                  yAxis: { type: "value", name: "People", nameLocation: "middle", nameGap: 55 },
                  series: [
                    {
                      type: "bar",
                      name: "People",
                      data: m.distribution.map((d) => countValue(d.people)),
                      itemStyle: { color: NHS.green },
                    },
                  ],
                }}
                table={{
                  header: ["Long-term conditions", "People"],
                  rows: m.distribution.map((d) => [d.conditions, countValue(d.people)]),
                }}
              />
            )}
          </Async>
        </div>
      </div>
      <Async data={prevalence} what="register prevalence">
        {(p) => <PrevalenceSection p={p} />}
      </Async>
      <Async data={risk} what="the risk pyramid">
        {(r) => <RiskPyramid r={r} />}
      </Async>
      <Async data={segments} what="population segments">
        {(s) =>
          !s.scored ? (
            <Empty>Segments need a build with risk scores; this warehouse has none.</Empty>
          ) : (
            <Chart
              title="Bridges to Health segments"
              description="Registered people by their Bridges to Health segment (the first rule each person meets). Percentage of people."
              height={300}
              option={{
                tooltip: {
                  trigger: "axis",
                  valueFormatter: (v: unknown) => (typeof v === "number" ? `${v.toFixed(1)}%` : "–"),
                },
                grid: { left: 230, right: 30, bottom: 50, top: 10 },
                yAxis: {
                  type: "category",
                  inverse: true,
                  data: s.segments.map((g) => g.label),
                  axisLabel: { width: 220, overflow: "truncate" },
                },
                xAxis: { type: "value", name: "Share of people (%)", nameLocation: "middle", nameGap: 30 },
                series: [
                  {
                    type: "bar",
                    name: "Share of people (%)",
                    data: s.segments.map((g) => (g.share === null ? null : 100 * g.share)),
                    itemStyle: { color: NHS.darkBlue },
                  },
                ],
              }}
              table={{
                header: ["Segment", "People", "Share (%)"],
                rows: s.segments.map((g) => [
                  g.label,
                  countValue(g.people),
                  g.share === null ? null : Number((100 * g.share).toFixed(2)),
                ]),
              }}
            />
          )
        }
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

function Stat({
  label,
  value,
  note,
  testId,
}: {
  label: string;
  value: string;
  note?: string;
  testId?: string;
}) {
  return (
    <div className="nhsuk-card bevan-stat">
      <div className="nhsuk-card__content">
        <p className="bevan-stat__label">{label}</p>
        <p className="bevan-stat__value" data-testid={testId}>
          {value}
        </p>
        {note && <p className="nhsuk-body-s">{note}</p>}
      </div>
    </div>
  );
}

function PopulationPyramid({ p }: { p: PyramidResponse }) {
  return (
    <Chart
      title="Population pyramid"
      description={`People registered and alive on ${p.asOf}, by sex and five-year age band. Counts of people; females to the left, males to the right.`}
      height={440}
      option={{
        tooltip: {
          trigger: "axis",
          axisPointer: { type: "shadow" },
          valueFormatter: (v: unknown) =>
            typeof v === "number" ? Math.abs(v).toLocaleString("en-GB") : "suppressed",
        },
        legend: { bottom: 0 },
        grid: { left: 60, right: 30, bottom: 70, top: 10 },
        yAxis: {
          type: "category",
          name: "Age band",
          data: p.bands.map((b) => b.band),
          axisTick: { show: false },
        },
        xAxis: {
          type: "value",
          name: "People",
          nameLocation: "middle",
          nameGap: 30,
          axisLabel: { formatter: (v: number) => Math.abs(v).toLocaleString("en-GB") },
        },
        series: [
          {
            type: "bar",
            name: "Female",
            stack: "people",
            data: p.bands.map((b) => {
              const v = countValue(b.female);
              return v === null ? null : -v;
            }),
            itemStyle: { color: NHS.blue },
          },
          {
            type: "bar",
            name: "Male",
            stack: "people",
            data: p.bands.map((b) => countValue(b.male)),
            itemStyle: { color: NHS.orange },
          },
        ],
      }}
      table={{
        header: ["Age band", "Female", "Male"],
        rows: p.bands.map((b) => [b.band, countValue(b.female), countValue(b.male)]),
      }}
    />
  );
}

function PrevalenceSection({ p }: { p: PrevalenceAllResponse }) {
  const rows = p.registers;
  if (rows.length === 0) return <Empty>No register data for this scope.</Empty>;
  const refLabel = rows[0]?.reference.label ?? "reference";
  return (
    <>
      <Chart
        title="Register prevalence"
        description={`People on each register as a percentage of registered people of the register's minimum age, with Wilson 95% confidence intervals; diamonds mark the ${refLabel} figure.`}
        height={560}
        option={{
          tooltip: {
            trigger: "axis",
            valueFormatter: (v: unknown) => (typeof v === "number" ? `${v.toFixed(2)}%` : "–"),
          },
          legend: { bottom: 0 },
          grid: { left: 200, right: 30, bottom: 80, top: 10 },
          yAxis: {
            type: "category",
            data: rows.map((r) => r.name),
            inverse: true,
            axisLabel: { width: 190, overflow: "truncate" },
          },
          xAxis: { type: "value", name: "Prevalence (%)", nameLocation: "middle", nameGap: 30 },
          series: [
            {
              type: "bar",
              name: "This scope",
              data: rows.map((r) => (r.prevalence === null ? null : 100 * r.prevalence)),
              itemStyle: { color: NHS.blue },
            },
            {
              type: "custom",
              name: "95% confidence interval",
              renderItem: errorBarsHorizontal,
              data: rows.map((r, i) => [
                r.ci95 ? 100 * r.ci95.lower : null,
                r.ci95 ? 100 * r.ci95.upper : null,
                i,
              ]),
              encode: { x: [0, 1], y: 2 },
              z: 10,
              tooltip: { show: false },
            },
            {
              type: "scatter",
              name: refLabel,
              symbol: "diamond",
              symbolSize: 11,
              data: rows.map((r) => (r.reference.prevalence === null ? null : 100 * r.reference.prevalence)),
              itemStyle: { color: NHS.orange, borderColor: "#212b32", borderWidth: 1 },
              z: 11,
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
            `${refLabel} (%)`,
            "Compared with reference",
          ],
          rows: rows.map((r) => [
            r.name,
            r.minAge,
            countValue(r.numerator),
            countValue(r.denominator),
            r.prevalence === null ? null : Number((100 * r.prevalence).toFixed(3)),
            r.ci95 ? Number((100 * r.ci95.lower).toFixed(3)) : null,
            r.ci95 ? Number((100 * r.ci95.upper).toFixed(3)) : null,
            r.reference.prevalence === null ? null : Number((100 * r.reference.prevalence).toFixed(3)),
            r.significance,
          ]),
        }}
      />
      <DataTable
        caption={`Registers compared with ${refLabel}`}
        initialSort={{ id: "prevalence", desc: true }}
        rows={rows}
        columns={[
          { id: "name", header: "Register", value: (r) => r.name },
          {
            id: "people",
            header: "People",
            numeric: true,
            value: (r) => countValue(r.numerator),
            render: (r) => fmtCount(r.numerator),
          },
          {
            id: "prevalence",
            header: "Prevalence",
            numeric: true,
            value: (r) => r.prevalence,
            render: (r) => fmtPct(r.prevalence, 2),
          },
          {
            id: "ci",
            header: "95% CI",
            value: (r) => r.ci95?.lower ?? null,
            render: (r) => fmtCi(r.ci95, 2),
          },
          {
            id: "ref",
            header: refLabel,
            numeric: true,
            value: (r) => r.reference.prevalence,
            render: (r) => fmtPct(r.reference.prevalence, 2),
          },
          {
            id: "sig",
            header: "Compared",
            value: (r) => r.significance,
            render: (r) =>
              r.significance === "higher" ? (
                <strong className="nhsuk-tag nhsuk-tag--orange">Higher</strong>
              ) : r.significance === "lower" ? (
                <strong className="nhsuk-tag nhsuk-tag--blue">Lower</strong>
              ) : r.significance === "similar" ? (
                "Similar"
              ) : (
                "–"
              ),
          },
        ]}
      />
    </>
  );
}

function RiskPyramid({ r }: { r: RiskPyramidResponse }) {
  if (!r.scored)
    return <Empty>The risk pyramid needs a build with risk scores; this warehouse has none.</Empty>;
  const pct = (v: number | null) => (v === null ? null : Number((100 * v).toFixed(1)));
  return (
    <>
      <Chart
        title="Risk pyramid: where emergency admissions come from"
        description={`Share of people, of emergency admissions and of spend in each emergency-admission risk tier. ${r.window?.note ?? ""} ${r.spendNote}`}
        height={320}
        option={{
          tooltip: {
            trigger: "axis",
            valueFormatter: (v: unknown) => (typeof v === "number" ? `${v.toFixed(1)}%` : "–"),
          },
          legend: { bottom: 0 },
          grid: { left: 90, right: 30, bottom: 80, top: 10 },
          yAxis: { type: "category", data: r.tiers.map((t) => t.label), name: "Risk tier" },
          xAxis: { type: "value", name: "Share (%)", nameLocation: "middle", nameGap: 30, max: 100 },
          series: [
            {
              type: "bar",
              name: "People",
              data: r.tiers.map((t) => pct(t.peopleShare)),
              itemStyle: { color: NHS.blue },
            },
            {
              type: "bar",
              name: "Emergency admissions",
              data: r.tiers.map((t) => pct(t.admissionsShare)),
              itemStyle: { color: NHS.orange },
            },
            {
              type: "bar",
              name: "Spend",
              data: r.tiers.map((t) => pct(t.spendShare)),
              itemStyle: { color: NHS.grey },
            },
          ],
        }}
        table={{
          header: [
            "Tier",
            "People",
            "People (%)",
            "Admissions",
            "Admissions (%)",
            "Spend (£)",
            "Spend (%)",
            "Admissions per 1,000",
            "Rate ratio",
          ],
          rows: r.tiers.map((t) => [
            t.label,
            countValue(t.people),
            pct(t.peopleShare),
            countValue(t.admissions),
            pct(t.admissionsShare),
            t.spend === null ? null : Math.round(t.spend),
            pct(t.spendShare),
            t.admissionsPer1000 === null ? null : Number(t.admissionsPer1000.toFixed(1)),
            t.rateRatio === null ? null : Number(t.rateRatio.toFixed(2)),
          ]),
        }}
      />
      <DataTable
        caption={`To cut all emergency admissions by ${Math.round(100 * r.reduction)}%, each tier alone would need to avoid this share of its own admissions`}
        rows={r.tiers}
        columns={[
          { id: "tier", header: "Tier", value: (t) => t.label },
          {
            id: "people",
            header: "People",
            numeric: true,
            value: (t) => countValue(t.people),
            render: (t) => fmtCount(t.people),
          },
          {
            id: "adm",
            header: "Admissions",
            numeric: true,
            value: (t) => countValue(t.admissions),
            render: (t) => fmtCount(t.admissions),
          },
          {
            id: "per1000",
            header: "Per 1,000",
            numeric: true,
            value: (t) => t.admissionsPer1000,
            render: (t) => (t.admissionsPer1000 === null ? "–" : t.admissionsPer1000.toFixed(1)),
          },
          {
            id: "req",
            header: "Share to avoid",
            numeric: true,
            value: (t) => t.requiredReduction,
            render: (t) =>
              t.requiredReduction === null
                ? "–"
                : t.requiredReduction > 1
                  ? "not possible from this tier alone"
                  : fmtPct(t.requiredReduction, 0),
          },
        ]}
      />
    </>
  );
}
