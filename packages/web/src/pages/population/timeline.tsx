// Snapshot and timeline: a register's prevalence at the as-of date for the chosen scope, and a
// monthly series (/api/timeline) drawn as an XmR chart (centre line, process limits,
// special-cause points) with the Making Data Count variation and assurance icons.
import type { TimelineResponse } from "@bevan/client";
import { api } from "../../api.ts";
import { Chart } from "../../components/chart.tsx";
import { NHS } from "../../components/echarts.ts";
import { DisclosureNote, RegisterSelect } from "../../components/parts.tsx";
import { Async, Empty } from "../../components/states.tsx";
import { fmtCi, fmtCount, fmtPct } from "../../lib/format.ts";
import type { PageProps } from "../../page.ts";
import { navigate, withQuery } from "../../router.ts";
import { useData } from "../../use-data.ts";

const MEASURES = [
  { code: "emergency_admissions", label: "Emergency admissions" },
  { code: "ae_attendances", label: "A&E attendances" },
] as const;

/** Making Data Count variation icons: symbol, words, tag colour (improvement blue, concern orange). */
const VARIATION: Record<string, { symbol: string; label: string; tag: string }> = {
  common_cause: { symbol: "∿", label: "Common cause variation", tag: "grey" },
  improvement_high: { symbol: "▲", label: "Special cause variation: improvement (higher)", tag: "blue" },
  improvement_low: { symbol: "▼", label: "Special cause variation: improvement (lower)", tag: "blue" },
  concern_high: { symbol: "▲", label: "Special cause variation: concern (higher)", tag: "orange" },
  concern_low: { symbol: "▼", label: "Special cause variation: concern (lower)", tag: "orange" },
  neutral_high: {
    symbol: "▲",
    label: "Special cause variation: neither improvement nor concern (higher)",
    tag: "purple",
  },
  neutral_low: {
    symbol: "▼",
    label: "Special cause variation: neither improvement nor concern (lower)",
    tag: "purple",
  },
};
const ASSURANCE: Record<string, { symbol: string; label: string; tag: string }> = {
  consistent_pass: { symbol: "P", label: "Assurance: consistently passing the target", tag: "blue" },
  consistent_fail: { symbol: "F", label: "Assurance: consistently failing the target", tag: "orange" },
  inconsistent: { symbol: "?", label: "Assurance: hit and miss the target", tag: "grey" },
};
const icon = (table: typeof VARIATION, code: string) =>
  table[code] ?? { symbol: "?", label: code.replaceAll("_", " "), tag: "grey" };

