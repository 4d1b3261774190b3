// Fair shares: a budget the user enters divided between the practices (or PCNs) in scope by
// the chosen formula, to the penny; last year's spend at the same total, the distance from
// target and a pace-of-change path; the other formulas' targets beside it, and how well each
// formula predicted the practices' actual spend out of time.
import type { AllocationResponse, FormulaCode } from "@bevan/client";
import { useState } from "react";
import { api } from "../../api.ts";
import { Chart } from "../../components/chart.tsx";
import { DataTable } from "../../components/data-table.tsx";
import { NHS } from "../../components/echarts.ts";
import { DisclosureNote } from "../../components/parts.tsx";
import { Async } from "../../components/states.tsx";
import { countValue, fmtCount } from "../../lib/format.ts";
import type { PageProps } from "../../page.ts";
import { navigate, pageHref, withQuery } from "../../router.ts";
import { can } from "../../session.tsx";
import { useData } from "../../use-data.ts";
import {
  ExportButtons,
  fmtGbp,
  fmtMoney,
  fmtPence,
  fmtR2,
  MoneyNote,
  minus,
  moneyValue,
  QuerySelect,
  ResourcesNav,
} from "./parts.tsx";

const FORMULAS: readonly { code: FormulaCode; label: string }[] = [
  { code: "need", label: "Needs-based (age, sex, deprivation, conditions)" },
  { code: "need_supply", label: "Needs-based with last year's cost" },
  { code: "age_sex", label: "Age–sex weighted" },
  { code: "capitation", label: "Raw capitation" },
];
const LEVELS = [
  { code: "practice", label: "Practices" },
  { code: "pcn", label: "Primary care networks (PCNs)" },
] as const;

export function FairSharesPage({ me, route, org }: PageProps) {
  const level = route.query.get("level") === "pcn" ? "pcn" : "practice";
  const formula = (FORMULAS.find((f) => f.code === route.query.get("formula"))?.code ??
    "need") as FormulaCode;
  const years = Math.min(10, Math.max(1, Number(route.query.get("years") ?? 3) || 3));
  const asked = Number(route.query.get("budget"));
  const total = useData(() => api.resources.spend({ level: "icb", ...(org ? { org } : {}) }), [org]);
  const lastYear = total.state === "ok" ? (total.data.total.spend.value ?? null) : null;
  const suggested = lastYear === null ? 10_000_000 : Math.round(lastYear / 1000) * 1000;
  const budget = Number.isFinite(asked) && asked > 0 ? asked : total.state === "ok" ? suggested : null;
  return (
    <>
      <ResourcesNav route={route} patients={can(me, "patients:read")} />
      <h1>Fair shares</h1>
      <p className="nhsuk-body">
        A budget divided between {level === "pcn" ? "PCNs" : "practices"} by the expected cost of their
        registered people next year, set beside what they actually spent. The formulas were fitted on this
        population's own history and checked on a later year (see{" "}
        <a href={pageHref("/resources/validation", route.query)}>model validation</a>).
      </p>
      <BudgetForm budget={budget} lastYear={lastYear} />
      <div className="bevan-controls">
        <QuerySelect
          id="fs-level"
          label="Divide between"
          value={level}
          options={LEVELS}
          onChange={(v) => navigate(withQuery({ level: v }))}
        />
        <QuerySelect
          id="fs-formula"
          label="Formula"
          value={formula}
          options={FORMULAS}
          onChange={(v) => navigate(withQuery({ formula: v }))}
        />
        <QuerySelect
          id="fs-years"
          label="Pace of change over"
          value={String(years)}
          options={[1, 2, 3, 4, 5, 7, 10].map((y) => ({
            code: String(y),
            label: `${y} year${y === 1 ? "" : "s"}`,
          }))}
          onChange={(v) => navigate(withQuery({ years: v }))}
        />
      </div>
      {budget === null ? null : (
        <Allocation
          key={`${budget}-${level}-${formula}-${years}-${org}`}
          args={{ budget, level, formula, years, org }}
        />
      )}
    </>
  );
}

