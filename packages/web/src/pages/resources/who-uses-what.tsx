// Who uses what: the share of the people and the share of the spend in each risk tier, segment,
// condition register, deprivation quintile or age band, with spend per head.
import type { UseResponse } from "@bevan/client";
import { api } from "../../api.ts";
import { Chart } from "../../components/chart.tsx";
import { DisclosureNote } from "../../components/parts.tsx";
import { Async, Empty } from "../../components/states.tsx";
import { countValue, fmtCount, fmtPct } from "../../lib/format.ts";
import { navigate, type Route, withQuery } from "../../router.ts";
import { useData } from "../../use-data.ts";
import { ExportButtons, fmtGbp, fmtMoney, moneyValue, QuerySelect } from "./parts.tsx";

type By = "tier" | "segment" | "register" | "imd_quintile" | "age_band";
const BYS: readonly { code: By; label: string }[] = [
  { code: "tier", label: "Risk tier" },
  { code: "segment", label: "Population segment" },
  { code: "register", label: "Condition register" },
  { code: "imd_quintile", label: "Deprivation (IMD quintile)" },
  { code: "age_band", label: "Age band" },
];

export function WhoUsesWhat({ route, org }: { route: Route; org: string | null }) {
  const by = (BYS.find((b) => b.code === route.query.get("by"))?.code ?? "tier") as By;
  const data = useData(() => api.resources.use({ by, ...(org ? { org } : {}) }), [by, org]);
  return (
    <>
      <div className="bevan-controls">
        <QuerySelect
          id="use-by"
          label="Group people by"
          value={by}
          options={BYS}
          onChange={(v) => navigate(withQuery({ by: v }))}
        />
      </div>
      <Async data={data} what="who uses what">
        {(u) => <UseView u={u} label={BYS.find((b) => b.code === by)?.label ?? by} />}
      </Async>
    </>
  );
}

function UseView({ u, label }: { u: UseResponse; label: string }) {
  if (u.unavailable) return <Empty>{u.unavailable}</Empty>;
  if (u.groups.length === 0) return <Empty>No costed activity in this scope.</Empty>;
  const register = u.by === "register";
  const header = [
    label,
    "People",
    "Share of people (%)",
    "Spend (£)",
    "Share of spend (%)",
    "Spend per head (£)",
  ];
  const pct = (x: number | null) => (x === null ? null : Math.round(1000 * x) / 10);
  const rows = u.groups.map((g) => [
    g.name,
    countValue(g.people),
    pct(g.peopleShare),
    moneyValue(g.spend),
    pct(g.spendShare),
    g.perHead === null ? null : Math.round(100 * g.perHead) / 100,
  ]);
  return (
    <>
      <DisclosureNote disclosure={u.disclosure} />
      <Chart
        title={`Share of people and share of spend, by ${label.toLowerCase()}`}
        description={`For each group, its share of the people on the lists and its share of the spend in the 12 months to ${u.asOf}, as percentages.${register ? " A person on several registers counts in each, so the shares add up to more than 100%." : ""} Withheld cells are left out.`}
        height={Math.max(300, 30 * u.groups.length + 90)}
        option={{
          tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
          legend: { bottom: 0 },
          grid: { left: 200, right: 20, top: 10, bottom: 60 },
          xAxis: { type: "value", name: "%", nameLocation: "middle", nameGap: 28 },
          yAxis: {
            type: "category",
            inverse: true,
            data: u.groups.map((g) => g.name),
            axisLabel: { width: 190, overflow: "truncate" },
          },
          series: [
            { type: "bar", name: "Share of people", data: u.groups.map((g) => pct(g.peopleShare)) },
            { type: "bar", name: "Share of spend", data: u.groups.map((g) => pct(g.spendShare)) },
          ],
        }}
        table={{ header, rows }}
      />
      <table className="nhsuk-table" data-testid="who-uses-what">
        <caption className="nhsuk-table__caption">Spend by {label.toLowerCase()}</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">
              {label}
            </th>
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
              People
            </th>
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
              Spend
            </th>
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
              Per head
            </th>
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
              Share of people
            </th>
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
              Share of spend
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {u.groups.map((g) => (
            <tr key={g.group} className="nhsuk-table__row">
              <td className="nhsuk-table__cell">{g.name}</td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{fmtCount(g.people)}</td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{fmtMoney(g.spend)}</td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{fmtGbp(g.perHead)}</td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{fmtPct(g.peopleShare)}</td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{fmtPct(g.spendShare)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ExportButtons title={`Spend by ${label}`} header={header} rows={rows} />
    </>
  );
}