export function TimelinePage({ route, org }: PageProps) {
  const register = route.query.get("register") ?? "HYP";
  const measure = route.query.get("measure") ?? "emergency_admissions";
  const q = org ? { org } : {};
  const registers = useData(() => api.registers(), []);
  const snap = useData(() => api.prevalence({ register, ...q }), [register, org]);
  // A month range from the address (?from=YYYY-MM&to=YYYY-MM); the API's default otherwise.
  const from = route.query.get("from") ?? undefined;
  const to = route.query.get("to") ?? undefined;
  const range = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const series = useData(() => api.timeline({ measure, ...range, ...q }), [measure, from, to, org]);
  return (
    <>
      <h1>Snapshot and timeline</h1>
      <Async data={registers} what="registers">
        {(r) => (
          <RegisterSelect
            id="timeline-register"
            value={register}
            registers={r.registers}
            onChange={(code) => navigate(withQuery({ register: code }))}
          />
        )}
      </Async>
      <Async data={snap} what="the snapshot">
        {(p) => {
          const g = p.groups[0];
          return (
            <>
              <h2>Snapshot on {p.asOf}</h2>
              <div className="bevan-cards">
                <div className="nhsuk-card bevan-stat">
                  <div className="nhsuk-card__content">
                    <p className="bevan-stat__label">People on the {p.register} register</p>
                    <p className="bevan-stat__value">{fmtCount(g?.numerator)}</p>
                  </div>
                </div>
                <div className="nhsuk-card bevan-stat">
                  <div className="nhsuk-card__content">
                    <p className="bevan-stat__label">Prevalence (aged {p.minAge}+)</p>
                    <p className="bevan-stat__value">{fmtPct(g?.prevalence, 2)}</p>
                    <p className="nhsuk-body-s">95% CI {fmtCi(g?.ci95, 2)}</p>
                  </div>
                </div>
              </div>
              <DisclosureNote disclosure={p.disclosure} />
            </>
          );
        }}
      </Async>
      <h2 id="timeline-measure-heading">Monthly timeline</h2>
      <div className="nhsuk-form-group bevan-inline-field">
        <label className="nhsuk-label" htmlFor="timeline-measure">
          Measure
        </label>
        <select
          id="timeline-measure"
          className="nhsuk-select"
          value={measure}
          onChange={(e) => navigate(withQuery({ measure: e.target.value }))}
        >
          {MEASURES.map((m) => (
            <option key={m.code} value={m.code}>
              {m.label}
            </option>
          ))}
          {registers.state === "ok"
            ? registers.data.registers.map((r) => (
                <option key={r.code} value={`register:${r.code}`}>
                  New diagnoses: {r.name} ({r.code})
                </option>
              ))
            : null}
        </select>
      </div>
      <MonthRange
        key={`${series.state === "ok" ? series.data.from : from}-${series.state === "ok" ? series.data.to : to}`}
        from={series.state === "ok" ? series.data.from : from}
        to={series.state === "ok" ? series.data.to : to}
      />
      <Async data={series} what="the monthly series">
        {(t) => <Xmr t={t} />}
      </Async>
    </>
  );
}

/** The timeline's months: two month fields applied together (at most 120 months, the API's limit). */
function MonthRange({ from, to }: { from: string | undefined; to: string | undefined }) {
  return (
    <form
      className="bevan-range"
      aria-label="Months shown"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        const value = (name: string) => String(data.get(name) ?? "") || undefined;
        navigate(withQuery({ from: value("from"), to: value("to") }));
      }}
    >
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="timeline-from">
          From (month)
        </label>
        <input
          id="timeline-from"
          name="from"
          className="nhsuk-input nhsuk-input--width-10"
          type="month"
          defaultValue={from}
        />
      </div>
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="timeline-to">
          To (month)
        </label>
        <input
          id="timeline-to"
          name="to"
          className="nhsuk-input nhsuk-input--width-10"
          type="month"
          defaultValue={to}
        />
      </div>
      <button className="nhsuk-button nhsuk-button--secondary" type="submit">
        Show these months
      </button>
    </form>
  );
}

function measureName(measure: string): string {
  const m = MEASURES.find((x) => x.code === measure);
  if (m) return m.label;
  return measure.startsWith("register:") ? `New ${measure.slice(9)} diagnoses` : measure;
}

const POINT: Record<string, { label: string; color: string; symbol: string }> = {
  special_cause_improvement: { label: "Special cause: improvement", color: NHS.blue, symbol: "circle" },
  special_cause_concern: { label: "Special cause: concern", color: NHS.orange, symbol: "triangle" },
  special_cause_neutral_high: {
    label: "Special cause: neutral (high)",
    color: NHS.purple,
    symbol: "diamond",
  },
  special_cause_neutral_low: { label: "Special cause: neutral (low)", color: NHS.purple, symbol: "diamond" },
};

