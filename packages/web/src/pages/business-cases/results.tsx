// A business case's results: the headline range and chance of breaking even, the fan chart of
// cumulative net savings, the year-by-year table, the tornado, the baseline with its
// regression to the mean, the gain/loss share and every input with where it came from.
import type { BusinessCaseRunResponse } from "@bevan/client";
import type { CustomSeriesRenderItemAPI, CustomSeriesRenderItemReturn } from "echarts";
import { Chart } from "../../components/chart.tsx";
import { NHS } from "../../components/echarts.ts";
import { DisclosureNote } from "../../components/parts.tsx";

type Result = BusinessCaseRunResponse["result"];

export const money = (x: number) => `${x < 0 ? "−" : ""}£${Math.round(Math.abs(x)).toLocaleString("en-GB")}`;
const inHundred = (p: number) => `${Math.round(100 * p)} in 100`;
const pct = (p: number) => `${p < 0 ? "−" : ""}${Math.abs(Math.round(100 * p))}%`;
const whole = (x: number) => Math.round(x).toLocaleString("en-GB");

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
        {note ? <p className="nhsuk-body-s">{note}</p> : null}
      </div>
    </div>
  );
}

function fanOption(r: Result) {
  const years = ["Start", ...r.byYear.map((y) => `Year ${y.year}`)];
  const at = (f: (y: Result["byYear"][number]) => number) => [0, ...r.byYear.map(f)];
  return {
    tooltip: { trigger: "axis", valueFormatter: (v: number) => money(v) },
    legend: { bottom: 0 },
    grid: { left: 90, right: 20, top: 20, bottom: 50 },
    xAxis: { type: "category", data: years, boundaryGap: false },
    yAxis: { type: "value", axisLabel: { formatter: (v: number) => money(v) } },
    series: [
      {
        type: "line",
        name: "P10–P90",
        stack: "fan",
        data: at((y) => y.cumulative.p10),
        lineStyle: { opacity: 0 },
        showSymbol: false,
      },
      {
        type: "line",
        name: "P10–P90",
        stack: "fan",
        data: at((y) => y.cumulative.p90 - y.cumulative.p10),
        lineStyle: { opacity: 0 },
        showSymbol: false,
        areaStyle: { color: NHS.blue, opacity: 0.25 },
      },
      { type: "line", name: "P50", data: at((y) => y.cumulative.p50), itemStyle: { color: NHS.blue } },
      {
        type: "line",
        name: "Every input at its mean",
        data: [0, ...r.baselineRun.byYear.map((y) => y.cumulative)],
        itemStyle: { color: NHS.grey },
        lineStyle: { type: "dashed" },
      },
    ],
  };
}

/** A bar from data[0] to data[1] at category data[2] (the tornado's bars may lie either side of 0). */
function rangeBar(_params: unknown, api: CustomSeriesRenderItemAPI): CustomSeriesRenderItemReturn {
  const cat = api.value(2);
  const [ax = 0, ay = 0] = api.coord([Number(api.value(0)), cat]);
  const [bx = 0] = api.coord([Number(api.value(1)), cat]);
  const h = Number((api.size?.([0, 1]) as number[] | undefined)?.[1] ?? 20) * 0.6;
  return {
    type: "rect",
    shape: { x: Math.min(ax, bx), y: ay - h / 2, width: Math.max(1, Math.abs(bx - ax)), height: h },
    style: { fill: NHS.blue },
  };
}

function tornadoOption(r: Result) {
  const bars = r.tornado.slice(0, 10);
  const base = r.baselineRun.cumulative;
  return {
    tooltip: { show: false },
    grid: { left: 280, right: 30, top: 10, bottom: 30 },
    xAxis: { type: "value", axisLabel: { formatter: (v: number) => money(v) }, scale: true },
    yAxis: { type: "category", data: bars.map((b) => b.label), inverse: true },
    series: [
      {
        type: "custom",
        name: "P10 to P90",
        renderItem: rangeBar,
        data: bars.map((b, i) => [b.atLow, b.atHigh, i]),
        encode: { x: [0, 1], y: 2 },
        markLine: {
          symbol: "none",
          data: [{ xAxis: base }],
          lineStyle: { color: NHS.grey },
          label: { show: false },
        },
      },
    ],
  };
}

