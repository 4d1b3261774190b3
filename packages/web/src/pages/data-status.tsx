// Data status: the build's bookkeeping (as-of date, when it ran) and what ingest quarantined.
import { api } from "../api.ts";
import type { PageProps } from "../app.tsx";
import { DataTable } from "../components/data-table.tsx";
import { Async, Empty } from "../components/states.tsx";
import { can } from "../session.tsx";
import { useData } from "../use-data.ts";

export function DataStatusPage({ me }: PageProps) {
  const allowed = can(me, "data-quality:read");
  const dq = useData(() => (allowed ? api.dataQuality() : Promise.resolve(null)), [allowed]);
  if (!allowed)
    return (
      <>
        <h1>Data status</h1>
        <Empty>Data status is for analysts and administrators.</Empty>
      </>
    );
  return (
    <>
      <h1>Data status</h1>
      <Async data={dq} what="data status">
        {(d) =>
          d && (
            <>
              <h2>Last build</h2>
              <dl className="nhsuk-summary-list">
                {Object.entries(d.build).map(([k, v]) => (
                  <div key={k} className="nhsuk-summary-list__row">
                    <dt className="nhsuk-summary-list__key">{k.replace(/_/g, " ")}</dt>
                    <dd className="nhsuk-summary-list__value">{v}</dd>
                  </div>
                ))}
              </dl>
              <h2>Quarantine</h2>
              {d.quarantine.length === 0 ? (
                <Empty>No input rows were quarantined: everything loaded.</Empty>
              ) : (
                <DataTable
                  caption="Input rows not loaded, by file and reason"
                  rows={d.quarantine}
                  initialSort={{ id: "rows", desc: true }}
                  columns={[
                    { id: "file", header: "File", value: (q) => q.file },
                    { id: "reason", header: "Reason", value: (q) => q.reasonCode },
                    { id: "rows", header: "Rows", numeric: true, value: (q) => q.rows },
                  ]}
                />
              )}
            </>
          )
        }
      </Async>
    </>
  );
}
