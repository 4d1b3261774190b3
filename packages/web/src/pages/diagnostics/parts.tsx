// Pieces the Diagnostics pages share: the area's own navigation, Making Data Count icons, an
// XmR chart with the standard and an interim target drawn in, and figure cards.
import type { DiagnosticsDashboardResponse } from "@bevan/client";
import { Chart } from "../../components/chart.tsx";
import { NHS } from "../../components/echarts.ts";
import { fmtPct } from "../../lib/format.ts";
import { pageHref, useRoute } from "../../router.ts";

export const MODALITIES: readonly { code: string; name: string }[] = [
  { code: "MR", name: "MRI" },
  { code: "CT", name: "CT" },
  { code: "US", name: "Non-obstetric ultrasound" },
  { code: "BMD", name: "DEXA" },
  { code: "RF", name: "Barium enema" },
  { code: "CR", name: "Plain film (X-ray)" },
];
export const modalityName = (code: string | null | undefined) =>
  MODALITIES.find((m) => m.code === code)?.name ?? code ?? "";

const PAGES = [
  { path: "/diagnostics", label: "Performance" },
  { path: "/diagnostics/demand", label: "Demand and forecast" },
  { path: "/diagnostics/scenarios", label: "Scenario planner" },
  { path: "/diagnostics/mutual-aid", label: "Mutual aid" },
];

