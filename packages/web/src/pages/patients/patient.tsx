// The patient view, for direct-care roles and their own patients: a one-page snapshot (with its
// details: care gaps, safety audits, risk, frailty, latest values, medicines) and a timeline of
// contacts. Opening it is audited by the API. Other roles are told why they
// cannot see it, and the record is not requested.
import { api } from "../../api.ts";
import { DataTable } from "../../components/data-table.tsx";
import { Async, Empty } from "../../components/states.tsx";
import type { PageProps } from "../../page.ts";
import { useData } from "../../use-data.ts";
import { PatientDetails } from "./patient-details.tsx";

export function PatientPage({ me, personId }: PageProps & { personId: string }) {
  if (!me.role.directCare)
    return (
      <>
        <h1>Patient record</h1>
        <div className="nhsuk-warning-callout" data-testid="patient-refused">
          <h2 className="nhsuk-warning-callout__label">
            <span>
              <span className="nhsuk-u-visually-hidden">Important: </span>Not available to your role
            </span>
          </h2>
          <p>
            The patient view is for direct-care roles (clinicians and care coordinators) and their own
            patients. As {me.role.name.startsWith("A") || me.role.name.startsWith("I") ? "an" : "a"}{" "}
            {me.role.name} you can work with pseudonymous cohorts and aggregates instead.
          </p>
        </div>
      </>
    );
  return <PatientRecord personId={personId} />;
}

function PatientRecord({ personId }: { personId: string }) {
  const record = useData(() => api.patient(personId, { timelineLimit: 500 }), [personId]);
  return (
    <Async data={record} what="the patient record">
      {(r) => (
        <>
          <span className="nhsuk-caption-l">Patient record</span>
          <h1 data-testid="patient-heading">
            {r.identity === "identified"
              ? `NHS number ${r.nhsNumber ?? "not known"}`
              : `Person ${r.snapshot.personId}`}
          </h1>
          <p className="nhsuk-body-s">Opening this record was recorded in the audit trail.</p>
          <h2>Snapshot</h2>
          <dl className="nhsuk-summary-list">
            {(
              [
                ["Age", `${r.snapshot.age} (${r.snapshot.ageBand})`],
                ["Sex", r.snapshot.sex],
                ["Ethnicity", r.snapshot.ethnicityGroup],
                [
                  "Deprivation (IMD quintile)",
                  r.snapshot.imdQuintile === null ? "not known" : String(r.snapshot.imdQuintile),
                ],
                ["Practice", r.snapshot.practiceCode],
                ["PCN", r.snapshot.pcnCode ?? "none"],
                ["Care home", r.snapshot.careHome ? "Yes" : "No"],
                ["Learning disability", r.snapshot.learningDisability ? "Yes" : "No"],
              ] as const
            ).map(([k, v]) => (
              <div key={k} className="nhsuk-summary-list__row">
                <dt className="nhsuk-summary-list__key">{k}</dt>
                <dd className="nhsuk-summary-list__value">{v}</dd>
              </div>
            ))}
          </dl>
          <h2>Registers</h2>
          {r.snapshot.registers.length === 0 ? (
            <Empty>Not on any long-term condition register.</Empty>
          ) : (
            <ul className="bevan-tags">
              {r.snapshot.registers.map((g) => (
                <li key={g.register}>
                  <strong className="nhsuk-tag nhsuk-tag--blue">{g.register}</strong> since {g.firstDate}
                </li>
              ))}
            </ul>
          )}
          <PatientDetails d={r.details} />
          <h2>Timeline</h2>
          {r.timelineTruncated ? (
            <p className="nhsuk-body-s" data-testid="timeline-truncated">
              Only the newest {r.timeline.length} contacts are shown; older ones are not listed here.
            </p>
          ) : null}
          {r.timeline.length === 0 ? (
            <Empty>No recorded contacts.</Empty>
          ) : (
            <DataTable
              caption={`Contacts, newest first (${r.timeline.length} shown)`}
              rows={r.timeline}
              initialSort={{ id: "date", desc: true }}
              columns={[
                { id: "date", header: "Date", value: (e) => e.date },
                { id: "kind", header: "Setting", value: (e) => e.kind },
                { id: "code", header: "Code", value: (e) => e.code },
                { id: "detail", header: "Detail", value: (e) => e.detail },
              ]}
            />
          )}
        </>
      )}
    </Async>
  );
}
