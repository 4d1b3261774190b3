// The shared care plan editor: what matters to the person, problems, goals in their own words,
// actions with an owner, organisation and due date, the care team, the contingency plan and
// the next review. Saving names the version it was edited from; if someone saved first the
// API refuses (409) and the editor shows both sides' changes and puts yours on top of theirs,
// so nothing is lost, for you to check and save again.
import { ApiError, type CarePlanView } from "@bevan/client";
import { useState } from "react";
import { api } from "../../api.ts";
import { type PlanChange, rebase } from "./merge.ts";
import { ORGANISATION_KINDS } from "./words.ts";

type Plan = CarePlanView;
type Conflict = {
  current: { version: number; content: Plan; updatedBy: string | null };
  theirChanges: PlanChange[];
  yourChanges: PlanChange[];
};

const GOAL_STATUS: Record<string, string> = {
  active: "Working on it",
  achieved: "Achieved",
  cancelled: "No longer wanted",
};
const ACTION_STATUS: Record<string, string> = {
  planned: "Planned",
  "in-progress": "In progress",
  done: "Done",
  cancelled: "Cancelled",
};

let counter = 0;
const newId = (prefix: string, existing: readonly { id: string }[]) => {
  counter += 1;
  let id = `${prefix}${existing.length + counter}`;
  while (existing.some((x) => x.id === id)) {
    counter += 1;
    id = `${prefix}${existing.length + counter}`;
  }
  return id;
};