function BudgetForm({ budget, lastYear }: { budget: number | null; lastYear: number | null }) {
  const [text, setText] = useState(budget === null ? "" : String(budget));
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    const v = Number(text.replace(/[£,\s]/g, ""));
    if (!(Number.isFinite(v) && v > 0)) {
      setError("Enter the budget in pounds, for example 25000000 or 25,000,000.");
      return;
    }
    setError(null);
    navigate(withQuery({ budget: String(v) }));
  };
  return (
    <form
      className={`nhsuk-form-group${error ? " nhsuk-form-group--error" : ""}`}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label className="nhsuk-label" htmlFor="fs-budget">
        Budget to divide (£)
      </label>
      <div className="nhsuk-hint" id="fs-budget-hint">
        {lastYear === null
          ? "In pounds."
          : `In pounds. Last year's spend on these people, priced at the unit costs, was ${fmtGbp(lastYear)}.`}
      </div>
      {error ? (
        <span className="nhsuk-error-message" id="fs-budget-error">
          <span className="nhsuk-u-visually-hidden">Error:</span> {error}
        </span>
      ) : null}
      <div className="bevan-inline-form">
        <input
          id="fs-budget"
          className={`nhsuk-input nhsuk-input--width-10${error ? " nhsuk-input--error" : ""}`}
          inputMode="decimal"
          aria-describedby={`fs-budget-hint${error ? " fs-budget-error" : ""}`}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="nhsuk-button nhsuk-button--small">
          Divide the budget
        </button>
      </div>
    </form>
  );
}

type Args = {
  budget: number;
  level: "practice" | "pcn";
  formula: FormulaCode;
  years: number;
  org: string | null;
};

function Allocation({ args }: { args: Args }) {
  const data = useData(
    () =>
      api.resources.allocation({
        budget: args.budget,
        level: args.level,
        formula: args.formula,
        years: args.years,
        ...(args.org ? { org: args.org } : {}),
      }),
    [args.budget, args.level, args.formula, args.years, args.org],
  );
  return (
    <Async data={data} what="the fair shares">
      {(a) => <AllocationView a={a} />}
    </Async>
  );
}

type Unit = AllocationResponse["units"][number];

