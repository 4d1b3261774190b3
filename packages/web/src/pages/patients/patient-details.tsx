// The patient snapshot's details from GET /api/patients/:id: latest values, medicines issued in
// the last 12 months, risk scores (as natural frequencies with their tier) and the factors
// behind them, frailty, care gaps and the safety audits that flag the person. Shown as the
// API gives them; nothing is computed here beyond wording.
import type { PatientRecordResponse } from "@bevan/client";
import { DataTable } from "../../components/data-table.tsx";
import { ModelCardLink } from "../../components/model-card.tsx";
import { Empty } from "../../components/states.tsx";
import { inHundred, withCode, yesNo } from "../../lib/labels.ts";

type Details = PatientRecordResponse["details"];

function Summary({ rows }: { rows: readonly (readonly [string, React.ReactNode])[] }) {
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

const MODEL_NAMES: Record<string, string> = {
  emergency_admission: "Emergency admission",
  admission: "Emergency admission",
  death: "Death",
  mortality: "Death",
};
const BAND: Record<string, string> = {
  fit: "fit",
  mild: "mild frailty",
  moderate: "moderate frailty",
  severe: "severe frailty",
  low: "low risk",
  intermediate: "intermediate risk",
  high: "high risk",
};

export function PatientDetails({ d }: { d: Details }) {
  return (
    <div data-testid="patient-details">
      <div className="bevan-grid bevan-grid--2">
        <section>
          <h2>Care gaps</h2>
          {d.careGaps.length === 0 ? (
            <Empty>No care gaps found.</Empty>
          ) : (
            <ul className="nhsuk-list nhsuk-list--bullet" data-testid="care-gaps">
              {d.careGaps.map((g) => (
                <li key={g}>{g.charAt(0).toUpperCase() + g.slice(1)}</li>
              ))}
            </ul>
          )}
          <h2>Safety audits</h2>
          {d.safetyAudits.length === 0 ? (
            <Empty>Not flagged by any safety audit.</Empty>
          ) : (
            <ul className="nhsuk-list" data-testid="safety-audits">
              {d.safetyAudits.map((a) => (
                <li key={`${a.audit}-${a.detail}`} data-audit={a.audit}>
                  <strong className="nhsuk-tag nhsuk-tag--orange">{a.title}</strong> {a.detail}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section>
          <h2>Risk</h2>
          {d.risk === null ? (
            <Empty>No risk scores for this person.</Empty>
          ) : (
            <>
              <Summary
                rows={[
                  [
                    "Emergency admission in the next 12 months",
                    <span key="adm" data-testid="admission-risk">
                      {inHundred(d.risk.admissionRisk)} people like this are admitted{" "}
                      <strong className="nhsuk-tag nhsuk-tag--white">{d.risk.tierLabel} risk tier</strong>
                    </span>,
                  ],
                  ["Death in the next 12 months", `${inHundred(d.risk.mortalityRisk)} people like this`],
                  ["Bridges to Health segment", d.risk.segmentLabel],
                  ["Possibly in the last year of life", yesNo(d.risk.endOfLifeCandidate)],
                ]}
              />
              <ModelCardLink />
            </>
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
                    : `${d.frailty.efi.toFixed(2)} (${BAND[d.frailty.efiBand ?? ""] ?? "no band"})`,
                ],
                [
                  "Hospital Frailty Risk Score",
                  d.frailty.hfrs === null
                    ? "not known"
                    : `${d.frailty.hfrs.toFixed(1)} (${BAND[d.frailty.hfrsBand ?? ""] ?? "no band"})`,
                ],
                ["Long-term conditions", String(d.frailty.conditionCount)],
              ]}
            />
          )}
        </section>
      </div>
      {d.risk && d.risk.factors.length > 0 ? (
        <DataTable
          caption="What drives the risk scores (largest first within each model)"
          rows={d.risk.factors}
          columns={[
            { id: "model", header: "Risk of", value: (f) => MODEL_NAMES[f.model] ?? f.model },
            { id: "rank", header: "Rank", numeric: true, value: (f) => f.rank },
            { id: "feature", header: "Factor", value: (f) => f.label },
            {
              id: "contribution",
              header: "Effect on the odds",
              numeric: true,
              value: (f) => f.contribution,
              render: (f) =>
                `${f.contribution >= 0 ? "raises" : "lowers"} them ${Math.exp(Math.abs(f.contribution)).toFixed(1)}-fold`,
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
            { id: "term", header: "Measurement", value: (v) => withCode(v.term, v.code) },
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
          caption="Medicines issued in the last 12 months (dm+d)"
          rows={d.medicines}
          initialSort={{ id: "last", desc: true }}
          columns={[
            { id: "name", header: "Medicine", value: (m) => m.name },
            { id: "last", header: "Last issued", value: (m) => m.lastIssued },
            { id: "issues", header: "Issues (12 months)", numeric: true, value: (m) => m.issues12m },
          ]}
        />
      )}
    </div>
  );
}
