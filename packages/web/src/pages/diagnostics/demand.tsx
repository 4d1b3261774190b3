// Demand: the weekly forecast of requests joining each list with its 80% and 95% prediction
// intervals, how often past forecasts' intervals held (the back-test), demand rates per 1,000
// by age, sex, deprivation and register, and practices' GP direct-access requests against what
// their age and sex mix would lead us to expect, on a funnel plot.
import type { DiagnosticsForecastResponse, DiagnosticsReferralsResponse } from "@bevan/client";
import { api } from "../../api.ts";
import { Chart } from "../../components/chart.tsx";
import { DataTable } from "../../components/data-table.tsx";
import { NHS } from "../../components/echarts.ts";
import { DisclosureNote } from "../../components/parts.tsx";
import { Async, Empty } from "../../components/states.tsx";
import { countValue, fmtCount, fmtInt, fmtPct } from "../../lib/format.ts";
import type { PageProps } from "../../page.ts";
import { navigate, withQuery } from "../../router.ts";
import { useData } from "../../use-data.ts";
import { DiagnosticsTabs, MODALITIES, modalityName } from "./parts.tsx";

export function DiagnosticsDemandPage({ route }: PageProps) {
  const list = route.query.get("list") ?? "RM3|MR";
  const modality = route.query.get("modality") ?? undefined;
  const forecast = useData(() => api.diagnostics.forecast({ weeks: 26 }), []);
  const referrals = useData(() => api.diagnostics.referrals(modality ? { modality } : {}), [modality]);
  return (
    <>
      <h1>Demand and forecast</h1>
      <DiagnosticsTabs />
      <Async data={forecast} what="the demand forecast">
        {(f) => <Forecast f={f} list={list} />}
      </Async>
      <h2>Where demand comes from</h2>
      <div className="nhsuk-form-group bevan-inline-field">
        <label className="nhsuk-label" htmlFor="dx-ref-modality">
          Modality
        </label>
        <select
          id="dx-ref-modality"
          className="nhsuk-select"
          value={modality ?? ""}
          onChange={(e) => navigate(withQuery({ modality: e.target.value || undefined }))}
        >
          <option value="">Every modality</option>
          {MODALITIES.map((m) => (
            <option key={m.code} value={m.code}>
              {m.name}
            </option>
          ))}
        </select>
      </div>
      <Async data={referrals} what="referral variation">
        {(r) => <Referrals r={r} />}
      </Async>
    </>
  );
}

