// The scenario planner: changes to try (extra sessions, a new scanner, downtime, a change in
// demand, mutual aid between trusts), run as a seeded Monte Carlo of every imaging list, shown
// as fan charts of the waiting list and of the share waiting 6+ weeks month by month (P10, P50,
// P90 and the deterministic baseline), with the table behind them.
import type { DiagnosticsScenarioResponse } from "@bevan/client";
import { useState } from "react";
import { ApiError, api } from "../../api.ts";
import { Chart } from "../../components/chart.tsx";
import { NHS } from "../../components/echarts.ts";
import { DisclosureNote } from "../../components/parts.tsx";
import { errorMessage } from "../../components/states.tsx";
import { fmtPct } from "../../lib/format.ts";
import type { PageProps } from "../../page.ts";
import { DiagnosticsTabs, MODALITIES, modalityName } from "./parts.tsx";

const TRUSTS = [
  { code: "R0A", name: "Manchester University" },
  { code: "RM3", name: "Northern Care Alliance" },
  { code: "RWJ", name: "Stockport" },
  { code: "RBT", name: "Mid Cheshire" },
];
const KINDS = [
  { code: "extra_sessions", label: "Extra tests a week" },
  { code: "new_scanner", label: "A new scanner (tests a week)" },
  { code: "downtime", label: "Downtime (share of capacity lost)" },
  { code: "demand_change", label: "Demand up or down (percent)" },
  { code: "mutual_aid", label: "Mutual aid: patients a week to another trust" },
] as const;

interface Change {
  kind: (typeof KINDS)[number]["code"];
  trust: string;
  toTrust: string;
  modality: string;
  amount: number;
  from: string;
  to: string;
}

const START: Change[] = [
  {
    kind: "extra_sessions",
    trust: "RM3",
    modality: "MR",
    toTrust: "RWJ",
    amount: 10,
    from: "2026-05-04",
    to: "2026-09-27",
  },
  {
    kind: "mutual_aid",
    trust: "RM3",
    modality: "US",
    toTrust: "RWJ",
    amount: 5,
    from: "2026-05-04",
    to: "2026-08-30",
  },
];

function toScenario(name: string, changes: Change[], growth: number, interim: number) {
  return {
    name,
    weeks: 52,
    interimTarget: interim,
    demandGrowth: { perYear: growth / 100, sd: 0.01 },
    changes: changes.map((c) => {
      const window = { from: c.from, ...(c.to ? { to: c.to } : {}) };
      switch (c.kind) {
        case "extra_sessions":
          return { kind: c.kind, trust: c.trust, modality: c.modality, testsPerWeek: c.amount, ...window };
        case "new_scanner":
          return { kind: c.kind, trust: c.trust, modality: c.modality, testsPerWeek: c.amount, from: c.from };
        case "downtime":
          return {
            kind: c.kind,
            trust: c.trust,
            modality: c.modality,
            share: Math.min(1, c.amount / 100),
            from: c.from,
            to: c.to || c.from,
          };
        case "demand_change":
          return { kind: c.kind, trust: c.trust, modality: c.modality, percent: c.amount, ...window };
        default:
          return {
            kind: c.kind,
            fromTrust: c.trust,
            toTrust: c.toTrust,
            modality: c.modality,
            patientsPerWeek: c.amount,
            ...window,
          };
      }
    }),
  };
}

