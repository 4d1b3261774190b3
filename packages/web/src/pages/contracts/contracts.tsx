// The Contracts page: the contract's terms (value, contingent share, each indicator's rule and
// weight, editable), evaluated on the caller's scope: per network, each indicator's achievement
// with its 95% interval against the bar, the payment earned, and the range of payment to expect
// from noise alone, so a network is not paid or penalised for chance.
import type { ContractEvaluateResponse } from "@bevan/client";
import { useState } from "react";
import { ApiError, api } from "../../api.ts";
import { Chart } from "../../components/chart.tsx";
import { NHS } from "../../components/echarts.ts";
import { errorBarsHorizontal } from "../../components/error-bars.ts";
import { DisclosureNote } from "../../components/parts.tsx";
import { Async, errorMessage } from "../../components/states.tsx";
import type { PageProps } from "../../page.ts";
import { useData } from "../../use-data.ts";

interface Indicator {
  id: string;
  name: string;
  threshold?: number;
  scale?: { from: number; to: number };
  weight: number;
  numerator: unknown;
  denominator: unknown;
}
interface Contract {
  name: string;
  description?: string;
  value: number;
  contingentShare: number;
  parties: { level: string };
  indicators: Indicator[];
}

const money = (x: number | null) => (x === null ? "withheld" : `£${Math.round(x).toLocaleString("en-GB")}`);
const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? "–" : `${(100 * x).toFixed(1)}%`;
const inHundred = (x: number | null) => (x === null ? "–" : `${Math.round(100 * x)} in 100`);
const rule = (i: Indicator) =>
  i.scale
    ? `pays on a sliding scale from ${pct(i.scale.from)} (nothing) to ${pct(i.scale.to)} (all)`
    : `pays all at ${pct(i.threshold)} or more, nothing below`;

export function ContractsPage(_: PageProps) {
  const data = useData(() => api.contracts.example(), []);
  return (
    <>
      <h1>Outcome-based contracts</h1>
      <p className="nhsuk-body">
        Part of a contract's value can depend on outcomes each network achieves. Bevan works out every
        network's achievement from the data with its 95% interval, the payment it has earned, and — by
        simulating the chance in who happens to be counted — the range of payment it should expect from noise
        alone. A payment near the edge of that range says more about chance than about care.
      </p>
      <Async data={data} what="the example contract">
        {(d) => <Editor start={d.contract as Contract} />}
      </Async>
    </>
  );
}