function Forecast({ f, list }: { f: DiagnosticsForecastResponse; list: string }) {
  const [trust, modality] = list.split("|");
  const l = f.lists.find((x) => x.trust === trust && x.modality === modality) ?? f.lists[0];
  if (!l) return <Empty>No imaging lists to forecast.</Empty>;
  const hist = l.history.slice(-52);
  const withheld = hist.filter((h) => countValue(h.requests) === null).length;
  const weeks = [...hist.map((h) => h.week), ...l.forecast.map((p) => p.week)];
  const pad = (n: number) => Array(n).fill(null);
  const band = (lo: "p10" | "p025", hi: "p90" | "p975") => [
    {
      type: "line",
      name: lo === "p10" ? "80% interval" : "95% interval",
      stack: lo,
      data: [...pad(hist.length), ...l.forecast.map((p) => p[lo])],
      lineStyle: { opacity: 0 },
      showSymbol: false,
      areaStyle: { opacity: 0 },
    },
    {
      type: "line",
      name: lo === "p10" ? "80% interval" : "95% interval",
      stack: lo,
      data: [...pad(hist.length), ...l.forecast.map((p) => p[hi] - p[lo])],
      lineStyle: { opacity: 0 },
      showSymbol: false,
      areaStyle: { color: NHS.blue, opacity: lo === "p10" ? 0.25 : 0.12 },
    },
  ];
  return (
    <>
      <p className="nhsuk-body">
        Requests joining each trust's list (GP direct access and outpatients, not planned) week by week,
        forecast with trend, season, bank holidays and the ageing of the registered population. Forecasts made
        26 and 52 weeks before the data ended held their 80% interval in{" "}
        <strong data-testid="dx-backtest">{fmtPct(f.backtest.covered80)}</strong> of{" "}
        {f.backtest.weeks.toLocaleString("en-GB")} weeks since (and the 95% interval in{" "}
        {fmtPct(f.backtest.covered95)}) across {f.backtest.lists} lists with at least one request a week.
      </p>
      <p className="nhsuk-body" data-testid="dx-outturn">
        {f.outturn.weeks > 0 && f.outturn.inside80 !== null
          ? `Forecasts kept from earlier builds (as of ${f.outturn.origins.join(", ")}) held their 80% interval in ${fmtPct(f.outturn.inside80)} of the ${f.outturn.weeks.toLocaleString("en-GB")} weeks that have arrived since (95% interval: ${fmtPct(f.outturn.inside95)}).`
          : `This build's forecast (as of ${f.asOf}) is kept as made; once a later build brings the weeks it forecast, this page scores it against them. No forecast kept from an earlier build has weeks to score yet.`}
      </p>
      <div className="nhsuk-form-group bevan-inline-field">
        <label className="nhsuk-label" htmlFor="dx-list">
          List
        </label>
        <select
          id="dx-list"
          className="nhsuk-select"
          value={`${l.trust}|${l.modality}`}
          onChange={(e) => navigate(withQuery({ list: e.target.value }))}
        >
          {f.lists.map((x) => (
            <option key={`${x.trust}|${x.modality}`} value={`${x.trust}|${x.modality}`}>
              {x.trustName}: {x.name}
            </option>
          ))}
        </select>
      </div>
      <DisclosureNote disclosure={f.disclosure} />
      <Chart
        title={`Weekly requests and forecast: ${l.trustName}, ${l.name}`}
        description={`The last 52 weeks of requests and the next ${l.forecast.length} weeks' forecast mean with 80% and 95% prediction intervals. Trend beyond the population's ageing: ${fmtPct(l.trendPerYear)} a year.${
          withheld === hist.length
            ? " Every week's count of requests is small enough to be withheld from you (see Small numbers), so only the forecast is drawn."
            : withheld > 0
              ? ` ${withheld} of the ${hist.length} weeks' counts are small enough to be withheld from you, so the line has gaps.`
              : ""
        }`}
        height={360}
        option={{
          tooltip: { trigger: "axis" },
          legend: { bottom: 0, data: ["Requests", "Forecast", "80% interval", "95% interval"] },
          grid: { left: 60, right: 20, bottom: 70, top: 20 },
          xAxis: { type: "category", data: weeks },
          yAxis: { type: "value", name: "requests a week", nameLocation: "middle", nameGap: 45 },
          series: [
            ...band("p025", "p975"),
            ...band("p10", "p90"),
            {
              type: "line",
              name: "Requests",
              data: [...hist.map((h) => countValue(h.requests)), ...pad(l.forecast.length)],
              itemStyle: { color: NHS.grey },
              // Weeks withheld leave gaps: a marker keeps a week between two gaps visible.
              showSymbol: withheld > 0,
            },
            {
              type: "line",
              name: "Forecast",
              data: [...pad(hist.length), ...l.forecast.map((p) => p.mean)],
              itemStyle: { color: NHS.blue },
              lineStyle: { type: "dashed" },
              showSymbol: false,
            },
          ],
        }}
        table={{
          header: ["Week", "Requests", "Forecast mean", "80% interval", "95% interval"],
          rows: [
            ...hist.map((h) => [h.week, fmtCount(h.requests), null, null, null]),
            ...l.forecast.map((p) => [p.week, null, p.mean, `${p.p10}–${p.p90}`, `${p.p025}–${p.p975}`]),
          ],
        }}
      />
    </>
  );
}

function Referrals({ r }: { r: DiagnosticsReferralsResponse }) {
  const shown = r.practices.filter((p) => p.ratio !== null);
  const lim = r.limits;
  // The limits fan out without bound near 0 expected: draw them over the practices' range only.
  const expected = shown.map((p) => p.expected);
  const xMin = Math.min(...expected) * 0.8;
  const xMax = Math.max(...expected) * 1.1;
  const curve = (
    y: "lower2s" | "upper2s" | "lower3s" | "upper3s",
    x: "lower2sExpected" | "upper2sExpected" | "lower3sExpected" | "upper3sExpected",
  ) =>
    lim
      .map((l) => [l[x], l[y]])
      .filter(([e]) => (e as number) >= xMin && (e as number) <= xMax)
      .sort((a, b) => (a[0] as number) - (b[0] as number));
  const dash = (name: string, data: number[][], color: string, type: string) => ({
    type: "line",
    name,
    data,
    showSymbol: false,
    lineStyle: { color, type, width: 1.5 },
    itemStyle: { color },
  });
  const flagged = shown.filter((p) => p.flag === "high" || p.flag === "low");
  return (
    <>
      <p className="nhsuk-body">
        GP direct-access imaging requests in the year to {r.asOf} by requesting practice, against the number
        expected from each practice's registered people by age band and sex at the rates of all practices
        shown (indirect standardisation). Practices outside the 99.8% limits request more, or fewer, than
        chance explains: unwarranted variation is where demand can be managed.
      </p>
      <DisclosureNote disclosure={r.disclosure} />
      {shown.length === 0 ? (
        <Empty>No practice has enough requests to show.</Empty>
      ) : (
        <Chart
          title={`Practices' imaging requests against expected${r.modality ? `: ${modalityName(r.modality)}` : ""}`}
          description={`Each point is a practice: observed ÷ expected requests (1 = as expected) against expected requests, with 95% and 99.8% limits. ${flagged.length} practice(s) outside the 99.8% limits.`}
          height={380}
          option={{
            tooltip: { trigger: "item" },
            legend: { bottom: 0 },
            grid: { left: 60, right: 20, bottom: 70, top: 20 },
            xAxis: {
              type: "value",
              name: "expected requests",
              nameLocation: "middle",
              nameGap: 30,
              scale: true,
            },
            yAxis: {
              type: "value",
              name: "observed ÷ expected",
              nameLocation: "middle",
              nameGap: 45,
              scale: true,
            },
            series: [
              {
                type: "scatter",
                name: "Practices",
                data: shown.map((p) => ({ value: [p.expected, p.ratio], name: p.name })),
                itemStyle: { color: NHS.blue },
              },
              dash("95% limits", curve("lower2s", "lower2sExpected"), NHS.grey, "dashed"),
              dash("95% limits", curve("upper2s", "upper2sExpected"), NHS.grey, "dashed"),
              dash("99.8% limits", curve("lower3s", "lower3sExpected"), NHS.darkBlue, "solid"),
              dash("99.8% limits", curve("upper3s", "upper3sExpected"), NHS.darkBlue, "solid"),
            ],
          }}
          table={{
            header: ["Practice", "Requests", "Expected", "Observed ÷ expected", "Beyond 99.8% limits"],
            rows: r.practices.map((p) => [
              p.name,
              fmtCount(p.observed),
              p.expected,
              p.ratio,
              p.flag === "none" ? "no" : (p.flag ?? "–"),
            ]),
          }}
        />
      )}
      <DataTable
        caption="Requests joining the lists per 1,000 registered people in the year to the as-of date"
        rows={r.rates
          .filter((x) => x.per1000 !== null)
          .sort(
            (a, b) =>
              DIMENSION_ORDER.indexOf(a.dimension) - DIMENSION_ORDER.indexOf(b.dimension) ||
              (Number.parseInt(a.group, 10) || 0) - (Number.parseInt(b.group, 10) || 0) ||
              a.group.localeCompare(b.group),
          )}
        columns={[
          { id: "dimension", header: "By", value: (x) => DIMENSION[x.dimension] ?? x.dimension },
          {
            id: "group",
            header: "Group",
            value: (x) => x.name,
          },
          {
            id: "requests",
            header: "Requests",
            value: (x) => countValue(x.requests),
            render: (x) => fmtCount(x.requests),
            numeric: true,
          },
          {
            id: "people",
            header: "Registered people",
            value: (x) => countValue(x.people),
            render: (x) => fmtCount(x.people),
            numeric: true,
          },
          {
            id: "rate",
            header: "Per 1,000",
            value: (x) => x.per1000,
            render: (x) => fmtInt(x.per1000),
            numeric: true,
          },
        ]}
      />
    </>
  );
}

const DIMENSION_ORDER = ["age_band", "sex", "imd_quintile", "register"];

const DIMENSION: Record<string, string> = {
  age_band: "Age band",
  sex: "Sex",
  imd_quintile: "Deprivation",
  register: "Register",
};
