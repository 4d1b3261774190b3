// The cohort builder's form: criteria of the cohort language as NHS form controls, checked
// as you type, with a live count of the cohort so far; saving adds a version.
import type { CohortVersion } from "@bevan/client";
import { type FormEvent, useEffect, useState } from "react";
import { api } from "../../api.ts";
import { errorMessage } from "../../components/states.tsx";
import {
  type CohortForm,
  EMPTY_FORM,
  FRAILTY_BANDS,
  formProblems,
  fromDefinition,
  RISK_TIERS,
  toDefinition,
} from "../../lib/cohort-form.ts";
import { fmtCount } from "../../lib/format.ts";
import { useData } from "../../use-data.ts";

function Checkboxes({
  legend,
  name,
  options,
  value,
  onChange,
}: {
  legend: string;
  name: string;
  options: readonly { value: string; label: string }[];
  value: readonly string[];
  onChange: (v: string[]) => void;
}) {
  return (
    <fieldset className="nhsuk-fieldset bevan-fieldset">
      <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
      <div className="nhsuk-checkboxes nhsuk-checkboxes--small bevan-checkbox-grid">
        {options.map((o) => {
          const id = `${name}-${o.value}`;
          return (
            <div key={o.value} className="nhsuk-checkboxes__item">
              <input
                className="nhsuk-checkboxes__input"
                id={id}
                name={name}
                type="checkbox"
                checked={value.includes(o.value)}
                onChange={(e) =>
                  onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))
                }
              />
              <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={id}>
                {o.label}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

function TextField({
  id,
  label,
  value,
  onChange,
  error,
  width = "nhsuk-input--width-3",
  hint,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  width?: string;
  hint?: string;
}) {
  return (
    <div className={`nhsuk-form-group bevan-inline-field${error ? " nhsuk-form-group--error" : ""}`}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div className="nhsuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {error && (
        <span className="nhsuk-error-message" id={`${id}-error`}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {error}
        </span>
      )}
      <input
        className={`nhsuk-input ${width}${error ? " nhsuk-input--error" : ""}`}
        id={id}
        value={value}
        aria-describedby={
          [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].join(" ").trim() || undefined
        }
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

export function Builder({
  registers,
  existing,
  canWrite,
  onSaved,
}: {
  registers: readonly { code: string; name: string }[];
  existing: { id: string; name: string; version: CohortVersion; latest: number } | null;
  canWrite: boolean;
  onSaved: (id: string, version: number) => void;
}) {
  const initial = existing ? fromDefinition(existing.version.definition) : { form: EMPTY_FORM };
  const [form, setForm] = useState<CohortForm>("form" in initial ? initial.form : EMPTY_FORM);
  const [note, setNote] = useState("");
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const problems = tried ? formProblems(form) : {};
  const valid = Object.keys(formProblems({ ...form, name: form.name || "preview" })).length === 0;
  const set =
    <K extends keyof CohortForm>(k: K) =>
    (v: CohortForm[K]) =>
      setForm((f) => ({ ...f, [k]: v }));
  const definition = toDefinition(
    form,
    registers.map((r) => r.code),
  );
  const save = async (e: FormEvent, asNew: boolean) => {
    e.preventDefault();
    setTried(true);
    if (Object.keys(formProblems(form)).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      const r =
        existing && !asNew
          ? await api.saveCohortVersion(existing.id, definition, note || undefined)
          : await api.saveCohort(definition.name, definition, note || undefined);
      onSaved(r.cohortId, r.version);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="bevan-builder" onSubmit={(e) => save(e, false)} noValidate>
      <h2>
        {existing
          ? `Edit “${existing.name}” (version ${existing.version.version} of ${existing.latest})`
          : "New cohort"}
      </h2>
      {"unsupported" in initial && (
        <div className="nhsuk-warning-callout">
          <h3 className="nhsuk-warning-callout__label">
            <span>
              <span className="nhsuk-u-visually-hidden">Important: </span>This version cannot be edited here
            </span>
          </h3>
          <p>{initial.unsupported}. Its results are shown below.</p>
        </div>
      )}
      {(error || Object.keys(problems).length > 0) && (
        <div className="nhsuk-error-summary" role="alert">
          <h3 className="nhsuk-error-summary__title">There is a problem</h3>
          <div className="nhsuk-error-summary__body">
            <ul className="nhsuk-list nhsuk-error-summary__list">
              {error && <li>{error}</li>}
              {Object.entries(problems).map(([k, v]) => (
                <li key={k}>
                  <a href={`#cohort-${k}`}>{v}</a>
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
      <TextField
        id="cohort-name"
        label="Cohort name"
        value={form.name}
        onChange={set("name")}
        error={problems.name}
        width="nhsuk-u-width-two-thirds"
      />
      <TextField
        id="cohort-description"
        label="Description (optional)"
        value={form.description}
        onChange={set("description")}
        width="nhsuk-u-width-full"
      />
      <div className="bevan-controls">
        <TextField
          id="cohort-minAge"
          label="Minimum age"
          value={form.minAge}
          onChange={set("minAge")}
          error={problems.minAge}
        />
        <TextField
          id="cohort-maxAge"
          label="Maximum age"
          value={form.maxAge}
          onChange={set("maxAge")}
          error={problems.maxAge}
        />
        <div
          className={`nhsuk-form-group bevan-inline-field${problems.imdMin ? " nhsuk-form-group--error" : ""}`}
        >
          <label className="nhsuk-label" htmlFor="cohort-imdMin">
            Most deprived IMD quintile
          </label>
          <select
            id="cohort-imdMin"
            className="nhsuk-select"
            value={form.imdMin}
            onChange={(e) => set("imdMin")(e.target.value)}
          >
            <option value="">Any</option>
            {[1, 2, 3, 4, 5].map((q) => (
              <option key={q} value={String(q)}>
                {q}
              </option>
            ))}
          </select>
        </div>
        <div
          className={`nhsuk-form-group bevan-inline-field${problems.imdMax ? " nhsuk-form-group--error" : ""}`}
        >
          <label className="nhsuk-label" htmlFor="cohort-imdMax">
            Least deprived IMD quintile
          </label>
          <select
            id="cohort-imdMax"
            className="nhsuk-select"
            value={form.imdMax}
            onChange={(e) => set("imdMax")(e.target.value)}
          >
            <option value="">Any</option>
            {[1, 2, 3, 4, 5].map((q) => (
              <option key={q} value={String(q)}>
                {q}
              </option>
            ))}
          </select>
        </div>
      </div>
      <Checkboxes
        legend="Sex"
        name="cohort-sex"
        options={[
          { value: "F", label: "Female" },
          { value: "M", label: "Male" },
        ]}
        value={form.sexes}
        onChange={set("sexes")}
      />
      <Checkboxes
        legend="On every one of these registers"
        name="cohort-register"
        options={registers.map((r) => ({ value: r.code, label: `${r.name} (${r.code})` }))}
        value={form.registers}
        onChange={set("registers")}
      />
      <TextField
        id="cohort-multimorbidity"
        label="Multimorbidity: on at least this many registers (optional)"
        hint="Counted over every register Bevan builds."
        value={form.multimorbidity}
        onChange={set("multimorbidity")}
        error={problems.multimorbidity}
      />
      <Checkboxes
        legend="Flags"
        name="cohort-flag"
        options={[
          { value: "learning_disability", label: "Learning disability" },
          { value: "care_home", label: "Lives in a care home" },
        ]}
        value={[
          ...(form.learningDisability ? ["learning_disability"] : []),
          ...(form.careHome ? ["care_home"] : []),
        ]}
        onChange={(v) =>
          setForm((f) => ({
            ...f,
            learningDisability: v.includes("learning_disability"),
            careHome: v.includes("care_home"),
          }))
        }
      />
      <Checkboxes
        legend="Emergency admission risk tier (any of)"
        name="cohort-risk"
        options={RISK_TIERS.map((t) => ({ value: t, label: t.replace("_", " ") }))}
        value={form.riskTiers}
        onChange={set("riskTiers")}
      />
      <Checkboxes
        legend="Frailty, electronic Frailty Index band (any of)"
        name="cohort-frailty"
        options={FRAILTY_BANDS.map((t) => ({ value: t, label: t }))}
        value={form.frailty}
        onChange={set("frailty")}
      />
      {valid && <LivePreview definition={{ ...definition, name: definition.name || "preview" }} />}
      <details className="nhsuk-details">
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">Show the definition (cohort language JSON)</span>
        </summary>
        <div className="nhsuk-details__text">
          <pre className="bevan-json" data-testid="cohort-json">
            {JSON.stringify(definition, null, 2)}
          </pre>
        </div>
      </details>
      {canWrite ? (
        <>
          <TextField
            id="cohort-note"
            label="Note for this version (optional)"
            value={note}
            onChange={setNote}
            width="nhsuk-u-width-two-thirds"
          />
          <div className="bevan-buttons">
            <button className="nhsuk-button" type="submit" disabled={busy}>
              {existing ? `Save as version ${existing.latest + 1}` : "Save cohort"}
            </button>
            {existing && (
              <button
                className="nhsuk-button nhsuk-button--secondary"
                type="button"
                disabled={busy}
                onClick={(e) => save(e, true)}
              >
                Save as a new cohort
              </button>
            )}
          </div>
        </>
      ) : (
        <p className="nhsuk-body-s">Your role can look at saved cohorts but not save them.</p>
      )}
    </form>
  );
}

/** The count for the form as it stands (the API's preview: nothing saved), after a short pause in typing. */
function LivePreview({ definition }: { definition: unknown }) {
  const key = JSON.stringify(definition);
  const [settledKey, setSettledKey] = useState(key);
  useEffect(() => {
    const t = setTimeout(() => setSettledKey(key), 400);
    return () => clearTimeout(t);
  }, [key]);
  // The answer carries the definition it counted, so a count is never shown against a newer form.
  const preview = useData(
    () => api.previewCohort(JSON.parse(settledKey), []).then((r) => ({ ...r, counted: settledKey })),
    [settledKey],
  );
  return (
    <div className="nhsuk-card bevan-stat bevan-preview" aria-live="polite">
      <div className="nhsuk-card__content">
        <p className="bevan-stat__label">People matching now (not saved)</p>
        {preview.state === "loading" ? (
          <p className="bevan-stat__value">…</p>
        ) : preview.state === "error" ? (
          <p className="nhsuk-error-message">{errorMessage(preview.error)}</p>
        ) : (
          <p
            className="bevan-stat__value"
            data-testid="cohort-preview"
            data-definition={preview.data.counted}
          >
            {fmtCount(preview.data.count)}
          </p>
        )}
      </div>
    </div>
  );
}