function Field({
  id,
  label,
  value,
  onChange,
  type = "text",
  width,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  type?: "text" | "date";
  width?: string;
}) {
  return (
    <div className="nhsuk-form-group bevan-inline-field">
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className={`nhsuk-input${width ? ` nhsuk-input--width-${width}` : ""}`}
        type={type}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

function Select({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  options: Readonly<Record<string, string>>;
  onChange: (v: string) => void;
}) {
  return (
    <div className="nhsuk-form-group bevan-inline-field">
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="nhsuk-select" value={value} onChange={(e) => onChange(e.target.value)}>
        {Object.entries(options).map(([k, v]) => (
          <option key={k} value={k}>
            {v}
          </option>
        ))}
      </select>
    </div>
  );
}

export function PlanEditor({
  personId,
  version,
  content,
  onSaved,
}: {
  personId: string;
  version: number;
  content: Plan;
  onSaved: () => void;
}) {
  const [base, setBase] = useState(version);
  const [draft, setDraft] = useState<Plan>(content);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<{ text: string; issues: readonly { message: string }[] } | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const set = <K extends keyof Plan>(k: K, v: Plan[K]) => setDraft({ ...draft, [k]: v });
  const update = <K extends "problems" | "goals" | "actions" | "team" | "contingency">(
    k: K,
    i: number,
    v: Partial<Plan[K][number]>,
  ) => set(k, draft[k].map((x, j) => (j === i ? { ...x, ...v } : x)) as Plan[K]);
  const remove = <K extends "problems" | "goals" | "actions" | "team" | "contingency">(k: K, i: number) =>
    set(k, draft[k].filter((_, j) => j !== i) as Plan[K]);

  const save = async () => {
    setSaving(true);
    setMessage(null);
    setError(null);
    try {
      const r = await api.care.savePlan(personId, base, draft);
      setBase(r.plan.version);
      setConflict(null);
      setMessage(
        r.changes.length
          ? `Saved as version ${r.plan.version}: ${r.changes.map((c) => c.description).join("; ")}.`
          : `Nothing had changed; version ${r.plan.version} stands.`,
      );
      onSaved();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.conflict) setConflict(e.conflict as Conflict);
      else if (e instanceof ApiError) setError({ text: e.message, issues: e.issues });
      else setError({ text: "The plan could not be saved: try again.", issues: [] });
    } finally {
      setSaving(false);
    }
  };

  const keepBoth = () => {
    if (!conflict) return;
    const merged = rebase(draft, conflict.current.content, conflict.yourChanges, conflict.theirChanges);
    setDraft(merged.plan);
    setBase(conflict.current.version);
    setConflict(null);
    setMessage(
      `Your changes are now on top of version ${conflict.current.version}${
        merged.overlaps.length ? `; you both changed: ${merged.overlaps.join("; ")} (yours kept)` : ""
      }. Check the plan and save.`,
    );
  };

  const orgOptions = ORGANISATION_KINDS;
  return (
    <form
      className="bevan-plan-editor"
      aria-label="Shared care plan"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {conflict && (
        <div className="nhsuk-error-summary" role="alert" data-testid="plan-conflict">
          <h2 className="nhsuk-error-summary__title">Someone else saved this plan while you were editing</h2>
          <div className="nhsuk-error-summary__body">
            <p>
              Version {conflict.current.version} was saved after you opened version {base}. Nothing of yours
              has been saved yet, and nothing has been lost.
            </p>
            <h3>Their changes</h3>
            <ul>
              {conflict.theirChanges.map((c) => (
                <li key={`t-${c.section}-${c.id ?? ""}-${c.kind}`}>{c.description}</li>
              ))}
            </ul>
            <h3>Your changes</h3>
            <ul>
              {conflict.yourChanges.map((c) => (
                <li key={`y-${c.section}-${c.id ?? ""}-${c.kind}`}>{c.description}</li>
              ))}
            </ul>
            <div className="bevan-buttons">
              <button type="button" className="nhsuk-button" onClick={keepBoth}>
                Keep both: put my changes on their version
              </button>
            </div>
          </div>
        </div>
      )}
      {error && (
        <div className="nhsuk-error-summary" role="alert">
          <h2 className="nhsuk-error-summary__title">The plan was not saved</h2>
          <div className="nhsuk-error-summary__body">
            <p>{error.text}</p>
            {error.issues.length > 0 && (
              <ul>
                {error.issues.map((i) => (
                  <li key={i.message}>{i.message}</li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
      {message && (
        <p className="nhsuk-inset-text" role="status" data-testid="plan-message">
          {message}
        </p>
      )}
      <div className="nhsuk-form-group">
        <label className="nhsuk-label nhsuk-label--s" htmlFor="plan-what-matters">
          What matters to the person, in their words
        </label>
        <textarea
          id="plan-what-matters"
          className="nhsuk-textarea"
          rows={2}
          value={draft.whatMatters}
          onChange={(e) => set("whatMatters", e.target.value)}
        />
      </div>

      <fieldset className="nhsuk-fieldset">
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Problems</legend>
        {draft.problems.map((p, i) => (
          <div key={p.id} className="bevan-plan-row">
            <Field
              id={`problem-${p.id}`}
              label={`Problem ${i + 1}`}
              value={p.text}
              onChange={(v) => update("problems", i, { text: v })}
              width="30"
            />
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary bevan-small-button"
              onClick={() => remove("problems", i)}
            >
              Remove problem {i + 1}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary bevan-small-button"
          onClick={() => set("problems", [...draft.problems, { id: newId("p", draft.problems), text: "" }])}
        >
          Add a problem
        </button>
      </fieldset>

      <fieldset className="nhsuk-fieldset">
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
          Goals, in the person's words
        </legend>
        {draft.goals.map((g, i) => (
          <div key={g.id} className="bevan-plan-row">
            <Field
              id={`goal-${g.id}`}
              label={`Goal ${i + 1}`}
              value={g.text}
              onChange={(v) => update("goals", i, { text: v })}
              width="30"
            />
            <Field
              id={`goal-date-${g.id}`}
              label="By"
              type="date"
              value={g.targetDate ?? ""}
              onChange={(v) => update("goals", i, { targetDate: v || null })}
            />
            <Select
              id={`goal-status-${g.id}`}
              label="Status"
              value={g.status}
              options={GOAL_STATUS}
              onChange={(v) => update("goals", i, { status: v as never })}
            />
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary bevan-small-button"
              onClick={() => remove("goals", i)}
            >
              Remove goal {i + 1}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary bevan-small-button"
          onClick={() =>
            set("goals", [
              ...draft.goals,
              { id: newId("g", draft.goals), text: "", targetDate: null, status: "active", problemIds: [] },
            ])
          }
        >
          Add a goal
        </button>
      </fieldset>

      <fieldset className="nhsuk-fieldset">
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Actions</legend>
        {draft.actions.map((a, i) => (
          <div key={a.id} className="bevan-plan-row">
            <Field
              id={`action-${a.id}`}
              label={`Action ${i + 1}`}
              value={a.text}
              onChange={(v) => update("actions", i, { text: v })}
              width="20"
            />
            <Field
              id={`action-owner-${a.id}`}
              label="Who"
              value={a.owner}
              onChange={(v) => update("actions", i, { owner: v })}
              width="10"
            />
            <Select
              id={`action-org-${a.id}`}
              label="Organisation"
              value={a.organisation.kind}
              options={orgOptions}
              onChange={(v) =>
                update("actions", i, { organisation: { kind: v as never, name: a.organisation.name } })
              }
            />
            <Field
              id={`action-org-name-${a.id}`}
              label="Team or service"
              value={a.organisation.name}
              onChange={(v) => update("actions", i, { organisation: { kind: a.organisation.kind, name: v } })}
              width="10"
            />
            <Field
              id={`action-due-${a.id}`}
              label="Due"
              type="date"
              value={a.due ?? ""}
              onChange={(v) => update("actions", i, { due: v || null })}
            />
            <Select
              id={`action-status-${a.id}`}
              label="Status"
              value={a.status}
              options={ACTION_STATUS}
              onChange={(v) => update("actions", i, { status: v as never })}
            />
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary bevan-small-button"
              onClick={() => remove("actions", i)}
            >
              Remove action {i + 1}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary bevan-small-button"
          onClick={() =>
            set("actions", [
              ...draft.actions,
              {
                id: newId("a", draft.actions),
                text: "",
                owner: "",
                organisation: { kind: "gp", name: "" },
                due: null,
                status: "planned",
                goalIds: [],
              },
            ])
          }
        >
          Add an action
        </button>
      </fieldset>

      <fieldset className="nhsuk-fieldset">
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Care team</legend>
        {draft.team.map((m, i) => (
          <div key={m.id} className="bevan-plan-row">
            <Field
              id={`team-${m.id}`}
              label={`Member ${i + 1}`}
              value={m.name}
              onChange={(v) => update("team", i, { name: v })}
              width="10"
            />
            <Field
              id={`team-role-${m.id}`}
              label="Role"
              value={m.role}
              onChange={(v) => update("team", i, { role: v })}
              width="10"
            />
            <Select
              id={`team-org-${m.id}`}
              label="Organisation"
              value={m.organisation.kind}
              options={orgOptions}
              onChange={(v) =>
                update("team", i, { organisation: { kind: v as never, name: m.organisation.name } })
              }
            />
            <div className="nhsuk-checkboxes__item bevan-inline-field">
              <input
                className="nhsuk-checkboxes__input"
                id={`team-lead-${m.id}`}
                type="checkbox"
                checked={m.lead}
                onChange={(e) =>
                  set(
                    "team",
                    draft.team.map((x, j) => ({
                      ...x,
                      lead: j === i ? e.target.checked : e.target.checked ? false : x.lead,
                    })),
                  )
                }
              />
              <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`team-lead-${m.id}`}>
                Lead coordinator
              </label>
            </div>
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary bevan-small-button"
              onClick={() => remove("team", i)}
            >
              Remove member {i + 1}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary bevan-small-button"
          onClick={() =>
            set("team", [
              ...draft.team,
              {
                id: newId("t", draft.team),
                name: "",
                role: "",
                organisation: { kind: "gp", name: "" },
                lead: false,
              },
            ])
          }
        >
          Add a team member
        </button>
      </fieldset>

      <fieldset className="nhsuk-fieldset">
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">What to do if…</legend>
        {draft.contingency.map((c, i) => (
          <div key={c.id} className="bevan-plan-row">
            <Field
              id={`if-${c.id}`}
              label="If"
              value={c.trigger}
              onChange={(v) => update("contingency", i, { trigger: v })}
              width="20"
            />
            <Field
              id={`then-${c.id}`}
              label="Then"
              value={c.response}
              onChange={(v) => update("contingency", i, { response: v })}
              width="30"
            />
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary bevan-small-button"
              onClick={() => remove("contingency", i)}
            >
              Remove
            </button>
          </div>
        ))}
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary bevan-small-button"
          onClick={() =>
            set("contingency", [
              ...draft.contingency,
              { id: newId("c", draft.contingency), trigger: "", response: "" },
            ])
          }
        >
          Add a "what to do if"
        </button>
      </fieldset>

      <Field
        id="plan-next-review"
        label="Next review"
        type="date"
        value={draft.nextReview ?? ""}
        onChange={(v) => set("nextReview", v || null)}
      />
      <div className="bevan-buttons">
        <button type="submit" className="nhsuk-button" disabled={saving || conflict !== null}>
          {saving ? "Saving…" : "Save the plan"}
        </button>
      </div>
      <p className="nhsuk-body-s">
        Editing version {base}. Every save is kept as a version, with who saved it and what changed.
      </p>
    </form>
  );
}
