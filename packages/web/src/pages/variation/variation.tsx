// Variation between practices or PCNs for an indicator (/api/variation): a funnel plot of each
// unit's rate against its denominator with the API's 95% and 99.8% control limits around the
// overall rate, the units beyond the 99.8% limits named, and a sortable table beside it.
import type { VariationResponse } from "@bevan/client";
import { api } from "../../api.ts";
import { Chart } from "../../components/chart.tsx";
import { DataTable } from "../../components/data-table.tsx";
import { NHS } from "../../components/echarts.ts";
import { DisclosureNote } from "../../components/parts.tsx";
import { IndicatorSelect, indicatorFrom } from "../../components/parts-indicator.tsx";
import { Async, Empty } from "../../components/states.tsx";
import { countValue, fmtCount, fmtPct } from "../../lib/format.ts";
import type { PageProps } from "../../page.ts";
import { navigate, withQuery } from "../../router.ts";
import { useData } from "../../use-data.ts";

type Level = "practice" | "pcn";
const LEVELS: readonly { code: Level; label: string }[] = [
  { code: "practice", label: "Practices" },
  { code: "pcn", label: "Primary care networks (PCNs)" },
];

export function VariationPage({ route, org }: PageProps) {
  const indicator = indicatorFrom(route.query);
  const level: Level = route.query.get("level") === "pcn" ? "pcn" : "practice";
  const indicators = useData(() => api.indicators(), []);
  const data = useData(
    () => api.variation({ indicator, level, ...(org ? { org } : {}) }),
    [indicator, level, org],
  );
  return (
    <>
      <h1>Variation between practices</h1>
      <p className="nhsuk-body">
        Which practices or PCNs differ from the rest of your scope by more than chance would explain? Higher
        is not always better: low recorded prevalence can mean undiagnosed disease.
      </p>
      <div className="bevan-controls">
        <Async data={indicators} what="indicators">
          {(r) => (
            <IndicatorSelect
              id="variation-indicator"
              value={indicator}
              indicators={r.indicators}
              onChange={(id) => navigate(withQuery({ indicator: id, register: undefined }))}
            />
          )}
        </Async>
        <div className="nhsuk-form-group bevan-inline-field">
          <label className="nhsuk-label" htmlFor="variation-level">
            Compare
          </label>
          <select
            id="variation-level"
            className="nhsuk-select"
            value={level}
            onChange={(e) => navigate(withQuery({ level: e.target.value }))}
          >
            {LEVELS.map((l) => (
              <option key={l.code} value={l.code}>
                {l.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <Async data={data} what="the variation">
        {(v) => <Funnel v={v} />}
      </Async>
    </>
  );
}

type Unit = VariationResponse["units"][number];
const unitLabel = (u: Unit) => (u.name && u.name !== u.code ? `${u.name} (${u.code})` : u.code);
const pct = (p: number) => Number((100 * p).toFixed(3));

function flagText(u: Unit): string {
  if (u.flag === "high") return "High (beyond 99.8%)";
  if (u.flag === "low") return "Low (beyond 99.8%)";
  if (u.flag === "none") return u.beyond95 ? "Beyond 95% only" : "Within limits";
  return "Not plotted";
}

function Funnel({ v }: { v: VariationResponse }) {
  const mean = v.overall.rate;
  const unitWord = v.level === "pcn" ? "PCN" : "practice";
  if (v.units.length === 0 || mean === null) return <Empty>No {unitWord}s with data in this scope.</Empty>;
  const high = v.units.filter((u) => u.flag === "high");
  const low = v.units.filter((u) => u.flag === "low");
  const notPlotted = v.units.filter((u) => u.flag === null);
  const points = (keep: (u: Unit) => boolean) =>
    v.units
      .filter((u) => u.flag !== null && u.rate !== null && countValue(u.denominator) !== null && keep(u))
      .map((u) => ({ value: [countValue(u.denominator), 100 * (u.rate ?? 0)], name: unitLabel(u) }));
  // The limit curves from half the smallest plotted denominator: below it they only fan out
  // towards 0% and 100% and would squash the points.
  const plotted = v.units
    .map((u) => countValue(u.denominator))
    .filter((d): d is number => d !== null && d > 0);
  const from = plotted.length ? 0.5 * Math.min(...plotted) : 0;
  const limits = v.limits.filter((l) => l.denominator >= from);
  const curve = (k: "lower95" | "upper95" | "lower998" | "upper998") =>
    limits.map((l) => [l.denominator, 100 * l[k]]);
  const limitLine = (name: string, k: "lower95" | "upper95" | "lower998" | "upper998", dashed: boolean) => ({
    type: "line",
    name,
    data: curve(k),
    showSymbol: false,
    silent: true,
    tooltip: { show: false },
    lineStyle: { color: dashed ? NHS.grey : NHS.darkBlue, type: dashed ? "dashed" : "solid", width: 1.5 },
    itemStyle: { color: dashed ? NHS.grey : NHS.darkBlue },
  });
  const names = (us: readonly Unit[]) =>
    us.length === 0 ? (
      "none"
    ) : (
      <>
        {us.map((u, i) => (
          <span key={u.code} data-unit={u.code}>
            {i > 0 ? ", " : ""}
            {unitLabel(u)}
          </span>
        ))}
      </>
    );
  return (
    <>
      <DisclosureNote disclosure={v.disclosure} />
      <div className="nhsuk-inset-text" data-testid="outliers">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <p>
          Overall rate {fmtPct(mean, 2)}, {fmtCount(v.overall.numerator)} of {fmtCount(v.overall.denominator)}
          .{" "}
          <span data-testid="outliers-high">
            <strong>High, above the 99.8% limit:</strong> {names(high)}.
          </span>{" "}
          <span data-testid="outliers-low">
            <strong>Low, below the 99.8% limit:</strong> {names(low)}.
          </span>
        </p>
        {notPlotted.length > 0 ? (
          <p className="nhsuk-body-s">
            {notPlotted.length} {unitWord}
            {notPlotted.length === 1 ? " is" : "s are"} not plotted because a count is suppressed or zero.
          </p>
        ) : null}
      </div>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-three-fifths">
          <Chart
            title={`${v.indicatorName}: funnel plot by ${unitWord}`}
            description={`Each point is a ${unitWord}: its rate as a percentage (vertical) against its denominator in people (horizontal), as of ${v.asOf}. The horizontal line is the overall rate; the dashed curves are 95% and the solid curves 99.8% control limits. Points beyond the 99.8% limits are flagged high (triangle) or low (diamond). Suppressed counts are not plotted.`}
            height={420}
            option={{
              tooltip: {
                trigger: "item",
                formatter: (p: { name: string; value: [number, number] }) =>
                  `${p.name}: ${p.value[1].toFixed(2)}% of ${p.value[0].toLocaleString("en-GB")}`,
              },
              legend: { bottom: 0 },
              grid: { left: 70, right: 20, bottom: 80, top: 20 },
              xAxis: {
                type: "value",
                min: Math.floor(from),
                name: "Denominator (people)",
                nameLocation: "middle",
                nameGap: 30,
              },
              yAxis: {
                type: "value",
                name: "Rate (%)",
                nameLocation: "middle",
                nameGap: 50,
                scale: true,
              },
              series: [
                limitLine("95% limits", "lower95", true),
                { ...limitLine("95% limits", "upper95", true) },
                limitLine("99.8% limits", "lower998", false),
                { ...limitLine("99.8% limits", "upper998", false) },
                {
                  type: "line",
                  name: "Overall rate",
                  data: limits.length
                    ? [
                        [limits[0]?.denominator, 100 * mean],
                        [limits[limits.length - 1]?.denominator, 100 * mean],
                      ]
                    : [],
                  showSymbol: false,
                  silent: true,
                  tooltip: { show: false },
                  lineStyle: { color: NHS.green, width: 2 },
                  itemStyle: { color: NHS.green },
                },
                {
                  type: "scatter",
                  name: "Within 99.8% limits",
                  data: points((u) => u.flag === "none"),
                  itemStyle: { color: NHS.grey },
                  symbolSize: 9,
                  z: 5,
                },
                {
                  type: "scatter",
                  name: "High",
                  data: points((u) => u.flag === "high"),
                  itemStyle: { color: NHS.orange },
                  symbol: "triangle",
                  symbolSize: 13,
                  z: 6,
                },
                {
                  type: "scatter",
                  name: "Low",
                  data: points((u) => u.flag === "low"),
                  itemStyle: { color: NHS.blue },
                  symbol: "diamond",
                  symbolSize: 13,
                  z: 6,
                },
              ],
            }}
            table={{
              header: [
                unitWord === "PCN" ? "PCN" : "Practice",
                "Code",
                "Numerator",
                "Denominator",
                "Rate (%)",
                "Overall rate (%)",
                "Compared with the limits",
              ],
              rows: v.units.map((u) => [
                u.name,
                u.code,
                u.numerator.suppressed ? "suppressed" : u.numerator.value,
                u.denominator.suppressed ? "suppressed" : u.denominator.value,
                u.rate === null ? null : pct(u.rate),
                pct(mean),
                flagText(u),
              ]),
            }}
          />
        </div>
        <div className="nhsuk-grid-column-two-fifths">
          <DataTable
            caption={unitWord === "PCN" ? "PCNs" : "Practices"}
            rows={v.units}
            initialSort={{ id: "rate", desc: true }}
            columns={[
              { id: "unit", header: unitWord === "PCN" ? "PCN" : "Practice", value: (u) => unitLabel(u) },
              {
                id: "num",
                header: "Count",
                numeric: true,
                value: (u) => countValue(u.numerator),
                render: (u) => fmtCount(u.numerator),
              },
              {
                id: "den",
                header: "Of",
                numeric: true,
                value: (u) => countValue(u.denominator),
                render: (u) => fmtCount(u.denominator),
              },
              {
                id: "rate",
                header: "Rate",
                numeric: true,
                value: (u) => u.rate,
                render: (u) => fmtPct(u.rate, 2),
              },
              {
                id: "flag",
                header: "vs limits",
                value: (u) => flagText(u),
                render: (u) =>
                  u.flag === "high" ? (
                    <strong className="nhsuk-tag nhsuk-tag--orange">High</strong>
                  ) : u.flag === "low" ? (
                    <strong className="nhsuk-tag nhsuk-tag--blue">Low</strong>
                  ) : (
                    flagText(u)
                  ),
              },
            ]}
          />
        </div>
      </div>
    </>
  );
}
