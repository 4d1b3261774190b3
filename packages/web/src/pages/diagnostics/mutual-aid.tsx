// The mutual-aid plan: which waiting patients to offer a test at another site so that the fewest
// in the network wait 6+ weeks by the end of the horizon, within the journey a patient may be
// asked to make; who gives, who gains, and each trust's share waiting 6+ weeks before and after.
import type { DiagnosticsMutualAidResponse } from "@bevan/client";
import { api } from "../../api.ts";
import { Chart } from "../../components/chart.tsx";
import { DataTable } from "../../components/data-table.tsx";
import { NHS } from "../../components/echarts.ts";
import { DisclosureNote } from "../../components/parts.tsx";
import { Async, Empty } from "../../components/states.tsx";
import { fmtInt, fmtPct } from "../../lib/format.ts";
import type { PageProps } from "../../page.ts";
import { navigate, withQuery } from "../../router.ts";
import { useData } from "../../use-data.ts";
import { DiagnosticsTabs, modalityName } from "./parts.tsx";

export function DiagnosticsMutualAidPage({ route }: PageProps) {
  const maxTravel = Number(route.query.get("maxTravel") ?? 45) || 45;
  const horizon = Number(route.query.get("horizon") ?? 4) || 4;
  const data = useData(() => api.diagnostics.mutualAid({ maxTravel, horizon }), [maxTravel, horizon]);
  return (
    <>
      <h1>Mutual aid</h1>
      <DiagnosticsTabs />
      <p className="nhsuk-body">
        Patients a site cannot see before they reach 6 weeks are offered a test at a site with spare capacity
        (what it has beyond its own demand and its own patients due) within the journey you set,
        longest-waiting first. The plan is an integer programme solved with HiGHS: most breaches avoided, then
        the least travel.
      </p>
      <form
        className="bevan-controls"
        aria-label="Mutual aid settings"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          navigate(
            withQuery({
              maxTravel: String(f.get("maxTravel") ?? 45),
              horizon: String(f.get("horizon") ?? 4),
            }),
          );
        }}
      >
        <div className="nhsuk-form-group bevan-inline-field">
          <label className="nhsuk-label" htmlFor="ma-travel">
            Longest journey (minutes)
          </label>
          <input
            id="ma-travel"
            name="maxTravel"
            className="nhsuk-input nhsuk-input--width-4"
            type="number"
            min={0}
            max={600}
            defaultValue={maxTravel}
          />
        </div>
        <div className="nhsuk-form-group bevan-inline-field">
          <label className="nhsuk-label" htmlFor="ma-horizon">
            Weeks to plan
          </label>
          <select id="ma-horizon" name="horizon" className="nhsuk-select" defaultValue={String(horizon)}>
            {[1, 2, 3, 4, 5, 6].map((h) => (
              <option key={h} value={String(h)}>
                {h}
              </option>
            ))}
          </select>
        </div>
        <div className="nhsuk-form-group bevan-inline-field">
          <button type="submit" className="nhsuk-button nhsuk-button--secondary">
            Plan mutual aid
          </button>
        </div>
      </form>
      <Async data={data} what="the mutual-aid plan">
        {(p) => <Plan p={p} />}
      </Async>
    </>
  );
}

function Plan({ p }: { p: DiagnosticsMutualAidResponse }) {
  return (
    <>
      <p className="nhsuk-body-l" data-testid="ma-summary">
        Over the next {p.horizonWeeks} weeks, with journeys up to {p.maxTravelMinutes} minutes:{" "}
        <strong>{fmtInt(p.breachesBefore)}</strong> patients would be waiting 6+ weeks without mutual aid,{" "}
        <strong>{fmtInt(p.breachesAfter)}</strong> with it.
      </p>
      <DisclosureNote disclosure={p.disclosure} />
      {p.transfers.length === 0 ? (
        <Empty>
          No transfer helps: no site with patients it cannot see in time has another site within reach with
          spare capacity.
        </Empty>
      ) : (
        <DataTable
          caption="Proposed transfers (the longest-waiting patients first)"
          rows={p.transfers}
          initialSort={{ id: "patients", desc: true }}
          columns={[
            { id: "from", header: "From", value: (t) => t.fromName },
            { id: "to", header: "To", value: (t) => t.toName },
            { id: "modality", header: "Modality", value: (t) => modalityName(t.modality) },
            {
              id: "patients",
              header: "Patients",
              value: (t) => t.patients,
              render: (t) => (t.patients === null ? "fewer than 5" : fmtInt(t.patients)),
              numeric: true,
            },
            { id: "minutes", header: "Journey (minutes)", value: (t) => t.minutes, numeric: true },
            {
              id: "waited",
              header: "Waited (weeks)",
              value: (t) =>
                t.waitedWeeks.min === t.waitedWeeks.max
                  ? `${t.waitedWeeks.min}`
                  : `${t.waitedWeeks.min}–${t.waitedWeeks.max}`,
            },
          ]}
        />
      )}
      <Chart
        title="Share waiting 6+ weeks at the horizon, before and after mutual aid, by trust"
        description={`Each trust's projected list in ${p.horizonWeeks} weeks: the share waiting 6 weeks or more without the transfers and with them.`}
        height={330}
        option={{
          tooltip: { trigger: "axis" },
          legend: { bottom: 0 },
          grid: { left: 60, right: 20, bottom: 90, top: 20 },
          xAxis: {
            type: "category",
            data: p.trusts.map((t) => t.name),
            // Every trust named, wrapped, rather than every other one dropped for want of room.
            axisLabel: { interval: 0, width: 170, overflow: "break", lineHeight: 16 },
          },
          yAxis: { type: "value", name: "% waiting 6+ weeks", nameLocation: "middle", nameGap: 45 },
          series: [
            {
              type: "bar",
              name: "Before",
              data: p.trusts.map((t) => +(100 * t.shareBefore).toFixed(1)),
              itemStyle: { color: NHS.orange },
            },
            {
              type: "bar",
              name: "After",
              data: p.trusts.map((t) => +(100 * t.shareAfter).toFixed(1)),
              itemStyle: { color: NHS.blue },
            },
          ],
        }}
        table={{
          header: [
            "Trust",
            "Gives",
            "Receives",
            "Waiting before",
            "% 6+ before",
            "Waiting after",
            "% 6+ after",
          ],
          rows: p.trusts.map((t) => [
            t.name,
            t.gives,
            t.receives,
            t.waitingBefore,
            fmtPct(t.shareBefore),
            t.waitingAfter,
            fmtPct(t.shareAfter),
          ]),
        }}
      />
      <DataTable
        caption="Who gives and who gains"
        rows={p.trusts}
        columns={[
          { id: "trust", header: "Trust", value: (t) => t.name },
          { id: "gives", header: "Patients offered elsewhere", value: (t) => t.gives, numeric: true },
          { id: "receives", header: "Patients taken in", value: (t) => t.receives, numeric: true },
          {
            id: "before",
            header: "% 6+ weeks before",
            value: (t) => t.shareBefore,
            render: (t) => fmtPct(t.shareBefore),
            numeric: true,
          },
          {
            id: "after",
            header: "% 6+ weeks after",
            value: (t) => t.shareAfter,
            render: (t) => fmtPct(t.shareAfter),
            numeric: true,
          },
        ]}
      />
    </>
  );
}