export function Results({ r: response }: { r: BusinessCaseRunResponse }) {
  const r = response.result;
  const b = response.baseline;
  const rm = b?.regression;
  return (
    <section aria-label="Business case results" data-testid="bc-results">
      <h2>
        {r.name}: {r.runs.toLocaleString("en-GB")} runs over {r.years} years
      </h2>
      {b ? <DisclosureNote disclosure={response.disclosure} /> : null}
      <div className="bevan-cards bevan-cards--row">
        <Stat
          label={`Net saving over ${r.years} years (most likely)`}
          value={money(r.cumulative.p50)}
          note={`8 runs in 10 between ${money(r.cumulative.p10)} and ${money(r.cumulative.p90)}; mean ${money(r.cumulative.mean)}. Discounted at ${(100 * r.discountRate).toFixed(1)}% a year.`}
          testId="bc-npv"
        />
        <Stat
          label="Chance of breaking even"
          value={inHundred(r.probabilityPositive)}
          note={
            r.breakEven.year === null
              ? "The median run does not break even within the horizon."
              : `The median run is ahead by the end of year ${r.breakEven.year}.`
          }
          testId="bc-chance"
        />
        <Stat
          label="Reduction in emergency admissions needed to break even"
          value={r.breakEven.effect === null ? "None up to 100%" : pct(r.breakEven.effect)}
          note="Among those taking part, the other inputs at their means."
        />
        <Stat
          label="Emergency admissions avoided"
          value={whole(r.activityAvoided.admissions.p50)}
          note={`${whole(r.activityAvoided.admissions.p10)} to ${whole(r.activityAvoided.admissions.p90)}; bed days ${whole(r.activityAvoided.bedDays.p50)} (${whole(r.activityAvoided.bedDays.p10)} to ${whole(r.activityAvoided.bedDays.p90)}).`}
        />
      </div>
      {b ? (
        <div className="nhsuk-inset-text" data-testid="bc-baseline">
          <h3>The baseline, from the data</h3>
          <p>
            {b.cohortName}: {b.now.people === null ? "a number withheld" : `${whole(b.now.people)} people`} as
            of {b.asOf}.{" "}
            {b.from === "following-year"
              ? "Use and costs are what people chosen this way a year earlier did in the year after they were chosen."
              : "Use and costs are the cohort's last year."}
          </p>
          {rm && rm.selectionYear !== null && rm.followingYear !== null ? (
            <p data-testid="bc-regression">
              <strong>Regression to the mean:</strong> people chosen this way on {rm.chosenAt} had{" "}
              {rm.selectionYear.toFixed(2)} emergency admissions each in the year before and{" "}
              {rm.followingYear.toFixed(2)} in the year after
              {rm.change === null ? "" : ` (${pct(rm.change)})`}, with no intervention. Counting last year's
              use as the baseline would claim that fall as a saving.
            </p>
          ) : null}
          {b.notes.map((n) => (
            <p key={n}>{n}</p>
          ))}
        </div>
      ) : null}
      <Chart
        title="Cumulative net savings by year"
        description="Discounted net savings summed to the end of each year: the band holds 8 runs in 10 (P10 to P90), the line is the median, the dashed line the case with every input at its mean."
        option={fanOption(r)}
        table={{
          header: ["Year", "P10 (£)", "P50 (£)", "P90 (£)", "Mean (£)", "Chance ahead by then"],
          rows: r.byYear.map((y) => [
            y.year,
            Math.round(y.cumulative.p10),
            Math.round(y.cumulative.p50),
            Math.round(y.cumulative.p90),
            Math.round(y.cumulative.mean),
            inHundred(y.probabilityPositive),
          ]),
        }}
      />
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">
          Each year's net saving, discounted
        </caption>
        <thead>
          <tr>
            <th scope="col">Year</th>
            <th scope="col">Discount factor</th>
            <th scope="col">Savings (P50)</th>
            <th scope="col">Costs (P50)</th>
            <th scope="col">Net P10</th>
            <th scope="col">Net P50</th>
            <th scope="col">Net P90</th>
          </tr>
        </thead>
        <tbody>
          {r.byYear.map((y) => (
            <tr key={y.year}>
              <td>Year {y.year}</td>
              <td>{y.discountFactor.toFixed(3)}</td>
              <td>{money(y.savings.p50)}</td>
              <td>{money(y.costs.p50)}</td>
              <td>{money(y.p10)}</td>
              <td>{money(y.p50)}</td>
              <td>{money(y.p90)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {r.tornado.length ? (
        <Chart
          title="What drives the uncertainty"
          description="Net saving over the horizon with each input at its 10th and 90th centile and every other input at its mean; the line is the case at the means. The longest bars are the inputs worth pinning down."
          option={tornadoOption(r)}
          height={Math.max(200, 36 * Math.min(10, r.tornado.length) + 50)}
          table={{
            header: ["Input", "At its P10 (£)", "At its P90 (£)", "Rank correlation with net saving"],
            rows: r.tornado.map((t) => [
              t.label,
              Math.round(t.atLow),
              Math.round(t.atHigh),
              Number(t.correlation.toFixed(2)),
            ]),
          }}
        />
      ) : null}
      {r.riskShare ? (
        <table className="nhsuk-table" data-testid="bc-risk-share">
          <caption className="nhsuk-table__caption nhsuk-table__caption--s">
            Gain and loss share: providers take {pct(r.riskShare.terms.providerGainShare)} of net savings and
            bear {pct(r.riskShare.terms.providerLossShare)} of a loss
            {r.riskShare.terms.providerLossCap === undefined
              ? ""
              : `, at most ${money(r.riskShare.terms.providerLossCap)}`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Party</th>
              <th scope="col">P10</th>
              <th scope="col">P50</th>
              <th scope="col">P90</th>
              <th scope="col">Chance of a loss</th>
            </tr>
          </thead>
          <tbody>
            {(["providers", "commissioner"] as const).map((k) => (
              <tr key={k}>
                <td>{k === "providers" ? "Providers" : "Commissioner"}</td>
                <td>{money(r.riskShare?.[k].p10 ?? 0)}</td>
                <td>{money(r.riskShare?.[k].p50 ?? 0)}</td>
                <td>{money(r.riskShare?.[k].p90 ?? 0)}</td>
                <td>{inHundred(r.riskShare?.[k].probabilityLoss ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">The inputs used</caption>
        <thead>
          <tr>
            <th scope="col">Input</th>
            <th scope="col">Value or range</th>
            <th scope="col">From</th>
          </tr>
        </thead>
        <tbody>
          {r.inputs
            .filter((i) => i.source !== "default")
            .map((i) => (
              <tr key={i.path}>
                <td>{i.label}</td>
                <td>{i.described}</td>
                <td>{i.source === "cohort" ? "The data" : "The case"}</td>
              </tr>
            ))}
        </tbody>
      </table>
      {r.warnings.map((w) => (
        <p key={w} className="nhsuk-body-s">
          {w}
        </p>
      ))}
    </section>
  );
}
