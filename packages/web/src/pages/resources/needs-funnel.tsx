// Needs and use against the age–sex mix: each unit's spend (or activity) over what the whole
// scope's age–sex rates predict for its people (indirect standardisation, O/E), on a funnel plot of the ratio against the expected value, with the
// crude rate per 1,000 (or per head) beside it.
import type { NeedsResponse, PointOfDeliveryCode } from "@bevan/client";
import { api } from "../../api.ts";
import { Chart } from "../../components/chart.tsx";
import { DataTable } from "../../components/data-table.tsx";
import { NHS } from "../../components/echarts.ts";
import { DisclosureNote } from "../../components/parts.tsx";
import { Async, Empty } from "../../components/states.tsx";
import { countValue, fmtCount } from "../../lib/format.ts";
import { navigate, type Route, withQuery } from "../../router.ts";
import { useData } from "../../use-data.ts";
import { ExportButtons, fmtGbp, fmtRatio, fmtRatioCi, POD_OPTIONS, QuerySelect } from "./parts.tsx";

type Measure = "spend" | "activity";
const MEASURES: readonly { code: Measure; label: string }[] = [
  { code: "spend", label: "Spend (£)" },
  { code: "activity", label: "Activity (events)" },
];

export function NeedsFunnel({
  route,
  org,
  level,
}: {
  route: Route;
  org: string | null;
  level: "practice" | "pcn" | "place";
}) {
  const pod = (POD_OPTIONS.find((p) => p.code === route.query.get("pod"))?.code ?? "all") as
    | PointOfDeliveryCode
    | "all";
  const measure: Measure = route.query.get("measure") === "activity" ? "activity" : "spend";
  const data = useData(
    () => api.resources.needs({ level, pod, measure, ...(org ? { org } : {}) }),
    [level, pod, measure, org],
  );
  return (
    <>
      <p className="nhsuk-body">
        What each unit used against what its people would be expected to use at the average rates of the whole
        scope for their age and sex (observed ÷ expected; 1.00 = as expected for the age–sex mix). A unit
        above 1 may have sicker or more deprived people than its age and sex suggest, or use services
        differently.
      </p>
      <div className="bevan-controls">
        <QuerySelect
          id="needs-pod"
          label="Point of delivery"
          value={pod}
          options={POD_OPTIONS}
          onChange={(v) => navigate(withQuery({ pod: v }))}
        />
        <QuerySelect
          id="needs-measure"
          label="Measure"
          value={measure}
          options={MEASURES}
          onChange={(v) => navigate(withQuery({ measure: v }))}
        />
      </div>
      <Async data={data} what="needs and use">
        {(n) => <Funnel n={n} />}
      </Async>
    </>
  );
}

type Unit = NeedsResponse["units"][number];

const observedValue = (u: Unit) => (u.observed.suppressed ? null : u.observed.value);

function flagText(u: Unit): string {
  if (u.flag === "high") return "Higher than expected (beyond 99.8%)";
  if (u.flag === "low") return "Lower than expected (beyond 99.8%)";
  if (u.flag === "none") return u.beyond95 ? "Beyond 95% only" : "Within limits";
  return "Not plotted";
}

