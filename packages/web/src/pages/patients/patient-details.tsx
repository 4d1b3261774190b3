// The patient snapshot's details from GET /api/patients/:id: latest values, medicines issued in
// the last 12 months, risk scores with their top factors, frailty, care gaps and the safety
// audits that flag the person. Shown as the API gives them; nothing is computed here.
import type { PatientRecordResponse } from "@bevan/client";
import { DataTable } from "../../components/data-table.tsx";
import { Empty } from "../../components/states.tsx";
import { fmtPct } from "../../lib/format.ts";

type Details = PatientRecordResponse["details"];

function Summary({ rows }: { rows: readonly (readonly [string, string])[] }) {
  return (
    <dl className="nhsuk-summary-list">
      {rows.map(([k, v]) => (
        <div key={k} className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">{k}</dt>
          <dd className="nhsuk-summary-list__value">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function PatientDetails({ d }: { d: Details }) {
  return (
    <div data-testid="patient-details">
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-half">
          <h2>Care gaps</h2>
          {d.careGaps.length === 0 ? (
            <Empty>No care gaps found.</Empty>
          ) : (
            <ul className="nhsuk-list nhsuk-list--bullet" data-testid="care-gaps">
              {d.careGaps.map((g) => (
                <li key={g}>{g}</li>
              ))}
            </ul>
          )}
          <h2>Safety audits</h2>
          {d.safetyAudits.length === 0 ? (
            <Empty>Not flagged by any safety audit.</Empty>
          ) : (
            <ul className="nhsuk-list" data-testid="safety-audits">
              {d.safetyAudits.map((a) => (
                <li key={`${a.audit}-${a.detail}`}>
                  <strong className="nhsuk-tag nhsuk-tag--orange">{a.audit}</strong> {a.detail}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="nhsuk-grid-column-one-half">
          <h2>Risk</h2>
          {d.risk === null ? (
            <Empty>No risk scores for this person.</Empty>
          ) : (
            <Summary
              rows={[
                [
                  "Emergency admission risk (12 months)",
                  `${fmtPct(d.risk.admissionRisk, 1)} (tier ${d.risk.tier})`,
                ],
                ["Mortality risk (12 months)", fmtPct(d.risk.mortalityRisk, 1)],
                ["Segment", d.risk.segment],
                ["End-of-life care candidate", d.risk.endOfLifeCandidate ? "Yes" : "No"],
              ]}
            />
          )}
          <h2>Frailty</h2>
          {d.frailty === null ? (
            <Empty>No frailty scores for this person.</Empty>
          ) : (
            <Summary
              rows={[
                [
                  "Electronic Frailty Index",
                  d.frailty.efi === null
                    ? "not known"
                    : `${d.frailty.efi.toFixed(2)} (${d.frailty.efiBand ?? "no band"})`,
                ],
                [
                  "Hospital Frailty Risk Score",
                  d.frailty.hfrs === null
                    ? "not known"
                    : `${d.frailty.hfrs.toFixed(1)} (${d.frailty.hfrsBand ?? "no band"})`,
                ],
                ["Long-term conditions", String(d.frailty.conditionCount)],
              ]}
            />
          )}
        </div>
      </div>
      {d.risk && d.risk.factors.length > 0 ? (
        <DataTable
          caption="Top factors behind the risk scores (largest contribution first within each model)"
          rows={d.risk.factors}
          columns={[
            { id: "model", header: "Model", value: (f) => f.model },
            { id: "rank", header: "Rank", numeric: true, value: (f) => f.rank },
            { id: "feature", header: "Factor", value: (f) => f.feature },
            {
              id: "contribution",
              header: "Contribution",
              numeric: true,
              value: (f) => f.contribution,
              render: (f) => `${f.contribution > 0 ? "+" : ""}${f.contribution.toFixed(3)}`,
            },
          ]}
        />
      ) : null}
      <h2>Latest values</h2>
      {d.latestValues.length === 0 ? (
        <Empty>No recorded measurements.</Empty>
      ) : (
        <DataTable
          caption="Latest recorded value of each measurement"
          rows={d.latestValues}
          initialSort={{ id: "date", desc: true }}
          columns={[
            { id: "term", header: "Measurement", value: (v) => v.term ?? v.code },
            { id: "code", header: "Code", value: (v) => v.code },
            {
              id: "value",
              header: "Value",
              numeric: true,
              value: (v) => v.value,
              render: (v) => `${v.value.toLocaleString("en-GB")}${v.unit ? ` ${v.unit}` : ""}`,
            },
            { id: "date", header: "Date", value: (v) => v.date },
          ]}
        />
      )}
      <h2>Medicines (issued in the last 12 months)</h2>
      {d.medicines.length === 0 ? (
        <Empty>No medicines issued in the last 12 months.</Empty>
      ) : (
        <DataTable
          caption="Medicines issued in the last 12 months"
          rows={d.medicines}
          initialSort={{ id: "last", desc: true }}
          columns={[
            { id: "name", header: "Medicine", value: (m) => m.name },
            { id: "code", header: "Code", value: (m) => m.code },
            { id: "last", header: "Last issued", value: (m) => m.lastIssued },
            { id: "issues", header: "Issues (12 months)", numeric: true, value: (m) => m.issues12m },
          ]}
        />
      )}
    </div>
  );
}
