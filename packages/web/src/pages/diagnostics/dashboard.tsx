// Performance against the 6-week standard for the network, a trust, a site or a modality:
// headline figures, XmR charts of the share waiting 6+ weeks (monthly and weekly) with Making
// Data Count icons against the 1% standard and an interim target, the list size, waits by
// completed weeks, activity against demand, the units below (with their icons, to drill down),
// the queue formulas for the list, and published DM01 returns for the trusts.
import type { DiagnosticsDashboardResponse } from "@bevan/client";
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
import {
  AssuranceIcon,
  DiagnosticsTabs,
  IconLegend,
  MODALITIES,
  SpcChart,
  Stat,
  VariationIcon,
} from "./parts.tsx";

type Dash = DiagnosticsDashboardResponse;

const INTERIMS = [0.05, 0.1, 0.15];

export function DiagnosticsDashboardPage({ route }: PageProps) {
  const trust = route.query.get("trust") ?? undefined;
  const site = route.query.get("site") ?? undefined;
  const modality = route.query.get("modality") ?? undefined;
  const interim = Number(route.query.get("interim") ?? 0.05) || 0.05;
  const data = useData(
    () =>
      api.diagnostics.dashboard({
        ...(trust ? { trust } : {}),
        ...(site ? { site } : {}),
        ...(modality ? { modality } : {}),
        interim,
      }),
    [trust, site, modality, interim],
  );
  return (
    <>
      <h1>Diagnostic imaging</h1>
      <DiagnosticsTabs />
      <p className="nhsuk-body">
        Patients waiting for an imaging test, against the national standard that fewer than 1 in 100 wait 6
        weeks or more from referral (DM01: MRI, CT, non-obstetric ultrasound, DEXA and barium enema; planned
        tests are left out). Choose a trust, site or modality to drill down.
      </p>
      <div className="bevan-controls">
        <div className="nhsuk-form-group bevan-inline-field">
          <label className="nhsuk-label" htmlFor="dx-modality">
            Modality
          </label>
          <select
            id="dx-modality"
            className="nhsuk-select"
            value={modality ?? ""}
            onChange={(e) => navigate(withQuery({ modality: e.target.value || undefined }))}
          >
            <option value="">All DM01 imaging tests</option>
            {MODALITIES.filter((m) => m.code !== "CR").map((m) => (
              <option key={m.code} value={m.code}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        <div className="nhsuk-form-group bevan-inline-field">
          <label className="nhsuk-label" htmlFor="dx-interim">
            Interim target
          </label>
          <select
            id="dx-interim"
            className="nhsuk-select"
            value={String(interim)}
            onChange={(e) => navigate(withQuery({ interim: e.target.value }))}
          >
            {INTERIMS.map((t) => (
              <option key={t} value={String(t)}>
                {Math.round(t * 100)} in 100 waiting 6+ weeks
              </option>
            ))}
          </select>
        </div>
      </div>
      {trust || site ? (
        <p className="nhsuk-body">
          <a
            href={withQuery({ trust: undefined, site: undefined })}
            onClick={(e) => {
              e.preventDefault();
              navigate(withQuery({ trust: undefined, site: undefined }));
            }}
          >
            Back to the whole network
          </a>
          {site && trust ? (
            <>
              {" · "}
              <a
                href={withQuery({ site: undefined })}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(withQuery({ site: undefined }));
                }}
              >
                Back to the trust
              </a>
            </>
          ) : null}
        </p>
      ) : null}
      <Async data={data} what="the imaging dashboard">
        {(d) => <Dashboard d={d} />}
      </Async>
    </>
  );
}

function Dashboard({ d }: { d: Dash }) {
  const last = d.months.at(-1);
  const standardNote = (share: number | null) =>
    share === null
      ? ""
      : share <= d.standard
        ? "meets the 1% standard"
        : share <= d.interimTarget
          ? "meets the interim target, not the standard"
          : "misses the interim target";
  return (
    <>
      <h2 data-testid="dx-unit">{d.unit.name}</h2>
      <p className="nhsuk-body-s">
        Census at the end of {monthName(last?.month)}; data to {d.asOf}.
      </p>
      <div className="bevan-cards bevan-cards--row">
        <Stat label="Waiting" value={fmtCount(last?.waiting)} testId="dx-waiting" />
        <Stat
          label="Waiting 6 weeks or more"
          value={last?.share === null || last?.share === undefined ? "–" : `${fmtPct(last.share)}`}
          note={`${fmtCount(last?.over6)} patients; ${standardNote(last?.share ?? null)}`}
          testId="dx-share"
        />
        <Stat label="Waiting 13 weeks or more" value={fmtCount(last?.over13)} />
        <Stat
          label="Median and 92nd centile wait"
          value={
            last?.medianWeeks === null || last?.medianWeeks === undefined ? "–" : `${last.medianWeeks} wks`
          }
          note={
            last?.p92Weeks === null || last?.p92Weeks === undefined
              ? "not shown for lists under 20"
              : `92nd centile ${last.p92Weeks} weeks`
          }
        />
      </div>
      <DisclosureNote disclosure={d.disclosure} />
      <IconLegend spc={d.spc.share} interim={d.interimTarget} />
      {d.spc.share ? (
        <SpcChart
          title={`Share waiting 6+ weeks by month: ${d.unit.name}`}
          description={`Percentage of the waiting list waiting 6 weeks or more at each month end, as an XmR chart (mean ± 2.66 × average moving range); lower is better. Dashed lines: the 1% standard and the interim target of ${fmtPct(d.interimTarget, 0)}.`}
          spc={d.spc.share}
          percent
          unit="% waiting 6+ weeks"
          targets={[
            { label: "1% standard", value: d.standard, color: NHS.green },
            {
              label: `Interim target (${fmtPct(d.interimTarget, 0)})`,
              value: d.interimTarget,
              color: NHS.purple,
            },
          ]}
        />
      ) : (
        <Empty>{d.spcNote ?? "No chart for this list."}</Empty>
      )}
      {d.spc.weeklyShare ? (
        <SpcChart
          title={`Share waiting 6+ weeks by week: ${d.unit.name}`}
          description="The same measure at each Sunday over the last 26 weeks (XmR chart)."
          spc={d.spc.weeklyShare}
          percent
          unit="% waiting 6+ weeks"
          targets={[{ label: "1% standard", value: d.standard, color: NHS.green }]}
        />
      ) : null}
      {d.spc.waiting ? (
        <SpcChart
          title={`Patients waiting by month: ${d.unit.name}`}
          description="The waiting list at each month end (XmR chart)."
          spc={d.spc.waiting}
          percent={false}
          unit="patients waiting"
        />
      ) : null}
      <Children d={d} />
      <Distribution d={d} />
      <Activity d={d} />
      <Plan d={d} />
      <Published d={d} />
    </>
  );
}

function monthName(m: string | undefined): string {
  if (!m) return "–";
  return new Date(`${m}-01T00:00:00Z`).toLocaleDateString("en-GB", {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}

function Children({ d }: { d: Dash }) {
  if (d.children.length === 0) return null;
  const go = (c: Dash["children"][number]) =>
    withQuery({
      trust: c.trust ?? d.unit.trust ?? undefined,
      site: c.site ?? d.unit.site ?? undefined,
      modality: c.modality ?? d.unit.modality ?? undefined,
    });
  const kinds = [...new Set(d.children.map((c) => c.kind))];
  return (
    <>
      {kinds.map((kind) => (
        <DataTable
          key={kind}
          caption={`${kind === "trust" ? "Trusts" : kind === "site" ? "Sites" : "Modalities"} at the latest census (icons: variation, then assurance against the 1% standard and the interim target)`}
          rows={d.children.filter((c) => c.kind === kind)}
          initialSort={{ id: "share", desc: true }}
          columns={[
            {
              id: "name",
              header: kind === "modality" ? "Modality" : kind === "site" ? "Site" : "Trust",
              value: (c) => c.name,
              render: (c) => (
                <a
                  href={go(c)}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(go(c));
                  }}
                >
                  {c.name}
                </a>
              ),
            },
            {
              id: "waiting",
              header: "Waiting",
              value: (c) => countValue(c.waiting),
              render: (c) => fmtCount(c.waiting),
              numeric: true,
            },
            {
              id: "over6",
              header: "6+ weeks",
              value: (c) => countValue(c.over6),
              render: (c) => fmtCount(c.over6),
              numeric: true,
            },
            {
              id: "share",
              header: "% 6+ weeks",
              value: (c) => c.share,
              render: (c) => fmtPct(c.share),
              numeric: true,
            },
            {
              id: "over13",
              header: "13+ weeks",
              value: (c) => countValue(c.over13),
              render: (c) => fmtCount(c.over13),
              numeric: true,
            },
            { id: "median", header: "Median wait (weeks)", value: (c) => c.medianWeeks, numeric: true },
            {
              id: "icons",
              header: "SPC",
              value: (c) => c.variation,
              render: (c) => (
                <span className="bevan-icons">
                  <VariationIcon code={c.variation} />{" "}
                  <AssuranceIcon code={c.assuranceStandard} target="the 1% standard" />{" "}
                  <AssuranceIcon
                    code={c.assuranceInterim}
                    target={`the interim target of ${fmtPct(d.interimTarget, 0)}`}
                  />
                </span>
              ),
            },
          ]}
        />
      ))}
    </>
  );
}

function Distribution({ d }: { d: Dash }) {
  return (
    <Chart
      title={`Waiting by completed weeks: ${d.unit.name}`}
      description="Patients waiting at the latest month end by the whole weeks they had waited; bars from 6 weeks on are breaches of the standard."
      height={300}
      option={{
        tooltip: { trigger: "axis" },
        grid: { left: 60, right: 20, bottom: 60, top: 20 },
        xAxis: { type: "category", data: d.distribution.map((b) => b.band), axisLabel: { rotate: 30 } },
        yAxis: { type: "value", name: "patients", nameLocation: "middle", nameGap: 45 },
        series: [
          {
            type: "bar",
            name: "Patients waiting",
            data: d.distribution.map((b, i) => ({
              value: countValue(b.count),
              itemStyle: { color: i >= 6 ? NHS.orange : NHS.blue },
            })),
          },
        ],
      }}
      table={{
        header: ["Completed weeks", "Patients waiting"],
        rows: d.distribution.map((b) => [b.band, fmtCount(b.count)]),
      }}
    />
  );
}

function Activity({ d }: { d: Dash }) {
  const months = d.months.filter((m) => m.requests !== null);
  if (months.length === 0) return null;
  return (
    <Chart
      title={`Activity against demand by month: ${d.unit.name}`}
      description="Requests joining the list (GP direct access and outpatients, not planned) and tests done for them each month. When tests fall short of requests the list grows."
      height={300}
      option={{
        tooltip: { trigger: "axis" },
        legend: { bottom: 0 },
        grid: { left: 60, right: 20, bottom: 60, top: 20 },
        xAxis: { type: "category", data: months.map((m) => m.month) },
        yAxis: { type: "value", name: "per month", nameLocation: "middle", nameGap: 45 },
        series: [
          {
            type: "line",
            name: "Requests (demand)",
            data: months.map((m) => countValue(m.requests)),
            itemStyle: { color: NHS.orange },
          },
          {
            type: "line",
            name: "Tests done (activity)",
            data: months.map((m) => countValue(m.tests)),
            itemStyle: { color: NHS.blue },
          },
        ],
      }}
      table={{
        header: ["Month", "Requests", "Tests done"],
        rows: months.map((m) => [m.month, fmtCount(m.requests), fmtCount(m.tests)]),
      }}
    />
  );
}

function Plan({ d }: { d: Dash }) {
  const p = d.plan;
  if (!p) return null;
  return (
    <>
      <h2>What it would take (queue formulas)</h2>
      <p className="nhsuk-body">
        From the last 13 weeks: {fmtInt(Math.round(p.demandPerWeek))} patients a week join the list and about{" "}
        {fmtInt(Math.round(p.capacityPerWeek))} tests a week are available to them (load {p.load.toFixed(2)}:
        above 1 the list grows).
      </p>
      <dl className="nhsuk-summary-list" data-testid="dx-plan">
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">List size that keeps 99 in 100 under 6 weeks</dt>
          <dd className="nhsuk-summary-list__value">{fmtInt(p.targetListSize)} patients</dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Capacity to hold it there</dt>
          <dd className="nhsuk-summary-list__value">{p.targetCapacityPerWeek} tests a week</dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Capacity to get there in {p.clearWeeks} weeks</dt>
          <dd className="nhsuk-summary-list__value">{p.reliefCapacityPerWeek} tests a week</dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">At today's capacity</dt>
          <dd className="nhsuk-summary-list__value">
            {p.weeksToTargetAtCurrentCapacity === null
              ? "the list does not come down"
              : p.weeksToTargetAtCurrentCapacity === 0
                ? "already at or below the target size"
                : `about ${p.weeksToTargetAtCurrentCapacity} weeks to reach the target size`}
          </dd>
        </div>
      </dl>
    </>
  );
}

function Published({ d }: { d: Dash }) {
  const rows = d.published.filter((r) => r.share6Plus !== null);
  if (rows.length === 0) return null;
  return (
    <DataTable
      caption="Published DM01 returns for these trusts (NHS England provider files; percentages as published)"
      rows={rows}
      initialSort={{ id: "period", desc: true }}
      columns={[
        { id: "period", header: "Month", value: (r) => r.period },
        { id: "name", header: "Provider", value: (r) => r.providerName },
        {
          id: "total",
          header: "Waiting",
          value: (r) => r.waitingTotal,
          render: (r) => fmtInt(r.waitingTotal),
          numeric: true,
        },
        {
          id: "share",
          header: "% 6+ weeks",
          value: (r) => r.share6Plus,
          render: (r) => fmtPct(r.share6Plus),
          numeric: true,
        },
      ]}
    />
  );
}