function Editor({ start }: { start: Contract }) {
  const [c, setC] = useState<Contract>(start);
  const [result, setResult] = useState<ContractEvaluateResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const setIndicator = (k: number, patch: Partial<Indicator>) =>
    setC({ ...c, indicators: c.indicators.map((i, j) => (j === k ? { ...i, ...patch } : i)) });
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await api.contracts.evaluate(c));
    } catch (e) {
      setError(
        e instanceof ApiError
          ? [e.message, ...e.issues.map((i) => `${i.path}: ${i.message}`)].join("\n")
          : errorMessage(e),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <form
        aria-label="Contract"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <h2>{c.name}</h2>
        {c.description ? <p className="nhsuk-body-s">{c.description}</p> : null}
        <div className="bevan-controls">
          <div className="nhsuk-form-group bevan-inline-field">
            <label className="nhsuk-label" htmlFor="ct-value">
              Contract value (£)
            </label>
            <input
              id="ct-value"
              className="nhsuk-input nhsuk-input--width-10"
              type="number"
              min={0}
              value={c.value}
              onChange={(e) => setC({ ...c, value: Number(e.target.value) })}
            />
          </div>
          <div className="nhsuk-form-group bevan-inline-field">
            <label className="nhsuk-label" htmlFor="ct-share">
              Contingent on outcomes (%)
            </label>
            <input
              id="ct-share"
              className="nhsuk-input nhsuk-input--width-4"
              type="number"
              min={0}
              max={100}
              value={Math.round(100 * c.contingentShare)}
              onChange={(e) => setC({ ...c, contingentShare: Number(e.target.value) / 100 })}
            />
          </div>
        </div>
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-table__caption--s">Indicators</caption>
          <thead>
            <tr>
              <th scope="col">Indicator</th>
              <th scope="col">Rule</th>
              <th scope="col">Weight (%)</th>
            </tr>
          </thead>
          <tbody>
            {c.indicators.map((i, k) => (
              <tr key={i.id}>
                <td>{i.name}</td>
                <td>{rule(i)}</td>
                <td>
                  <label className="nhsuk-u-visually-hidden" htmlFor={`ct-weight-${i.id}`}>
                    Weight of {i.name} (%)
                  </label>
                  <input
                    id={`ct-weight-${i.id}`}
                    className="nhsuk-input nhsuk-input--width-4"
                    type="number"
                    min={0}
                    max={100}
                    value={Math.round(100 * i.weight)}
                    onChange={(e) => setIndicator(k, { weight: Number(e.target.value) / 100 })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="submit" className="nhsuk-button" disabled={busy}>
          {busy ? "Evaluating…" : "Evaluate the contract"}
        </button>
      </form>
      {error ? (
        <div className="nhsuk-error-summary" role="alert">
          <h2 className="nhsuk-error-summary__title">The contract could not be evaluated</h2>
          <div className="nhsuk-error-summary__body">
            <p style={{ whiteSpace: "pre-wrap" }}>{error}</p>
          </div>
        </div>
      ) : null}
      {result ? <Results r={result} contract={c} /> : null}
    </>
  );
}

function Results({ r: response, contract }: { r: ContractEvaluateResponse; contract: Contract }) {
  const r = response.result;
  const parties = r.parties;
  return (
    <section aria-label="Contract results" data-testid="ct-results">
      <h2>Payments by network</h2>
      <DisclosureNote disclosure={response.disclosure} />
      <p className="nhsuk-body" data-testid="ct-total">
        Earned in all: {money(r.totalEarned)} of {money(r.value * r.contingentShare)} contingent (data as of{" "}
        {response.asOf}).
      </p>
      <Chart
        title="Payment earned, and the range to expect from noise"
        description="Each network's contingent payment as earned on its measured achievements (bar) and the range in which 8 payments in 10 would fall from the chance in who is counted alone (whisker, P10 to P90)."
        option={{
          tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
          grid: { left: 260, right: 30, top: 10, bottom: 40 },
          yAxis: {
            type: "category",
            data: parties.map((p) => p.name),
            inverse: true,
            axisLabel: { width: 240, overflow: "truncate" },
          },
          xAxis: { type: "value", axisLabel: { formatter: (v: number) => money(v) } },
          series: [
            {
              type: "bar",
              name: "Earned",
              data: parties.map((p) => p.earned),
              itemStyle: { color: NHS.blue },
            },
            {
              type: "custom",
              name: "P10 to P90 from noise",
              renderItem: errorBarsHorizontal,
              data: parties.map((p, i) => [p.expected?.p10 ?? null, p.expected?.p90 ?? null, i]),
              encode: { x: [0, 1], y: 2 },
              z: 10,
              tooltip: { show: false },
            },
          ],
        }}
        height={Math.max(240, 30 * parties.length + 60)}
        table={{
          header: ["Network", "Contingent (£)", "Earned (£)", "P10 (£)", "P50 (£)", "P90 (£)"],
          rows: parties.map((p) => [
            p.name,
            p.contingent === null ? null : Math.round(p.contingent),
            p.earned === null ? null : Math.round(p.earned),
            p.expected ? Math.round(p.expected.p10) : null,
            p.expected ? Math.round(p.expected.p50) : null,
            p.expected ? Math.round(p.expected.p90) : null,
          ]),
        }}
      />
      {contract.indicators.map((ind, k) => (
        <table key={ind.id} className="nhsuk-table" data-testid={`ct-indicator-${ind.id}`}>
          <caption className="nhsuk-table__caption nhsuk-table__caption--s">
            {ind.name}: {rule(ind)}; {Math.round(100 * ind.weight)}% of the contingent value
          </caption>
          <thead>
            <tr>
              <th scope="col">Network</th>
              <th scope="col">Achieved</th>
              <th scope="col">95% interval</th>
              <th scope="col">Share of its money earned</th>
              <th scope="col">Chance the true figure meets the bar</th>
            </tr>
          </thead>
          <tbody>
            {parties.map((p) => {
              const i = p.indicators[k];
              return (
                <tr key={p.code}>
                  <td>{p.name}</td>
                  <td>
                    {i?.numerator ?? "–"} of {i?.denominator ?? "–"} ({pct(i?.achievement)})
                  </td>
                  <td>
                    {pct(i?.lower)} to {pct(i?.upper)}
                  </td>
                  <td>{pct(i?.earned)}</td>
                  <td>{inHundred(i?.probabilityMet ?? null)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ))}
    </section>
  );
}
