// Variation between practices for a register's prevalence: each practice's rate against its
// list size (a funnel-shaped scatter) with the scope's overall rate, and a sortable table
// naming the practices whose 95% interval lies wholly above or below the overall rate.
import type { PrevalenceResponse } from "@bevan/client";
import { api } from "../api.ts";
import type { PageProps } from "../app.tsx";
import { Chart } from "../components/chart.tsx";
import { DataTable } from "../components/data-table.tsx";
import { NHS } from "../components/echarts.ts";
import { Async, Empty } from "../components/states.tsx";
import { countValue, fmtCi, fmtCount, fmtPct } from "../lib/format.ts";
import { navigate, withQuery } from "../router.ts";
import { useData } from "../use-data.ts";
import { DisclosureNote, RegisterSelect } from "./parts.tsx";

export function VariationPage({ route, org }: PageProps) {
  const register = route.query.get("register") ?? "HYP";
  const registers = useData(() => api.registers(), []);
  const q = org ? { org } : {};
  const data = useData(
    () =>
      Promise.all([
        api.prevalence({ register, breakdown: "practice", ...q }),
        api.prevalence({ register, breakdown: "all", ...q }),
      ]),
    [register, org],
  );
  return (
    <>
      <h1>Variation between practices</h1>
      <p className="nhsuk-body-l">
        Which practices record more or fewer people on a register than the rest of your scope? Higher is not
        always better: low recorded prevalence can mean undiagnosed disease.
      </p>
      <Async data={registers} what="registers">
        {(r) => (
          <RegisterSelect
            id="variation-register"
            value={register}
            registers={r.registers}
            onChange={(code) => navigate(withQuery({ register: code }))}
          />
        )}
      </Async>
      <Async data={data} what="practice prevalence">
        {([byPractice, overall]) => <Funnel byPractice={byPractice} overall={overall} />}
      </Async>
    </>
  );
}

function Funnel({ byPractice, overall }: { byPractice: PrevalenceResponse; overall: PrevalenceResponse }) {
  const mean = overall.groups[0]?.prevalence ?? null;
  if (byPractice.groups.length === 0 || mean === null)
    return <Empty>No practices with data in this scope.</Empty>;
  const rows = byPractice.groups.map((g) => ({
    ...g,
    flag:
      g.ci95 === null
        ? null
        : g.ci95.lower > mean
          ? ("higher" as const)
          : g.ci95.upper < mean
            ? ("lower" as const)
            : ("similar" as const),
  }));
  const points = (flag: string) =>
    rows
      .filter((g) => g.flag === flag)
      .map((g) => ({ value: [countValue(g.denominator), 100 * (g.prevalence ?? 0)], name: g.group }));
  const higher = rows.filter((r) => r.flag === "higher").map((r) => r.group);
  const lower = rows.filter((r) => r.flag === "lower").map((r) => r.group);
  return (
    <>
      <DisclosureNote disclosure={byPractice.disclosure} />
      <div className="nhsuk-inset-text" data-testid="outliers">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <p>
          <strong>Higher than the overall {fmtPct(mean, 2)}:</strong>{" "}
          {higher.length ? higher.join(", ") : "none"}. <strong>Lower:</strong>{" "}
          {lower.length ? lower.join(", ") : "none"}.
        </p>
      </div>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-three-fifths">
          <Chart
            title={`${byPractice.register} prevalence by practice list size`}
            description={`Each point is a practice: people on the ${byPractice.register} register as a percentage of those aged ${byPractice.minAge}+ (vertical), against that population (horizontal), as of ${byPractice.asOf}. The line is the overall rate; flagged practices' Wilson 95% intervals exclude it.`}
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
                name: `Registered people aged ${byPractice.minAge}+`,
                nameLocation: "middle",
                nameGap: 30,
              },
              yAxis: {
                type: "value",
                name: "Prevalence (%)",
                nameLocation: "middle",
                nameGap: 50,
                scale: true,
              },
              series: [
                {
                  type: "scatter",
                  name: "Similar",
                  data: points("similar"),
                  itemStyle: { color: NHS.grey },
                  symbolSize: 9,
                },
                {
                  type: "scatter",
                  name: "Higher",
                  data: points("higher"),
                  itemStyle: { color: NHS.orange },
                  symbol: "triangle",
                  symbolSize: 12,
                },
                {
                  type: "scatter",
                  name: "Lower",
                  data: points("lower"),
                  itemStyle: { color: NHS.blue },
                  symbol: "diamond",
                  symbolSize: 12,
                },
                {
                  type: "line",
                  name: "Overall rate",
                  data: [],
                  markLine: {
                    symbol: "none",
                    silent: true,
                    lineStyle: { color: NHS.darkBlue, type: "dashed" },
                    label: { formatter: `overall ${(100 * mean).toFixed(2)}%` },
                    data: [{ yAxis: 100 * mean }],
                  },
                },
              ],
            }}
            table={{
              header: [
                "Practice",
                "On register",
                "Denominator",
                "Prevalence (%)",
                "95% CI lower (%)",
                "95% CI upper (%)",
                "Compared with overall",
              ],
              rows: rows.map((g) => [
                g.group,
                countValue(g.numerator),
                countValue(g.denominator),
                g.prevalence === null ? null : Number((100 * g.prevalence).toFixed(3)),
                g.ci95 ? Number((100 * g.ci95.lower).toFixed(3)) : null,
                g.ci95 ? Number((100 * g.ci95.upper).toFixed(3)) : null,
                g.flag,
              ]),
            }}
          />
        </div>
        <div className="nhsuk-grid-column-two-fifths">
          <DataTable
            caption="Practices"
            rows={rows}
            initialSort={{ id: "rate", desc: true }}
            columns={[
              { id: "practice", header: "Practice", value: (g) => g.group },
              {
                id: "num",
                header: "People",
                numeric: true,
                value: (g) => countValue(g.numerator),
                render: (g) => fmtCount(g.numerator),
              },
              {
                id: "rate",
                header: "Rate",
                numeric: true,
                value: (g) => g.prevalence,
                render: (g) => fmtPct(g.prevalence, 2),
              },
              {
                id: "ci",
                header: "95% CI",
                value: (g) => g.ci95?.lower ?? null,
                render: (g) => fmtCi(g.ci95, 1),
              },
              {
                id: "flag",
                header: "vs overall",
                value: (g) => g.flag,
                render: (g) =>
                  g.flag === "higher" ? (
                    <strong className="nhsuk-tag nhsuk-tag--orange">Higher</strong>
                  ) : g.flag === "lower" ? (
                    <strong className="nhsuk-tag nhsuk-tag--blue">Lower</strong>
                  ) : g.flag === "similar" ? (
                    "Similar"
                  ) : (
                    "–"
                  ),
              },
            ]}
          />
        </div>
      </div>
    </>
  );
}
