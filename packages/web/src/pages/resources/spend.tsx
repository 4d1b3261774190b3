// Spend and use: what was spent on the people of each practice, PCN or place in the 12 months
// to the as-of date, by point of delivery (per head, so units of different sizes compare), the
// activity the unit costs could not price, then needs and use against the age–sex mix (funnel)
// and who uses what.
import type { SpendResponse } from "@bevan/client";
import { api } from "../../api.ts";
import { Chart } from "../../components/chart.tsx";
import { DisclosureNote } from "../../components/parts.tsx";
import { Async, Empty } from "../../components/states.tsx";
import { countValue, fmtCount } from "../../lib/format.ts";
import type { PageProps } from "../../page.ts";
import { navigate, pageHref, withQuery } from "../../router.ts";
import { can } from "../../session.tsx";
import { useData } from "../../use-data.ts";
import { NeedsFunnel } from "./needs-funnel.tsx";
import {
  ExportButtons,
  fmtGbp,
  fmtMoney,
  MoneyNote,
  moneyValue,
  QuerySelect,
  ResourcesNav,
  Stat,
} from "./parts.tsx";
import { WhoUsesWhat } from "./who-uses-what.tsx";

type Level = "practice" | "pcn" | "place";
const LEVELS: readonly { code: Level; label: string }[] = [
  { code: "practice", label: "Practices" },
  { code: "pcn", label: "PCNs" },
  { code: "place", label: "Places" },
];

export function SpendPage({ me, route, org }: PageProps) {
  const level = (LEVELS.find((l) => l.code === route.query.get("level"))?.code ?? "practice") as Level;
  const data = useData(() => api.resources.spend({ level, ...(org ? { org } : {}) }), [level, org]);
  return (
    <>
      <ResourcesNav route={route} patients={can(me, "patients:read")} />
      <h1>Spend and use</h1>
      <p className="nhsuk-body">
        Activity priced at the unit costs (see{" "}
        <a href={pageHref("/resources/unit-costs", route.query)}>unit costs</a> for every figure and its
        source), for the people on each list in the 12 months to the as-of date.
      </p>
      <div className="bevan-controls">
        <QuerySelect
          id="spend-level"
          label="Compare"
          value={level}
          options={LEVELS}
          onChange={(v) => navigate(withQuery({ level: v }))}
        />
      </div>
      <Async data={data} what="spend">
        {(s) => <SpendView s={s} />}
      </Async>
      <h2>Needs and use against the age–sex mix</h2>
      <NeedsFunnel route={route} org={org} level={level} />
      <h2>Who uses what</h2>
      <WhoUsesWhat route={route} org={org} />
    </>
  );
}

function SpendView({ s }: { s: SpendResponse }) {
  if (s.units.length === 0) return <Empty>No costed activity in this scope.</Empty>;
  const pods = s.pointsOfDelivery;
  const perHead = (u: SpendResponse["units"][number], pod: string) => {
    const cell = u.pointsOfDelivery.find((p) => p.code === pod);
    const m = moneyValue(cell?.spend);
    const n = countValue(u.population);
    return m === null || n === null || n === 0 ? null : Math.round((100 * m) / n) / 100;
  };
  const units = [...s.units].sort((a, b) => (b.perHead ?? 0) - (a.perHead ?? 0));
  const header = [
    "Unit",
    "Code",
    "People",
    "Spend (£)",
    "Spend per head (£)",
    ...pods.map((p) => `${p.name}: £ per head`),
  ];
  const rows = units.map((u) => [
    u.name,
    u.code,
    countValue(u.population),
    moneyValue(u.spend),
    u.perHead === null ? null : Math.round(100 * u.perHead) / 100,
    ...pods.map((p) => perHead(u, p.code)),
  ]);
  const notPriced = s.notPriced.reduce((t, g) => t + (countValue(g.activity) ?? 0), 0);
  return (
    <>
      <DisclosureNote disclosure={s.disclosure} />
      <MoneyNote note={s.moneyNote} />
      <div className="bevan-cards bevan-cards--inline">
        <Stat
          label={`Spend in the 12 months to ${s.asOf}`}
          value={fmtMoney(s.total.spend)}
          testId="total-spend"
        />
        <Stat label="People on the lists" value={fmtCount(s.total.population)} />
        <Stat label="Spend per head" value={fmtGbp(s.total.perHead)} />
      </div>
      <Chart
        title="Spend per head by point of delivery"
        description={`Pounds per person on the list, the 12 months to ${s.asOf}, ${s.unitCosts === "local" ? "at your local unit costs" : "at the default unit costs"}. Withheld cells are left out.`}
        height={Math.max(320, 24 * units.length + 100)}
        option={{
          tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
          legend: { bottom: 0, type: "scroll" },
          grid: { left: 170, right: 20, top: 10, bottom: 70 },
          xAxis: { type: "value", name: "£ per head", nameLocation: "middle", nameGap: 28 },
          yAxis: {
            type: "category",
            inverse: true,
            data: units.map((u) => u.name),
            axisLabel: { width: 160, overflow: "truncate" },
          },
          series: pods.map((p) => ({
            type: "bar",
            stack: "spend",
            name: p.name,
            data: units.map((u) => perHead(u, p.code)),
          })),
        }}
        table={{ header, rows }}
      />
      <ExportButtons title="Spend by point of delivery" header={header} rows={rows} />
      {notPriced > 0 ? (
        <details className="nhsuk-details">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">
              Not priced: {notPriced.toLocaleString("en-GB")} activity rows without a unit cost
            </span>
          </summary>
          <div className="nhsuk-details__text">
            <p>
              This activity is not in the spend above because the unit-cost table has no price for it. Add
              prices to a local table (<code>bevan costs table --out FILE</code>, edit it,{" "}
              <code>bevan costs load FILE</code>).
            </p>
            <table className="nhsuk-table">
              <caption className="nhsuk-table__caption">
                Activity without a unit cost, the 12 months to {s.asOf}
              </caption>
              <thead className="nhsuk-table__head">
                <tr className="nhsuk-table__row">
                  <th scope="col" className="nhsuk-table__header">
                    Point of delivery
                  </th>
                  <th scope="col" className="nhsuk-table__header">
                    Currency
                  </th>
                  <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
                    Activity
                  </th>
                  <th scope="col" className="nhsuk-table__header">
                    Why
                  </th>
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {s.notPriced.map((g) => (
                  <tr key={g.currency} className="nhsuk-table__row">
                    <td className="nhsuk-table__cell">
                      {s.pointsOfDelivery.find((p) => p.code === g.pointOfDelivery)?.name ??
                        g.pointOfDelivery}
                    </td>
                    <td className="nhsuk-table__cell">{g.currency}</td>
                    <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{fmtCount(g.activity)}</td>
                    <td className="nhsuk-table__cell">{g.reason.split(":")[0]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
    </>
  );
}