/** The area's pages as tabs under its heading. */
export function DiagnosticsTabs() {
  const route = useRoute();
  return (
    <nav className="bevan-tabs" aria-label="Diagnostics pages">
      <ul className="bevan-tabs__list">
        {PAGES.map((p) => (
          <li key={p.path} className="bevan-tabs__item">
            <a
              className="bevan-tabs__link"
              href={pageHref(p.path, route.query)}
              aria-current={route.path === p.path ? "page" : undefined}
            >
              {p.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

const VARIATION: Record<string, { symbol: string; label: string; tag: string }> = {
  common_cause: { symbol: "∿", label: "Common cause variation", tag: "grey" },
  improvement_high: { symbol: "▲", label: "Improvement (higher)", tag: "blue" },
  improvement_low: { symbol: "▼", label: "Improvement (lower)", tag: "blue" },
  concern_high: { symbol: "▲", label: "Concern (higher)", tag: "orange" },
  concern_low: { symbol: "▼", label: "Concern (lower)", tag: "orange" },
  neutral_high: { symbol: "▲", label: "Neither (higher)", tag: "purple" },
  neutral_low: { symbol: "▼", label: "Neither (lower)", tag: "purple" },
};
const ASSURANCE: Record<string, { symbol: string; label: string; tag: string }> = {
  consistent_pass: { symbol: "P", label: "consistently meets", tag: "blue" },
  consistent_fail: { symbol: "F", label: "consistently misses", tag: "orange" },
  inconsistent: { symbol: "?", label: "hits and misses", tag: "grey" },
};

export function VariationIcon({ code }: { code: string | null }) {
  if (!code) return <span>–</span>;
  const v = VARIATION[code] ?? { symbol: "?", label: code, tag: "grey" };
  return (
    <strong className={`nhsuk-tag nhsuk-tag--${v.tag} bevan-icon`} title={`Variation: ${v.label}`}>
      <span role="img" aria-label={`Variation: ${v.label}`}>
        {v.symbol}
      </span>
    </strong>
  );
}

export function AssuranceIcon({ code, target }: { code: string | null; target: string }) {
  if (!code) return <span>–</span>;
  const a = ASSURANCE[code] ?? { symbol: "?", label: code, tag: "grey" };
  return (
    <strong className={`nhsuk-tag nhsuk-tag--${a.tag} bevan-icon`} title={`Assurance: ${a.label} ${target}`}>
      <span role="img" aria-label={`Assurance: ${a.label} ${target}`}>
        {a.symbol}
      </span>
    </strong>
  );
}

export function IconLegend({
  spc,
  interim,
}: {
  spc: DiagnosticsDashboardResponse["spc"]["share"];
  interim: number;
}) {
  if (!spc) return null;
  const v = VARIATION[spc.variation];
  return (
    <div className="bevan-cards" data-testid="spc-icons">
      <p className="bevan-mdc" data-icon={spc.variation}>
        <VariationIcon code={spc.variation} /> {v?.label ?? spc.variation}
      </p>
      <p className="bevan-mdc" data-icon={spc.assuranceStandard ?? ""}>
        <AssuranceIcon code={spc.assuranceStandard} target="the 1% standard" /> The 1% standard:{" "}
        {ASSURANCE[spc.assuranceStandard ?? ""]?.label ?? "–"}
      </p>
      <p className="bevan-mdc" data-icon={spc.assuranceInterim ?? ""}>
        <AssuranceIcon code={spc.assuranceInterim} target={`the interim target of ${fmtPct(interim, 0)}`} />{" "}
        The interim target ({fmtPct(interim, 0)}): {ASSURANCE[spc.assuranceInterim ?? ""]?.label ?? "–"}
      </p>
    </div>
  );
}

const SPECIAL: Record<string, { label: string; color: string; symbol: string }> = {
  special_cause_improvement: { label: "Special cause: improvement", color: NHS.blue, symbol: "circle" },
  special_cause_concern: { label: "Special cause: concern", color: NHS.orange, symbol: "triangle" },
};

/** An XmR chart of a percentage (or a count) with its limits, special causes and target lines. */
export function SpcChart({
  title,
  description,
  spc,
  percent,
  targets = [],
  unit,
}: {
  title: string;
  description: string;
  spc: NonNullable<DiagnosticsDashboardResponse["spc"]["share"]>;
  percent: boolean;
  targets?: readonly { label: string; value: number; color: string }[];
  unit: string;
}) {
  const k = percent ? 100 : 1;
  const r = (x: number) => Math.round(x * k * 100) / 100;
  const labels = spc.points.map((p) => p.label);
  const line = (name: string, values: (number | null)[], color: string, dashed: boolean) => ({
    type: "line",
    name,
    data: values,
    showSymbol: false,
    lineStyle: { color, type: dashed ? "dashed" : "solid", width: 1.5 },
    itemStyle: { color },
  });
  return (
    <Chart
      title={title}
      description={description}
      height={340}
      option={{
        tooltip: { trigger: "axis" },
        legend: { bottom: 0 },
        grid: { left: 60, right: 20, bottom: 80, top: 20 },
        xAxis: { type: "category", data: labels },
        yAxis: {
          type: "value",
          name: unit,
          nameLocation: "middle",
          nameGap: 45,
          scale: !percent,
          min: percent ? 0 : undefined,
        },
        series: [
          {
            ...line(
              title,
              spc.points.map((p) => r(p.value)),
              NHS.grey,
              false,
            ),
            showSymbol: true,
            symbolSize: 6,
            z: 4,
          },
          line(
            "Mean",
            spc.points.map((p) => r(p.mean)),
            NHS.darkBlue,
            false,
          ),
          line(
            "Upper process limit",
            spc.points.map((p) => r(p.upper)),
            NHS.grey,
            true,
          ),
          line(
            "Lower process limit",
            spc.points.map((p) => r(Math.max(0, p.lower))),
            NHS.grey,
            true,
          ),
          ...targets.map((t) =>
            line(
              t.label,
              spc.points.map(() => r(t.value)),
              t.color,
              true,
            ),
          ),
          ...Object.entries(SPECIAL)
            .filter(([type]) => spc.points.some((p) => p.pointType === type))
            .map(([type, s]) => ({
              type: "scatter",
              name: s.label,
              data: spc.points.map((p) => (p.pointType === type ? r(p.value) : null)),
              symbol: s.symbol,
              symbolSize: 14,
              itemStyle: { color: s.color, borderColor: "#ffffff", borderWidth: 1 },
              z: 10,
            })),
        ],
      }}
      table={{
        header: ["Period", unit, "Mean", "Lower process limit", "Upper process limit", "Special cause"],
        rows: spc.points.map((p) => [
          p.label,
          r(p.value),
          r(p.mean),
          r(Math.max(0, p.lower)),
          r(p.upper),
          p.pointType === "common_cause"
            ? "none"
            : (SPECIAL[p.pointType]?.label ?? p.pointType.replaceAll("_", " ")),
        ]),
      }}
    />
  );
}

export function Stat({
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