export function DiagnosticsScenarioPage(_: PageProps) {
  const [name, setName] = useState("Summer recovery plan");
  const [changes, setChanges] = useState<Change[]>(START);
  const [growth, setGrowth] = useState(2);
  const [interim, setInterim] = useState(0.05);
  const [runs, setRuns] = useState(500);
  const [seed, setSeed] = useState(1);
  const [result, setResult] = useState<DiagnosticsScenarioResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (i: number, patch: Partial<Change>) =>
    setChanges(changes.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(
        await api.diagnostics.runScenario(toScenario(name, changes, growth, interim), { runs, seed }),
      );
    } catch (e) {
      setError(e instanceof ApiError ? e.message : errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <h1>Scenario planner</h1>
      <DiagnosticsTabs />
      <p className="nhsuk-body">
        Try changes to capacity and demand and see what happens to every imaging list over the next year. Each
        run draws its own demand level, growth and capacity achieved, then plays the year week by week with
        the chance in who is referred and scanned; the fan shows where the middle 80% of runs end up. The same
        seed gives the same answer.
      </p>
      <form
        className="bevan-scenario"
        aria-label="Scenario"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="sc-name">
            Scenario name
          </label>
          <input
            id="sc-name"
            className="nhsuk-input nhsuk-input--width-30"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <fieldset className="nhsuk-fieldset">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Changes</legend>
          {changes.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
            <div key={i} className="bevan-controls bevan-change" data-testid="sc-change">
              <Field id={`sc-kind-${i}`} label="Change">
                <select
                  id={`sc-kind-${i}`}
                  className="nhsuk-select"
                  value={c.kind}
                  onChange={(e) => set(i, { kind: e.target.value as Change["kind"] })}
                >
                  {KINDS.map((k) => (
                    <option key={k.code} value={k.code}>
                      {k.label}
                    </option>
                  ))}
                </select>
              </Field>
              <Field id={`sc-trust-${i}`} label={c.kind === "mutual_aid" ? "From trust" : "Trust"}>
                <select
                  id={`sc-trust-${i}`}
                  className="nhsuk-select"
                  value={c.trust}
                  onChange={(e) => set(i, { trust: e.target.value })}
                >
                  {TRUSTS.map((t) => (
                    <option key={t.code} value={t.code}>
                      {t.name}
                    </option>
                  ))}
                </select>
              </Field>
              {c.kind === "mutual_aid" ? (
                <Field id={`sc-to-trust-${i}`} label="To trust">
                  <select
                    id={`sc-to-trust-${i}`}
                    className="nhsuk-select"
                    value={c.toTrust}
                    onChange={(e) => set(i, { toTrust: e.target.value })}
                  >
                    {TRUSTS.map((t) => (
                      <option key={t.code} value={t.code}>
                        {t.name}
                      </option>
                    ))}
                  </select>
                </Field>
              ) : null}
              <Field id={`sc-mod-${i}`} label="Modality">
                <select
                  id={`sc-mod-${i}`}
                  className="nhsuk-select"
                  value={c.modality}
                  onChange={(e) => set(i, { modality: e.target.value })}
                >
                  {MODALITIES.map((m) => (
                    <option key={m.code} value={m.code}>
                      {m.name}
                    </option>
                  ))}
                </select>
              </Field>
              <Field
                id={`sc-amount-${i}`}
                label={c.kind === "downtime" || c.kind === "demand_change" ? "Percent" : "A week"}
              >
                <input
                  id={`sc-amount-${i}`}
                  className="nhsuk-input nhsuk-input--width-4"
                  type="number"
                  value={c.amount}
                  onChange={(e) => set(i, { amount: Number(e.target.value) })}
                />
              </Field>
              <Field id={`sc-from-${i}`} label="From">
                <input
                  id={`sc-from-${i}`}
                  className="nhsuk-input nhsuk-input--width-10"
                  type="date"
                  value={c.from}
                  onChange={(e) => set(i, { from: e.target.value })}
                />
              </Field>
              <Field id={`sc-to-${i}`} label="To (optional)">
                <input
                  id={`sc-to-${i}`}
                  className="nhsuk-input nhsuk-input--width-10"
                  type="date"
                  value={c.to}
                  onChange={(e) => set(i, { to: e.target.value })}
                />
              </Field>
              <button
                type="button"
                className="nhsuk-button nhsuk-button--secondary nhsuk-button--small bevan-change__remove"
                onClick={() => setChanges(changes.filter((_, j) => j !== i))}
              >
                Remove<span className="nhsuk-u-visually-hidden"> change {i + 1}</span>
              </button>
            </div>
          ))}
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
            onClick={() =>
              setChanges([
                ...changes,
                {
                  kind: "extra_sessions",
                  trust: "R0A",
                  toTrust: "RWJ",
                  modality: "US",
                  amount: 10,
                  from: "2026-06-01",
                  to: "",
                },
              ])
            }
          >
            Add a change
          </button>
        </fieldset>
        <div className="bevan-controls">
          <Field id="sc-growth" label="Extra demand growth a year (%)">
            <input
              id="sc-growth"
              className="nhsuk-input nhsuk-input--width-4"
              type="number"
              step="0.5"
              value={growth}
              onChange={(e) => setGrowth(Number(e.target.value))}
            />
          </Field>
          <Field id="sc-interim" label="Interim target (share 6+ weeks)">
            <select
              id="sc-interim"
              className="nhsuk-select"
              value={String(interim)}
              onChange={(e) => setInterim(Number(e.target.value))}
            >
              {[0.05, 0.1, 0.15].map((t) => (
                <option key={t} value={String(t)}>
                  {Math.round(t * 100)} in 100
                </option>
              ))}
            </select>
          </Field>
          <Field id="sc-runs" label="Runs">
            <input
              id="sc-runs"
              className="nhsuk-input nhsuk-input--width-5"
              type="number"
              min={10}
              max={2000}
              value={runs}
              onChange={(e) => setRuns(Number(e.target.value))}
            />
          </Field>
          <Field id="sc-seed" label="Seed">
            <input
              id="sc-seed"
              className="nhsuk-input nhsuk-input--width-5"
              type="number"
              min={0}
              value={seed}
              onChange={(e) => setSeed(Number(e.target.value))}
            />
          </Field>
        </div>
        <button type="submit" className="nhsuk-button" disabled={busy}>
          {busy ? "Running…" : "Run the scenario"}
        </button>
      </form>
      {error ? (
        <div className="nhsuk-error-summary" role="alert">
          <h2 className="nhsuk-error-summary__title">The scenario did not run</h2>
          <div className="nhsuk-error-summary__body">
            <p style={{ whiteSpace: "pre-wrap" }}>{error}</p>
          </div>
        </div>
      ) : null}
      {busy ? (
        <p className="bevan-loading" role="status">
          Running {runs} runs…
        </p>
      ) : null}
      {result ? <Results r={result} /> : null}
    </>
  );
}

