// The overview's larger charts: population pyramid, register prevalence against the ICS and
// peers, and the risk pyramid, each with its table alternative.
import type { PrevalenceAllResponse, PyramidResponse, RiskPyramidResponse } from "@bevan/client";
import { Chart } from "../../components/chart.tsx";
import { DataTable } from "../../components/data-table.tsx";
import { NHS } from "../../components/echarts.ts";
import { errorBarsHorizontal } from "../../components/error-bars.ts";
import { Empty } from "../../components/states.tsx";
import { countValue, fmtCi, fmtCount, fmtPct } from "../../lib/format.ts";

export function PopulationPyramid({ p }: { p: PyramidResponse }) {
  return (
    <Chart
      title="Population pyramid"
      description={`People registered and alive on ${p.asOf}, by sex and five-year age band. Counts of people; females to the left, males to the right.`}
      height={440}
      option={{
        tooltip: {
          trigger: "axis",
          axisPointer: { type: "shadow" },
          valueFormatter: (v: unknown) =>
            typeof v === "number" ? Math.abs(v).toLocaleString("en-GB") : "suppressed",
        },
        legend: { bottom: 0 },
        grid: { left: 60, right: 30, bottom: 70, top: 10 },
        yAxis: {
          type: "category",
          name: "Age band",
          data: p.bands.map((b) => b.band),
          axisTick: { show: false },
        },
        xAxis: {
          type: "value",
          name: "People",
          nameLocation: "middle",
          nameGap: 30,
          axisLabel: { formatter: (v: number) => Math.abs(v).toLocaleString("en-GB") },
        },
        series: [
          {
            type: "bar",
            name: "Female",
            stack: "people",
            data: p.bands.map((b) => {
              const v = countValue(b.female);
              return v === null ? null : -v;
            }),
            itemStyle: { color: NHS.blue },
          },
          {
            type: "bar",
            name: "Male",
            stack: "people",
            data: p.bands.map((b) => countValue(b.male)),
            itemStyle: { color: NHS.orange },
          },
        ],
      }}
      table={{
        header: ["Age band", "Female", "Male"],
        rows: p.bands.map((b) => [b.band, countValue(b.female), countValue(b.male)]),
      }}
    />
  );
}

export function PrevalenceSection({ p }: { p: PrevalenceAllResponse }) {
  const rows = p.registers;
  if (rows.length === 0) return <Empty>No register data for this scope.</Empty>;
  const refLabel = rows[0]?.reference.label ?? "reference";
  return (
    <>
      <Chart
        title="Register prevalence"
        description={`People on each register as a percentage of registered people of the register's minimum age, with Wilson 95% confidence intervals; diamonds mark the ${refLabel} figure.`}
        height={560}
        option={{
          tooltip: {
            trigger: "axis",
            valueFormatter: (v: unknown) => (typeof v === "number" ? `${v.toFixed(2)}%` : "–"),
          },
          legend: { bottom: 0 },
          grid: { left: 200, right: 30, bottom: 80, top: 10 },
          yAxis: {
            type: "category",
            data: rows.map((r) => r.name),
            inverse: true,
            axisLabel: { width: 190, overflow: "truncate" },
          },
          xAxis: { type: "value", name: "Prevalence (%)", nameLocation: "middle", nameGap: 30 },
          series: [
            {
              type: "bar",
              name: "This scope",
              data: rows.map((r) => (r.prevalence === null ? null : 100 * r.prevalence)),
              itemStyle: { color: NHS.blue },
            },
            {
              type: "custom",
              name: "95% confidence interval",
              renderItem: errorBarsHorizontal,
              data: rows.map((r, i) => [
                r.ci95 ? 100 * r.ci95.lower : null,
                r.ci95 ? 100 * r.ci95.upper : null,
                i,
              ]),
              encode: { x: [0, 1], y: 2 },
              z: 10,
              tooltip: { show: false },
            },
            {
              type: "scatter",
              name: refLabel,
              symbol: "diamond",
              symbolSize: 11,
              data: rows.map((r) => (r.reference.prevalence === null ? null : 100 * r.reference.prevalence)),
              itemStyle: { color: NHS.orange, borderColor: "#212b32", borderWidth: 1 },
              z: 11,
            },
          ],
        }}
        table={{
          header: [
            "Register",
            "Minimum age",
            "People on register",
            "Denominator",
            "Prevalence (%)",
            "95% CI lower (%)",
            "95% CI upper (%)",
            `${refLabel} (%)`,
            "Compared with reference",
          ],
          rows: rows.map((r) => [
            r.name,
            r.minAge,
            countValue(r.numerator),
            countValue(r.denominator),
            r.prevalence === null ? null : Number((100 * r.prevalence).toFixed(3)),
            r.ci95 ? Number((100 * r.ci95.lower).toFixed(3)) : null,
            r.ci95 ? Number((100 * r.ci95.upper).toFixed(3)) : null,
            r.reference.prevalence === null ? null : Number((100 * r.reference.prevalence).toFixed(3)),
            r.significance,
          ]),
        }}
      />
      <DataTable
        caption={`Registers compared with ${refLabel}`}
        initialSort={{ id: "prevalence", desc: true }}
        rows={rows}
        columns={[
          { id: "name", header: "Register", value: (r) => r.name },
          {
            id: "people",
            header: "People",
            numeric: true,
            value: (r) => countValue(r.numerator),
            render: (r) => fmtCount(r.numerator),
          },
          {
            id: "prevalence",
            header: "Prevalence",
            numeric: true,
            value: (r) => r.prevalence,
            render: (r) => fmtPct(r.prevalence, 2),
          },
          {
            id: "ci",
            header: "95% CI",
            value: (r) => r.ci95?.lower ?? null,
            render: (r) => fmtCi(r.ci95, 2),
          },
          {
            id: "ref",
            header: refLabel,
            numeric: true,
            value: (r) => r.reference.prevalence,
            render: (r) => fmtPct(r.reference.prevalence, 2),
          },
          {
            id: "sig",
            header: "Compared",
            value: (r) => r.significance,
            render: (r) =>
              r.significance === "higher" ? (
                <strong className="nhsuk-tag nhsuk-tag--orange">Higher</strong>
              ) : r.significance === "lower" ? (
                <strong className="nhsuk-tag nhsuk-tag--blue">Lower</strong>
              ) : r.significance === "similar" ? (
                "Similar"
              ) : (
                "–"
              ),
          },
        ]}
      />
    </>
  );
}

