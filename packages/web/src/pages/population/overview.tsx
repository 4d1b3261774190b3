// Population overview for the chosen scope: registered population by age band, sex and
// deprivation, list sizes by practice, and register prevalence with 95% confidence intervals.
import { api } from "../../api.ts";
import { Chart } from "../../components/chart.tsx";
import { NHS } from "../../components/echarts.ts";
import { ModelCardLink } from "../../components/model-card.tsx";
import { DisclosureNote } from "../../components/parts.tsx";
import { Async, Empty } from "../../components/states.tsx";
import { countValue, fmtCount, fmtPct } from "../../lib/format.ts";
import { findNode, LEVEL_NAMES } from "../../lib/org-tree.ts";
import type { PageProps } from "../../page.ts";
import { useData } from "../../use-data.ts";
import { PopulationPyramid, PrevalenceSection, RiskPyramid } from "./overview-charts.tsx";

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
            <div className="bevan-cards bevan-cards--row">
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
        {(r) => (
          <>
            <RiskPyramid r={r} />
            {r.scored ? <ModelCardLink /> : null}
          </>
        )}
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