function Field({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div className="nhsuk-form-group bevan-inline-field">
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      {children}
    </div>
  );
}

function Results({ r }: { r: DiagnosticsScenarioResponse }) {
  const [which, setWhich] = useState("network");
  const series =
    r.series.find(
      (s) =>
        (s.level === "network" ? "network" : s.level === "trust" ? s.trust : `${s.trust}|${s.modality}`) ===
        which,
    ) ?? r.series[0];
  if (!series) return null;
  const label =
    series.level === "network"
      ? "the network"
      : series.level === "trust"
        ? `trust ${series.trust}`
        : `${series.trust} ${modalityName(series.modality)}`;
  const months = series.points.map((p) => p.month);
  const fan = (key: "waiting" | "over6Share", k: number) => [
    {
      type: "line",
      name: "P10–P90",
      stack: key,
      data: series.points.map((p) => p[key].p10 * k),
      lineStyle: { opacity: 0 },
      showSymbol: false,
    },
    {
      type: "line",
      name: "P10–P90",
      stack: key,
      data: series.points.map((p) => (p[key].p90 - p[key].p10) * k),
      lineStyle: { opacity: 0 },
      showSymbol: false,
      areaStyle: { color: NHS.blue, opacity: 0.25 },
    },
    {
      type: "line",
      name: "P50",
      data: series.points.map((p) => p[key].p50 * k),
      itemStyle: { color: NHS.blue },
    },
    {
      type: "line",
      name: "Baseline (run 0)",
      data: series.points.map((p) => (key === "waiting" ? p.baseline.waiting : p.baseline.over6Share) * k),
      itemStyle: { color: NHS.grey },
      lineStyle: { type: "dashed" },
    },
  ];
  const last = series.points.at(-1);
  return (
    <section aria-label="Scenario results" data-testid="sc-results">
      <h2>
        {r.name}: {r.runs} runs, seed {r.seed}
      </h2>
      <DisclosureNote disclosure={r.disclosure} />
      <div className="nhsuk-form-group bevan-inline-field">
        <label className="nhsuk-label" htmlFor="sc-series">
          Show
        </label>
        <select
          id="sc-series"
          className="nhsuk-select"
          value={which}
          onChange={(e) => setWhich(e.target.value)}
        >
          {r.series.map((s) => {
            const v =
              s.level === "network"
                ? "network"
                : s.level === "trust"
                  ? (s.trust ?? "")
                  : `${s.trust}|${s.modality}`;
            return (
              <option key={v} value={v}>
                {s.level === "network"
                  ? "The network (DM01 tests)"
                  : s.level === "trust"
                    ? `Trust ${s.trust}`
                    : `${s.trust} ${modalityName(s.modality)}`}
              </option>
            );
          })}
        </select>
      </div>
      {last ? (
        <p className="nhsuk-body" data-testid="sc-summary">
          By {last.month} the middle run has {Math.round(last.waiting.p50)} waiting and{" "}
          {fmtPct(last.over6Share.p50)} waiting 6+ weeks (80% of runs between {fmtPct(last.over6Share.p10)}{" "}
          and {fmtPct(last.over6Share.p90)}); {fmtPct(last.meetsStandard, 0)} of runs meet the 1% standard
          {last.meetsInterim === null ? "" : ` and ${fmtPct(last.meetsInterim, 0)} the interim target`}.
        </p>
      ) : null}
      <Chart
        title={`Share waiting 6+ weeks: ${label}`}
        description="Month-end share of the list waiting 6 weeks or more: the band holds the middle 80% of runs (P10 to P90), the solid line the middle run, the dashed line the baseline with no chance (run 0)."
        option={{
          tooltip: { trigger: "axis" },
          legend: { bottom: 0 },
          grid: { left: 60, right: 20, bottom: 60, top: 20 },
          xAxis: { type: "category", data: months },
          yAxis: { type: "value", name: "% waiting 6+ weeks", nameLocation: "middle", nameGap: 45, min: 0 },
          series: fan("over6Share", 100),
        }}
        table={{
          header: ["Month", "P10 %", "P50 %", "P90 %", "Baseline %", "Runs meeting 1%"],
          rows: series.points.map((p) => [
            p.month,
            +(100 * p.over6Share.p10).toFixed(1),
            +(100 * p.over6Share.p50).toFixed(1),
            +(100 * p.over6Share.p90).toFixed(1),
            +(100 * p.baseline.over6Share).toFixed(1),
            fmtPct(p.meetsStandard, 0),
          ]),
        }}
      />
      <Chart
        title={`Patients waiting: ${label}`}
        description="Month-end waiting list: middle 80% of runs, the middle run and the baseline (run 0)."
        option={{
          tooltip: { trigger: "axis" },
          legend: { bottom: 0 },
          grid: { left: 60, right: 20, bottom: 60, top: 20 },
          xAxis: { type: "category", data: months },
          yAxis: { type: "value", name: "patients waiting", nameLocation: "middle", nameGap: 45, min: 0 },
          series: fan("waiting", 1),
        }}
        table={{
          header: ["Month", "P10", "P50", "P90", "Baseline"],
          rows: series.points.map((p) => [
            p.month,
            Math.round(p.waiting.p10),
            Math.round(p.waiting.p50),
            Math.round(p.waiting.p90),
            Math.round(p.baseline.waiting),
          ]),
        }}
      />
    </section>
  );
}
