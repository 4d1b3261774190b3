// The patient view, for direct-care roles and their own patients: a one-page snapshot (with its
// details: care gaps, safety audits, risk, frailty, latest values, medicines) and a timeline of
// contacts. Opening it is audited by the API. Other roles are told why they
// cannot see it, and the record is not requested.
import { api } from "../../api.ts";
import { DataTable } from "../../components/data-table.tsx";
import { Async, Empty } from "../../components/states.tsx";
import { SETTING_NAMES, sexName, withCode, yesNo } from "../../lib/labels.ts";
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
  const registers = useData(() => api.registers(), []);
  const registerName = (code: string) =>
    registers.state === "ok" ? (registers.data.registers.find((r) => r.code === code)?.name ?? code) : code;
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
                ["Age", `${r.snapshot.age} (age band ${r.snapshot.ageBand})`],
                ["Sex", sexName(r.snapshot.sex)],
                ["Ethnic group", r.snapshot.ethnicityGroup],
                [
                  "Deprivation of home area",
                  r.snapshot.imdQuintile === null
                    ? "not known"
                    : `IMD quintile ${r.snapshot.imdQuintile}${r.snapshot.imdQuintile === 1 ? " (most deprived 20% in England)" : r.snapshot.imdQuintile === 5 ? " (least deprived 20%)" : ""}`,
                ],
                ["Practice", withCode(r.snapshot.practiceName, r.snapshot.practiceCode)],
                [
                  "Primary care network",
                  r.snapshot.pcnCode ? withCode(r.snapshot.pcnName, r.snapshot.pcnCode) : "none",
                ],
                ["Lives in a care home", yesNo(r.snapshot.careHome)],
                ["Learning disability", yesNo(r.snapshot.learningDisability)],
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
                  <strong className="nhsuk-tag nhsuk-tag--blue">{registerName(g.register)}</strong> since{" "}
                  {g.firstDate}
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
                { id: "kind", header: "Where", value: (e) => SETTING_NAMES[e.kind] ?? e.kind },
                {
                  id: "what",
                  header: "What",
                  value: (e) => e.term ?? e.code ?? "",
                  render: (e) => (
                    <>
                      {e.term ?? (e.code ? `Code ${e.code} (no description held)` : "–")}
                      {e.term && e.code ? <span className="bevan-code"> {e.code}</span> : null}
                    </>
                  ),
                },
                { id: "detail", header: "Detail", value: (e) => e.detail },
              ]}
            />
          )}
        </>
      )}
    </Async>
  );
}