function Funnel({ n }: { n: NeedsResponse }) {
  const word = n.level === "pcn" ? "PCN" : n.level === "place" ? "place" : "practice";
  const money = n.measure === "spend";
  const plotted = n.units.filter((u) => u.ratio !== null && u.expected !== null);
  if (plotted.length === 0)
    return <Empty>Nothing to plot for {n.podName.toLowerCase()} in this scope.</Empty>;
  const xs = plotted.map((u) => u.expected ?? 0);
  const from = 0.5 * Math.min(...xs);
  const curve = (k: "lower95" | "upper95" | "lower998" | "upper998") =>
    n.limits[k].filter((p) => p.x >= from).map((p) => [p.x, p.y]);
  const line = (name: string, k: "lower95" | "upper95" | "lower998" | "upper998", dashed: boolean) => ({
    type: "line",
    name,
    data: curve(k),
    showSymbol: false,
    silent: true,
    tooltip: { show: false },
    lineStyle: { color: dashed ? NHS.grey : NHS.darkBlue, type: dashed ? "dashed" : "solid", width: 1.5 },
    itemStyle: { color: dashed ? NHS.grey : NHS.darkBlue },
  });
  const points = (keep: (u: Unit) => boolean) =>
    plotted.filter(keep).map((u) => ({ value: [u.expected, u.ratio], name: u.name }));
  const xMax = Math.max(...xs) * 1.1;
  const rateLabel = money ? "Spend per head (£)" : "Per 1,000 people";
  const header = [
    word === "PCN" ? "PCN" : word === "place" ? "Place" : "Practice",
    "Code",
    "People",
    money ? "Spend (£)" : "Events",
    rateLabel,
    money ? "Expected spend (£)" : "Expected events",
    "Observed ÷ expected",
    "95% interval, lower",
    "95% interval, upper",
    "Compared with the limits",
  ];
  const rows = n.units.map((u) => [
    u.name,
    u.code,
    countValue(u.population),
    observedValue(u),
    u.crudePerThousand === null ? null : Math.round(100 * u.crudePerThousand) / 100,
    u.expected === null ? null : Math.round(100 * u.expected) / 100,
    u.ratio === null ? null : Number(u.ratio.toFixed(3)),
    u.ci95 ? Number(u.ci95.lower.toFixed(3)) : null,
    u.ci95 ? Number(u.ci95.upper.toFixed(3)) : null,
    flagText(u),
  ]);
  const high = n.units.filter((u) => u.flag === "high").map((u) => u.name);
  const low = n.units.filter((u) => u.flag === "low").map((u) => u.name);
  const overall = n.overall.crudePerThousand;
  return (
    <>
      <DisclosureNote disclosure={n.disclosure} />
      <div className="nhsuk-inset-text" data-testid="needs-outliers">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <p>
          {n.podName}, the 12 months to {n.asOf}: overall{" "}
          {overall === null
            ? "–"
            : money
              ? `${fmtGbp(overall)} per head`
              : `${overall.toFixed(0)} per 1,000 people`}
          . <strong>Higher than expected for the age–sex mix:</strong>{" "}
          {high.length ? high.join(", ") : "none"}. <strong>Lower:</strong>{" "}
          {low.length ? low.join(", ") : "none"}.
        </p>
      </div>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-three-fifths">
          <Chart
            title={`${n.podName}: observed against expected, by ${word}`}
            description={`Each point is a ${word}: observed ÷ expected ${money ? "spend" : "activity"} (vertical) against the expected ${money ? "spend in pounds" : "number of events"} from its age–sex mix (horizontal), the 12 months to ${n.asOf}. Dashed curves are 95% and solid curves 99.8% control limits around 1. Withheld values are not plotted.`}
            height={420}
            option={{
              tooltip: {
                trigger: "item",
                formatter: (p: { name: string; value: [number, number] }) =>
                  `${p.name}: ${p.value[1].toFixed(2)} × expected (${money ? fmtGbp(p.value[0]) : p.value[0].toFixed(0)} expected)`,
              },
              legend: { bottom: 0 },
              grid: { left: 60, right: 20, bottom: 80, top: 20 },
              xAxis: {
                type: "value",
                scale: true,
                name: money ? "Expected spend (£)" : "Expected events",
                nameLocation: "middle",
                nameGap: 30,
              },
              yAxis: {
                type: "value",
                name: "Observed ÷ expected",
                nameLocation: "middle",
                nameGap: 40,
                scale: true,
              },
              series: [
                line("95% limits", "lower95", true),
                line("95% limits", "upper95", true),
                line("99.8% limits", "lower998", false),
                line("99.8% limits", "upper998", false),
                {
                  type: "line",
                  name: "As expected (1.00)",
                  data: [
                    [Math.floor(from), 1],
                    [Math.ceil(xMax), 1],
                  ],
                  showSymbol: false,
                  silent: true,
                  tooltip: { show: false },
                  lineStyle: { color: NHS.green, width: 2 },
                  itemStyle: { color: NHS.green },
                },
                {
                  type: "scatter",
                  name: "Within 99.8% limits",
                  data: points((u) => u.flag !== "high" && u.flag !== "low"),
                  itemStyle: { color: NHS.grey },
                  symbolSize: 9,
                  z: 5,
                },
                {
                  type: "scatter",
                  name: "Higher",
                  data: points((u) => u.flag === "high"),
                  itemStyle: { color: NHS.orange },
                  symbol: "triangle",
                  symbolSize: 13,
                  z: 6,
                },
                {
                  type: "scatter",
                  name: "Lower",
                  data: points((u) => u.flag === "low"),
                  itemStyle: { color: NHS.blue },
                  symbol: "diamond",
                  symbolSize: 13,
                  z: 6,
                },
              ],
            }}
            table={{ header, rows }}
          />
        </div>
        <div className="nhsuk-grid-column-two-fifths">
          <DataTable
            caption={`${n.podName} by ${word}`}
            rows={n.units}
            initialSort={{ id: "ratio", desc: true }}
            columns={[
              {
                id: "name",
                header: word === "PCN" ? "PCN" : word === "place" ? "Place" : "Practice",
                value: (u) => u.name,
              },
              {
                id: "crude",
                header: money ? "Per head" : "Per 1,000",
                numeric: true,
                value: (u) => u.crudePerThousand,
                render: (u) =>
                  u.crudePerThousand === null
                    ? "–"
                    : money
                      ? fmtGbp(u.crudePerThousand)
                      : u.crudePerThousand.toFixed(0),
              },
              {
                id: "ratio",
                header: "O ÷ E",
                numeric: true,
                value: (u) => u.ratio,
                render: (u) => fmtRatio(u.ratio),
              },
              {
                id: "ci",
                header: "95% interval",
                value: (u) => u.ci95?.lower ?? null,
                render: (u) => fmtRatioCi(u.ci95),
              },
            ]}
          />
        </div>
      </div>
      <ExportButtons title={`Needs and use ${n.podName}`} header={header} rows={rows} />
      <p className="nhsuk-body-s">
        {fmtCount(n.overall.population)} people on the lists. Expected values use the whole scope's rates in
        16 age–sex groups (indirect standardisation); intervals are exact Poisson for activity and from the
        spread of spend between people for money.
      </p>
    </>
  );
}