function AllocationView({ a }: { a: AllocationResponse }) {
  const word = a.level === "pcn" ? "PCN" : "practice";
  const formulaName = a.formulas.find((f) => f.code === a.formula)?.name ?? a.formula;
  const perHead = (pence: number | null, u: Unit) => {
    const n = countValue(u.registered);
    return pence === null || n === null || n === 0 ? null : pence / 100 / n;
  };
  const sorted = [...a.units].sort((x, y) => (y.distanceFromTarget ?? 0) - (x.distanceFromTarget ?? 0));
  const header = [
    word === "PCN" ? "PCN" : "Practice",
    "Code",
    "Registered people",
    "Fair share (%)",
    "Target (£)",
    "Last year's spend (£)",
    "Current at this budget (£)",
    "Distance from target (%)",
    ...(a.units[0]?.path.map((_, k) => `Year ${k + 1} (£)`) ?? []),
    ...a.formulas.filter((f) => f.available).map((f) => `Target: ${f.name} (£)`),
  ];
  const rows = a.units.map((u) => [
    u.name,
    u.code,
    countValue(u.registered),
    Number((100 * u.share).toFixed(3)),
    u.targetPence / 100,
    moneyValue(u.actual),
    u.currentPence === null ? null : u.currentPence / 100,
    u.distanceFromTarget === null ? null : Number(u.distanceFromTarget.toFixed(1)),
    ...u.path.map((p) => p / 100),
    ...a.formulas.filter((f) => f.available).map((f) => (u.targets[f.code] ?? 0) / 100),
  ]);
  return (
    <>
      <DisclosureNote disclosure={a.disclosure} />
      <MoneyNote note={a.moneyNote} />
      <div className="nhsuk-inset-text" data-testid="allocation-summary">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <p>
          {fmtPence(a.budgetPence)} divided between {a.units.length} {word}
          {a.units.length === 1 ? "" : "s"} by {formulaName.toLowerCase()}, as of {a.asOf}. The targets add up
          to <strong data-testid="sum-of-targets">{fmtPence(a.sumOfTargetsPence)}</strong>. {a.remainderRule}
        </p>
      </div>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-half">
          <Chart
            title={`Spend per head against fair share, by ${word}`}
            description={`Each ${word}'s fair share of the budget per registered person (dot) and last year's spend at the same total (diamond), in pounds.`}
            height={Math.max(280, 22 * a.units.length + 80)}
            option={{
              tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
              legend: { bottom: 0 },
              grid: { left: 170, right: 20, top: 10, bottom: 60 },
              xAxis: { type: "value", name: "£ per head", nameLocation: "middle", nameGap: 28 },
              yAxis: {
                type: "category",
                data: sorted.map((u) => u.name),
                axisLabel: { width: 160, overflow: "truncate" },
              },
              series: [
                {
                  type: "scatter",
                  name: "Fair share per head",
                  data: sorted.map((u) => perHead(u.targetPence, u)),
                  itemStyle: { color: NHS.blue },
                  symbolSize: 10,
                },
                {
                  type: "scatter",
                  name: "Last year's spend per head",
                  data: sorted.map((u) => perHead(u.currentPence, u)),
                  itemStyle: { color: NHS.orange },
                  symbol: "diamond",
                  symbolSize: 12,
                },
              ],
            }}
            table={{
              header: [word === "PCN" ? "PCN" : "Practice", "Fair share per head (£)", "Spend per head (£)"],
              rows: sorted.map((u) => [
                u.name,
                round2(perHead(u.targetPence, u)),
                round2(perHead(u.currentPence, u)),
              ]),
            }}
          />
        </div>
        <div className="nhsuk-grid-column-one-half">
          <Chart
            title={`Distance from target, by ${word}`}
            description="Last year's spend at this budget against the target, as a percentage of the target: above zero a unit spends more than its fair share."
            height={Math.max(280, 22 * a.units.length + 80)}
            option={{
              tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
              grid: { left: 170, right: 30, top: 10, bottom: 40 },
              xAxis: { type: "value", name: "% from target", nameLocation: "middle", nameGap: 28 },
              yAxis: {
                type: "category",
                data: sorted.map((u) => u.name),
                axisLabel: { width: 160, overflow: "truncate" },
              },
              series: [
                {
                  type: "bar",
                  name: "Distance from target",
                  data: sorted.map((u) => ({
                    value: u.distanceFromTarget === null ? null : Number(u.distanceFromTarget.toFixed(1)),
                    itemStyle: { color: (u.distanceFromTarget ?? 0) > 0 ? NHS.orange : NHS.blue },
                  })),
                },
              ],
            }}
            table={{
              header: [word === "PCN" ? "PCN" : "Practice", "Distance from target (%)"],
              rows: sorted.map((u) => [
                u.name,
                u.distanceFromTarget === null ? null : Number(u.distanceFromTarget.toFixed(1)),
              ]),
            }}
          />
        </div>
      </div>
      <h2>Targets, spend and the path to target</h2>
      <ExportButtons title={`Fair shares by ${word}`} header={header} rows={rows} />
      <DataTable
        caption={`Fair shares of ${fmtPence(a.budgetPence)} by ${word}`}
        rows={a.units}
        initialSort={{ id: "distance", desc: true }}
        columns={[
          { id: "name", header: word === "PCN" ? "PCN" : "Practice", value: (u) => u.name },
          {
            id: "registered",
            header: "People",
            numeric: true,
            value: (u) => countValue(u.registered),
            render: (u) => fmtCount(u.registered),
          },
          {
            id: "share",
            header: "Share",
            numeric: true,
            value: (u) => u.share,
            render: (u) => `${(100 * u.share).toFixed(2)}%`,
          },
          {
            id: "target",
            header: "Target",
            numeric: true,
            value: (u) => u.targetPence,
            render: (u) => fmtPence(u.targetPence),
          },
          {
            id: "actual",
            header: "Last year's spend",
            numeric: true,
            value: (u) => moneyValue(u.actual),
            render: (u) => fmtMoney(u.actual),
          },
          {
            id: "current",
            header: "Current at this budget",
            numeric: true,
            value: (u) => u.currentPence,
            render: (u) => fmtPence(u.currentPence),
          },
          {
            id: "distance",
            header: "From target",
            numeric: true,
            value: (u) => u.distanceFromTarget,
            render: (u) =>
              u.distanceFromTarget === null
                ? "–"
                : `${u.distanceFromTarget > 0 ? "+" : ""}${minus(u.distanceFromTarget.toFixed(1))}%`,
          },
          {
            id: "year1",
            header: a.years > 1 ? "Year 1 of the path" : "Year 1",
            numeric: true,
            value: (u) => u.path[0] ?? null,
            render: (u) => fmtPence(u.path[0] ?? null),
          },
        ]}
      />
      <h2>The formulas side by side</h2>
      <p className="nhsuk-body">
        How much of the difference between {word}s' actual spend per head each formula explained, on a year it
        was not fitted on (R², 1 = all of it; raw capitation gives everyone the same and explains none).
      </p>
      <table className="nhsuk-table" data-testid="formula-r2">
        <caption className="nhsuk-table__caption">Out-of-time R² by formula</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">
              Formula
            </th>
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
              Practices
            </th>
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
              PCNs
            </th>
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
              People
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {a.validation.map((v) => (
            <tr key={v.formula} className="nhsuk-table__row">
              <td className="nhsuk-table__cell">{v.name}</td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{fmtR2(v.r2Practice)}</td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{fmtR2(v.r2Pcn)}</td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{fmtR2(v.r2Person)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

const round2 = (x: number | null) => (x === null ? null : Math.round(100 * x) / 100);