/** "very high" → "Very high risk". */
const tierName = (label: string) => `${label.charAt(0).toUpperCase()}${label.slice(1)} risk`;

export function RiskPyramid({ r }: { r: RiskPyramidResponse }) {
  if (!r.scored)
    return <Empty>The risk pyramid needs a build with risk scores; this warehouse has none.</Empty>;
  const pct = (v: number | null) => (v === null ? null : Number((100 * v).toFixed(1)));
  return (
    <>
      <Chart
        title="Risk pyramid: where emergency admissions come from"
        description={`Share of people, of emergency admissions and of spend in each emergency-admission risk tier${r.window ? `, in the 12 months to ${r.window.to} (admissions and spend), by the tier of today's scores` : ""}. Spend is the recorded cost of hospital stays, A&E attendances and outpatient appointments attended.`}
        height={320}
        option={{
          tooltip: {
            trigger: "axis",
            valueFormatter: (v: unknown) => (typeof v === "number" ? `${v.toFixed(1)}%` : "–"),
          },
          legend: { bottom: 0 },
          grid: { left: 10, right: 30, bottom: 80, top: 10, containLabel: true },
          yAxis: { type: "category", inverse: true, data: r.tiers.map((t) => tierName(t.label)) },
          xAxis: { type: "value", name: "Share (%)", nameLocation: "middle", nameGap: 30, max: 100 },
          series: [
            {
              type: "bar",
              name: "People",
              data: r.tiers.map((t) => pct(t.peopleShare)),
              itemStyle: { color: NHS.blue },
            },
            {
              type: "bar",
              name: "Emergency admissions",
              data: r.tiers.map((t) => pct(t.admissionsShare)),
              itemStyle: { color: NHS.orange },
            },
            {
              type: "bar",
              name: "Spend",
              data: r.tiers.map((t) => pct(t.spendShare)),
              itemStyle: { color: NHS.grey },
            },
          ],
        }}
        table={{
          header: [
            "Tier",
            "People",
            "People (%)",
            "Admissions",
            "Admissions (%)",
            "Spend (£)",
            "Spend (%)",
            "Admissions per 1,000",
            "Rate ratio",
          ],
          rows: r.tiers.map((t) => [
            tierName(t.label),
            countValue(t.people),
            pct(t.peopleShare),
            countValue(t.admissions),
            pct(t.admissionsShare),
            t.spend === null ? null : Math.round(t.spend),
            pct(t.spendShare),
            t.admissionsPer1000 === null ? null : Number(t.admissionsPer1000.toFixed(1)),
            t.rateRatio === null ? null : Number(t.rateRatio.toFixed(2)),
          ]),
        }}
      />
      <DataTable
        caption={`To cut all emergency admissions by ${Math.round(100 * r.reduction)}%, each tier alone would need to avoid this share of its own admissions`}
        rows={r.tiers}
        columns={[
          { id: "tier", header: "Risk tier", value: (t) => tierName(t.label) },
          {
            id: "people",
            header: "People",
            numeric: true,
            value: (t) => countValue(t.people),
            render: (t) => fmtCount(t.people),
          },
          {
            id: "adm",
            header: "Admissions",
            numeric: true,
            value: (t) => countValue(t.admissions),
            render: (t) => fmtCount(t.admissions),
          },
          {
            id: "per1000",
            header: "Per 1,000",
            numeric: true,
            value: (t) => t.admissionsPer1000,
            render: (t) => (t.admissionsPer1000 === null ? "–" : t.admissionsPer1000.toFixed(1)),
          },
          {
            id: "req",
            header: "Share to avoid",
            numeric: true,
            value: (t) => t.requiredReduction,
            render: (t) =>
              t.requiredReduction === null
                ? "–"
                : t.requiredReduction > 1
                  ? "not possible from this tier alone"
                  : fmtPct(t.requiredReduction, 0),
          },
        ]}
      />
    </>
  );
}
