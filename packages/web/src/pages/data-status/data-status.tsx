// Data status: the last load, table row counts (bookkeeping, not patient data), what ingest
// quarantined, and the build's data-quality summary.
import { api } from "../../api.ts";
import { DataTable } from "../../components/data-table.tsx";
import { Async, Empty } from "../../components/states.tsx";
import { fmtInt } from "../../lib/format.ts";
import type { PageProps } from "../../page.ts";
import { useData } from "../../use-data.ts";

export function DataStatusPage(_props: PageProps) {
  const status = useData(() => api.dataStatus(), []);
  return (
    <>
      <h1>Data status</h1>
      <Async data={status} what="data status">
        {(d) => (
          <>
            <h2>Last load</h2>
            <dl className="nhsuk-summary-list">
              {(
                [
                  ["Loaded at", d.lastLoad.at ?? "not recorded"],
                  ["Extract date", d.lastLoad.extractDate ?? "not recorded"],
                  ["Files", d.lastLoad.files === null ? "not recorded" : fmtInt(d.lastLoad.files)],
                  [
                    "Rows loaded",
                    d.lastLoad.rowsLoaded === null ? "not recorded" : fmtInt(d.lastLoad.rowsLoaded),
                  ],
                  ["Rows quarantined", fmtInt(d.lastLoad.rowsQuarantined)],
                  ...Object.entries(d.dataQuality.build).map(
                    ([k, v]) => [`Build: ${k.replace(/_/g, " ")}`, v] as const,
                  ),
                ] as const
              ).map(([k, v]) => (
                <div key={k} className="nhsuk-summary-list__row">
                  <dt className="nhsuk-summary-list__key">{k}</dt>
                  <dd className="nhsuk-summary-list__value">{v}</dd>
                </div>
              ))}
            </dl>
            <h2>Quarantine</h2>
            {d.quarantine.length === 0 ? (
              <Empty>No input rows were quarantined: everything loaded.</Empty>
            ) : (
              <DataTable
                caption="Input rows not loaded, by source and reason"
                rows={d.quarantine}
                initialSort={{ id: "rows", desc: true }}
                columns={[
                  { id: "source", header: "Source", value: (q) => q.source },
                  { id: "reason", header: "Reason", value: (q) => q.reason },
                  {
                    id: "rows",
                    header: "Rows",
                    numeric: true,
                    value: (q) => q.rows,
                    render: (q) => fmtInt(q.rows),
                  },
                ]}
              />
            )}
            <h2>Opt-outs</h2>
            <p className="nhsuk-body" data-testid="opt-outs">
              {fmtInt(d.optOuts.either)} people have opted out of the use of their data beyond their own care
              ({fmtInt(d.optOuts.type1)} with a type 1 opt-out, {fmtInt(d.optOuts.national)} with the National
              Data Opt-out). They are left out of every figure, list and model used for planning; clinicians
              and care coordinators still see them for their care.
            </p>
            <h2>Warehouse tables</h2>
            <DataTable
              caption="Rows in each warehouse table"
              rows={d.tables}
              columns={[
                { id: "name", header: "Table", value: (t) => t.name },
                {
                  id: "rows",
                  header: "Rows",
                  numeric: true,
                  value: (t) => t.rows,
                  render: (t) => fmtInt(t.rows),
                },
              ]}
            />
          </>
        )}
      </Async>
    </>
  );
}
