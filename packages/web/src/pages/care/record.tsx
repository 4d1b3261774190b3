// A person's care coordination record: where they are on the pathway (week, checklist, what
// is late), the moves open to the coordinator (accept, next stage, discharge with monitoring,
// close, re-refer), consent, the one shared care plan, its versions and the history. Opening
// the record is one audited read of the plan; every change is audited by the API.
import { ApiError, type CareRecordResponse, type EpisodeView } from "@bevan/client";
import { useState } from "react";
import { api } from "../../api.ts";
import { Async } from "../../components/states.tsx";
import type { PageProps } from "../../page.ts";
import { navigate, pageHref } from "../../router.ts";
import { can } from "../../session.tsx";
import { useData } from "../../use-data.ts";
import { Outcomes } from "./outcomes.tsx";
import { PlanEditor } from "./plan-editor.tsx";
import { EVENT_NAMES, fmtDate, fmtDateTime, personLabel, STAGE_SHORT, STATUS_NAMES } from "./words.ts";

type Change = "move" | "consent" | "checklist" | "assign" | "monitoring" | "re-refer";

function Episode({
  ep,
  canWrite,
  onChanged,
  meName,
}: {
  ep: EpisodeView;
  canWrite: boolean;
  /** With the episode as it is now after a change; without, the record is reloaded. */
  onChanged: (next?: EpisodeView) => void;
  meName: string;
}) {
  const [problem, setProblem] = useState<{ text: string; missing: readonly string[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [closeReason, setCloseReason] = useState("");
  const [note, setNote] = useState("");
  const change = async (what: Change, body: Record<string, unknown>) => {
    setBusy(true);
    setProblem(null);
    try {
      const next = await api.care.change(ep.id, what, { version: ep.version, ...body });
      // Re-referral opens a new episode: reload the record; otherwise just this episode changes
      // (the plan being edited below is left as it is).
      if (what === "re-refer") onChanged();
      else onChanged(next);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409)
        setProblem({ text: `${e.message}. The record below has been reloaded.`, missing: [] });
      else if (e instanceof ApiError)
        setProblem({ text: e.message, missing: e.issues.map((i) => i.message) });
      else setProblem({ text: "That did not work: try again.", missing: [] });
      if (e instanceof ApiError && e.status === 409) onChanged();
    } finally {
      setBusy(false);
    }
  };
  const next = ep.stage === "red" ? "amber" : ep.stage === "amber" ? "green" : null;
  return (
    <section aria-labelledby="episode-heading">
      <h2 id="episode-heading">
        {ep.status === "active" && ep.stage ? (
          <>
            <span className={`bevan-stage bevan-stage--${ep.stage}`} data-testid="care-stage">
              {STAGE_SHORT[ep.stage]}
            </span>{" "}
            week {ep.week} of 13
          </>
        ) : (
          <span data-testid="care-stage">{STATUS_NAMES[ep.status]}</span>
        )}
      </h2>
      <dl className="nhsuk-summary-list">
        {(
          [
            ["Referred", `${fmtDate(ep.referredAt)}: ${ep.reason}`],
            ["Consent to care coordination", ep.consentName],
            ["Coordinator", ep.coordinator?.name ?? "Not assigned"],
            ...(ep.pathwayStart ? [["On the pathway since", fmtDate(ep.pathwayStart)]] : []),
            ...(ep.nextMonitoring ? [["Next monitoring contact", fmtDate(ep.nextMonitoring)]] : []),
          ] as [string, string][]
        ).map(([k, v]) => (
          <div key={k} className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">{k}</dt>
            <dd className="nhsuk-summary-list__value">{v}</dd>
          </div>
        ))}
      </dl>
      {ep.alerts.length > 0 && (
        <div className="nhsuk-warning-callout">
          <h3 className="nhsuk-warning-callout__label">
            <span>
              <span className="nhsuk-u-visually-hidden">Important: </span>Overdue
            </span>
          </h3>
          <ul>
            {ep.alerts.map((a) => (
              <li key={`${a.kind}-${a.message}`}>{a.message}</li>
            ))}
          </ul>
        </div>
      )}
      {problem && (
        <div className="nhsuk-error-summary" role="alert" data-testid="care-problem">
          <h3 className="nhsuk-error-summary__title">{problem.text}</h3>
          {problem.missing.length > 0 && (
            <div className="nhsuk-error-summary__body">
              <p>Still to do:</p>
              <ul>
                {problem.missing.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
      {ep.stage && ep.checklist.length > 0 && (
        <fieldset className="nhsuk-fieldset" aria-describedby="checklist-hint">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
            {STAGE_SHORT[ep.stage]} checklist
          </legend>
          <p id="checklist-hint" className="nhsuk-hint">
            All done is what the next step needs. Items marked "from the record" tick themselves.
          </p>
          <div className="nhsuk-checkboxes">
            {ep.checklist.map((item) => (
              <div key={item.id} className="nhsuk-checkboxes__item">
                <input
                  className="nhsuk-checkboxes__input"
                  id={`check-${item.id}`}
                  type="checkbox"
                  checked={item.done}
                  disabled={!canWrite || item.derived || busy}
                  onChange={(e) =>
                    void change("checklist", { stage: ep.stage, item: item.id, done: e.target.checked })
                  }
                />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`check-${item.id}`}>
                  {item.label}
                  {item.derived ? " (from the record)" : ""}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      )}
      {canWrite && (
        <div className="bevan-buttons">
          {ep.status !== "closed" && ep.consent !== "given" && (
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary"
              disabled={busy}
              onClick={() => void change("consent", { consent: "given" })}
            >
              Record consent given
            </button>
          )}
          {ep.status !== "closed" && (
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary"
              disabled={busy}
              onClick={() =>
                void change("consent", { consent: ep.consent === "given" ? "withdrawn" : "declined" })
              }
            >
              {ep.consent === "given" ? "Record consent withdrawn" : "Record consent declined"}
            </button>
          )}
          {ep.status !== "closed" && ep.coordinator?.name !== meName && (
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary"
              disabled={busy}
              onClick={() => void change("assign", { coordinatorId: "me" })}
            >
              Assign to me
            </button>
          )}
          {ep.status === "triage" && (
            <button
              type="button"
              className="nhsuk-button"
              disabled={busy}
              onClick={() => void change("move", { move: "accept" })}
            >
              Accept onto the pathway (red)
            </button>
          )}
          {ep.status === "active" && next && (
            <button
              type="button"
              className="nhsuk-button"
              disabled={busy}
              onClick={() => void change("move", { move: "advance" })}
            >
              Move to {next}
            </button>
          )}
          {ep.status === "active" && ep.stage === "green" && (
            <button
              type="button"
              className="nhsuk-button"
              disabled={busy}
              onClick={() => void change("move", { move: "discharge" })}
            >
              Discharge with 3-monthly monitoring
            </button>
          )}
        </div>
      )}
      {canWrite && ep.status === "monitoring" && (
        <form
          className="bevan-controls"
          onSubmit={(e) => {
            e.preventDefault();
            if (note.trim()) void change("monitoring", { note: note.trim() });
          }}
        >
          <div className="nhsuk-form-group bevan-inline-field">
            <label className="nhsuk-label" htmlFor="monitoring-note">
              Monitoring contact: what was found
            </label>
            <input
              id="monitoring-note"
              className="nhsuk-input nhsuk-input--width-30"
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          </div>
          <button
            type="submit"
            className="nhsuk-button nhsuk-button--secondary bevan-small-button"
            disabled={busy}
          >
            Record the contact
          </button>
        </form>
      )}
      {canWrite && (ep.status === "monitoring" || ep.status === "closed") && (
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary"
          disabled={busy}
          onClick={() => void change("re-refer", { reason: "Re-referred: needs have changed" })}
        >
          Re-refer onto the pathway
        </button>
      )}
      {canWrite && ep.status !== "closed" && (
        <form
          className="bevan-controls"
          onSubmit={(e) => {
            e.preventDefault();
            if (closeReason.trim()) void change("move", { move: "close", reason: closeReason.trim() });
          }}
        >
          <div className="nhsuk-form-group bevan-inline-field">
            <label className="nhsuk-label" htmlFor="close-reason">
              Close the episode: why
            </label>
            <input
              id="close-reason"
              className="nhsuk-input nhsuk-input--width-20"
              value={closeReason}
              onChange={(e) => setCloseReason(e.target.value)}
            />
          </div>
          <button
            type="submit"
            className="nhsuk-button nhsuk-button--warning bevan-small-button"
            disabled={busy || !closeReason.trim()}
          >
            Close
          </button>
        </form>
      )}
    </section>
  );
}

function Refer({ personId, onDone }: { personId: string; onDone: () => void }) {
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      className="bevan-controls"
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          await api.care.refer({ personId, reason, source: "patient-view" });
          onDone();
        } catch (err) {
          setProblem(err instanceof ApiError ? err.message : "The referral did not go through: try again.");
        }
      }}
    >
      {problem && <p className="nhsuk-error-message">{problem}</p>}
      <div className="nhsuk-form-group bevan-inline-field">
        <label className="nhsuk-label" htmlFor="refer-reason">
          Why refer them for care coordination
        </label>
        <input
          id="refer-reason"
          className="nhsuk-input nhsuk-input--width-30"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      <button type="submit" className="nhsuk-button bevan-small-button" disabled={!reason.trim()}>
        Add to the caseload
      </button>
    </form>
  );
}

function Record({
  r,
  canWrite,
  meName,
  reload,
  query,
}: {
  r: CareRecordResponse;
  canWrite: boolean;
  meName: string;
  reload: () => void;
  query: URLSearchParams;
}) {
  const who = personLabel(r.person);
  const [current, setCurrent] = useState(r.current);
  const changed = (next?: EpisodeView) => (next && next.status !== "closed" ? setCurrent(next) : reload());
  const patientHref = pageHref(`/patients/${r.person.personId}`, query);
  return (
    <>
      <span className="nhsuk-caption-l">Care coordination record</span>
      <h1 data-testid="care-heading">{who.id}</h1>
      <p>
        {who.who} · {r.person.practiceName ?? r.person.practiceCode} ·{" "}
        <a
          href={patientHref}
          onClick={(e) => {
            e.preventDefault();
            navigate(patientHref);
          }}
        >
          Patient record
        </a>
      </p>
      <p className="nhsuk-body-s">Opening this record was recorded in the audit trail.</p>
      {current ? (
        <Episode
          key={`${current.id}-${current.version}`}
          ep={current}
          canWrite={canWrite}
          onChanged={changed}
          meName={meName}
        />
      ) : (
        <>
          <p>Not on a caseload now.</p>
          {canWrite && <Refer personId={r.person.personId} onDone={reload} />}
          {canWrite && r.episodes[0] && (
            <Episode
              key={r.episodes[0].id}
              ep={r.episodes[0]}
              canWrite={canWrite}
              onChanged={() => reload()}
              meName={meName}
            />
          )}
        </>
      )}
      <h2>Shared care plan</h2>
      <p>
        One plan across the GP practice, community, social care, mental health and voluntary services.{" "}
        {r.plan.version > 0 && (
          <a href={api.care.fhirUrl(r.person.personId)} download={`care-plan-${r.person.personId}.json`}>
            Download as FHIR (CarePlan, Goal, CareTeam, Task)
          </a>
        )}
      </p>
      {canWrite ? (
        <PlanEditor
          key={r.plan.version}
          personId={r.person.personId}
          version={r.plan.version}
          content={r.plan.content as never}
          onSaved={() => undefined}
        />
      ) : (
        <p>Your role reads the plan; changing it needs a care coordinator or clinician.</p>
      )}
      <h2>Plan versions</h2>
      {r.planHistory.length === 0 ? (
        <p>No plan yet.</p>
      ) : (
        <ol className="bevan-history" reversed data-testid="plan-versions">
          {r.planHistory.map((v) => (
            <li key={v.version}>
              <strong>Version {v.version}</strong>, {fmtDateTime(v.changedAt)} by {v.changedBy ?? "unknown"}:{" "}
              {v.changes.length ? v.changes.map((c) => c.description).join("; ") : "no change"}
            </li>
          ))}
        </ol>
      )}
      <h2>Outcomes before and since joining</h2>
      <Outcomes personId={r.person.personId} />
      <h2>History</h2>
      <ol className="bevan-history" reversed data-testid="care-history">
        {[...r.history].reverse().map((h) => (
          <li key={`${h.episodeId}-${h.at}-${h.kind}`}>
            {fmtDateTime(h.at)} · {EVENT_NAMES[h.kind] ?? h.kind}
            {describe(h.kind, h.detail as Record<string, unknown>)} · {h.by ?? "unknown"}
          </li>
        ))}
      </ol>
      {r.measures.length > 0 && (
        <>
          <h2>Measures recorded with the person</h2>
          <ul>
            {r.measures.map((m) => (
              <li key={m.id}>
                {fmtDate(m.recordedOn)}:{" "}
                {m.measure === "pam" ? "Patient activation (PAM)" : "EQ-5D-5L health today (EQ VAS)"}{" "}
                {m.value}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function describe(kind: string, d: Record<string, unknown>): string {
  if (kind === "stage") return `: ${d.from ? `${d.from} → ` : ""}${d.to}`;
  if (kind === "consent") return `: ${String(d.consent).replace("_", " ")}`;
  if (kind === "checklist")
    return `: ${d.done ? "ticked" : "unticked"} ${String(d.item).replace(":", " – ")}`;
  if (kind === "referred" || kind === "re-referred") return `: ${d.reason}`;
  if (kind === "closed") return `: ${d.reason}`;
  if (kind === "monitoring-contact") return `: ${d.note}`;
  return "";
}

export function CareRecordPage({ me, route, personId }: PageProps & { personId: string }) {
  const [tick, setTick] = useState(0);
  const record = useData(() => api.care.record(personId), [personId, tick]);
  if (!can(me, "care:read"))
    return (
      <>
        <h1>Care coordination record</h1>
        <div className="nhsuk-warning-callout" data-testid="care-refused">
          <h2 className="nhsuk-warning-callout__label">
            <span>
              <span className="nhsuk-u-visually-hidden">Important: </span>Not available to your role
            </span>
          </h2>
          <p>
            Care plans are for the people coordinating and giving care. Your role sees caseloads as figures.
          </p>
        </div>
      </>
    );
  return (
    <Async data={record} what="the care coordination record">
      {(r) => (
        <Record
          r={r}
          canWrite={can(me, "care:write")}
          meName={me.displayName}
          reload={() => setTick((t) => t + 1)}
          query={route.query}
        />
      )}
    </Async>
  );
}