function Xmr({ t }: { t: TimelineResponse }) {
  if (t.points.length === 0) return <Empty>No months in this range.</Empty>;
  const name = measureName(t.measure);
  const months = t.points.map((p) => p.month);
  const spc = t.spc;
  const byMonth = new Map(spc?.points.map((p) => [p.month, p]) ?? []);
  const special = (type: string) =>
    t.points.map((p) => (byMonth.get(p.month)?.pointType === type ? p.value : null));
  const v = spc ? icon(VARIATION, spc.variation) : null;
  const a = spc?.assurance ? icon(ASSURANCE, spc.assurance) : null;
  const limitSeries = (label: string, key: "mean" | "upper" | "lower", dashed: boolean) => ({
    type: "line",
    name: label,
    data: t.points.map((p) => byMonth.get(p.month)?.[key] ?? null),
    showSymbol: false,
    step: false,
    lineStyle: { color: dashed ? NHS.grey : NHS.darkBlue, type: dashed ? "dashed" : "solid", width: 1.5 },
    itemStyle: { color: dashed ? NHS.grey : NHS.darkBlue },
  });
  const suppressedMonths = t.points.filter((p) => p.suppressed).length;
  return (
    <>
      <DisclosureNote disclosure={t.disclosure} />
      {spc && v ? (
        <div className="bevan-cards" data-testid="spc-icons">
          <p className="bevan-mdc" data-testid="spc-variation" data-icon={spc.variation}>
            <strong className={`nhsuk-tag nhsuk-tag--${v.tag}`}>
              <span role="img" aria-label={`Variation icon: ${v.label}`}>
                {v.symbol}
              </span>
            </strong>{" "}
            {v.label}
          </p>
          {a && spc.assurance ? (
            <p className="bevan-mdc" data-testid="spc-assurance" data-icon={spc.assurance}>
              <strong className={`nhsuk-tag nhsuk-tag--${a.tag}`}>
                <span role="img" aria-label={`Assurance icon: ${a.label}`}>
                  {a.symbol}
                </span>
              </strong>{" "}
              {a.label}
            </p>
          ) : null}
        </div>
      ) : (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>{t.spcNote ?? "No SPC chart for this series."}</p>
        </div>
      )}
      <Chart
        title={`${name} by month, ${t.from} to ${t.to}`}
        description={`${name} per month for your scope, with an XmR statistical process control chart: the solid line is the mean, the dashed lines the process limits (mean ± 2.66 × average moving range); special-cause points are highlighted${spc ? `, ${spc.improvement === "decrease" ? "lower is better" : spc.improvement === "increase" ? "higher is better" : "neither direction is better"}` : ""}.${suppressedMonths ? ` ${suppressedMonths} suppressed month(s) are left as gaps.` : ""}`}
        height={380}
        option={{
          tooltip: { trigger: "axis" },
          legend: { bottom: 0 },
          grid: { left: 70, right: 20, bottom: 80, top: 20 },
          xAxis: { type: "category", name: "Month", nameLocation: "middle", nameGap: 30, data: months },
          yAxis: { type: "value", name: t.unit, nameLocation: "middle", nameGap: 50, scale: true },
          series: [
            {
              type: "line",
              name,
              data: t.points.map((p) => p.value),
              connectNulls: false,
              symbolSize: 6,
              lineStyle: { color: NHS.grey },
              itemStyle: { color: NHS.grey },
              z: 4,
            },
            ...(spc
              ? [
                  limitSeries("Mean", "mean", false),
                  limitSeries("Upper process limit", "upper", true),
                  limitSeries("Lower process limit", "lower", true),
                  ...Object.entries(POINT)
                    .filter(([type]) => spc.points.some((p) => p.pointType === type))
                    .map(([type, s]) => ({
                      type: "scatter",
                      name: s.label,
                      data: special(type),
                      symbol: s.symbol,
                      symbolSize: 15,
                      itemStyle: { color: s.color, borderColor: "#ffffff", borderWidth: 1 },
                      z: 10,
                    })),
                ]
              : []),
          ],
        }}
        table={{
          header: [
            "Month",
            `${name} (${t.unit})`,
            "Mean",
            "Lower process limit",
            "Upper process limit",
            "Special cause",
          ],
          rows: t.points.map((p) => {
            const s = byMonth.get(p.month);
            return [
              p.month,
              p.suppressed ? "suppressed" : p.value,
              s ? Number(s.mean.toFixed(2)) : null,
              s ? Number(s.lower.toFixed(2)) : null,
              s ? Number(s.upper.toFixed(2)) : null,
              s
                ? s.pointType === "common_cause"
                  ? "none"
                  : `${POINT[s.pointType]?.label ?? s.pointType}${s.specialCause ? ` (${s.specialCause})` : ""}`
                : null,
            ];
          }),
        }}
      />
    </>
  );
}
