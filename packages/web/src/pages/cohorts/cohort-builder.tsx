// The cohort builder: the whole cohort language as a form (groups, NOT, every criterion), the
// live count and the attrition of each step as you edit, and the definition as JSON to copy
// out or paste in. What the form saves is the definition it shows, property for property.
import type { AttritionResponse, CohortVersion, Count, OrgNode } from "@bevan/client";
import { type FormEvent, useEffect, useState } from "react";
import { ApiError, api } from "../../api.ts";
import { errorMessage } from "../../components/states.tsx";
import { type CohortDefinition, NEW_DEFINITION, type Node, parseDefinition } from "../../lib/cohort-tree.ts";
import { fmtCount } from "../../lib/format.ts";
import { useData } from "../../use-data.ts";
import { CriteriaTree } from "./criterion-editor.tsx";
import type { EditorContext } from "./criterion-fields.tsx";
import { TextField } from "./fields.tsx";

export interface BuilderProps {
  readonly registers: readonly { code: string; name: string }[];
  readonly cohorts: EditorContext["cohorts"];
  readonly tree: readonly OrgNode[];
  /** A saved cohort being edited; `canEdit` false (shared with the caller to view) saves a copy only. */
  readonly existing: {
    id: string;
    name: string;
    version: CohortVersion;
    latest: number;
    canEdit: boolean;
  } | null;
  /** A definition to start from (a worklist opened in the builder). */
  readonly start?: CohortDefinition | null;
  readonly onSaved: (id: string, version: number) => void;
}

const pct = (part: Count, whole: Count) =>
  part.value === null || whole.value === null || whole.value === 0
    ? "–"
    : `${Math.round((100 * part.value) / whole.value)}%`;

export function Builder(props: BuilderProps) {
  const initial =
    (props.existing?.version.definition as CohortDefinition | undefined) ?? props.start ?? NEW_DEFINITION;
  const [def, setDef] = useState<CohortDefinition>(initial);
  // Bumped when a whole definition replaces the form (paste), so editors start afresh.
  const [generation, setGeneration] = useState(0);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [pasted, setPasted] = useState("");
  const [pasteProblem, setPasteProblem] = useState<string | null>(null);
  const nameProblem = tried && !def.name.trim() ? "Enter a name for the cohort" : null;
  const ctx: EditorContext = { registers: props.registers, cohorts: props.cohorts, tree: props.tree };
  const checked = useLive({ ...def, name: def.name.trim() || "preview" });
  const save = async (e: FormEvent, asNew: boolean) => {
    e.preventDefault();
    setTried(true);
    if (!def.name.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const r =
        props.existing && !asNew
          ? await api.saveCohortVersion(props.existing.id, def, note || undefined)
          : await api.saveCohort(def.name.trim(), def, note || undefined);
      props.onSaved(r.cohortId, r.version);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const setCriteria = (criteria: Node) => setDef((d) => ({ ...d, criteria }));
  // A cohort shared with the caller to view is saved as a cohort of their own.
  const versioned = props.existing?.canEdit ? props.existing : null;
  return (
    <form className="bevan-builder" onSubmit={(e) => save(e, !versioned)} noValidate>
      <h2>
        {props.existing
          ? `${versioned ? "Edit" : "Copy"} “${props.existing.name}” (version ${props.existing.version.version} of ${props.existing.latest})`
          : "New cohort"}
      </h2>
      {(error || nameProblem) && (
        <div className="nhsuk-error-summary" role="alert">
          <h3 className="nhsuk-error-summary__title">There is a problem</h3>
          <div className="nhsuk-error-summary__body">
            <ul className="nhsuk-list nhsuk-error-summary__list">
              {error && <li>{error}</li>}
              {nameProblem && (
                <li>
                  <a href="#cohort-name">{nameProblem}</a>
                </li>
              )}
            </ul>
          </div>
        </div>
      )}
      <div className={`nhsuk-form-group${nameProblem ? " nhsuk-form-group--error" : ""}`}>
        <label className="nhsuk-label" htmlFor="cohort-name">
          Cohort name
        </label>
        {nameProblem && <span className="nhsuk-error-message">{nameProblem}</span>}
        <input
          className="nhsuk-input nhsuk-u-width-two-thirds"
          id="cohort-name"
          value={def.name}
          onChange={(e) => setDef({ ...def, name: e.target.value })}
        />
      </div>
      <TextField
        id="cohort-description"
        label="Description (optional)"
        value={def.description ?? ""}
        onChange={(v) =>
          setDef((d) => {
            const { description: _, ...rest } = d;
            return v ? { ...rest, description: v } : rest;
          })
        }
        wide
      />
      <div className="nhsuk-form-group bevan-inline-field">
        <label className="nhsuk-label" htmlFor="cohort-population">
          Population
        </label>
        <select
          id="cohort-population"
          className="nhsuk-select"
          value={def.population}
          onChange={(e) => setDef({ ...def, population: e.target.value as CohortDefinition["population"] })}
        >
          <option value="registered">People registered and alive at the as-of date</option>
          <option value="everyone">Everyone in the data (including people who left or died)</option>
        </select>
      </div>
      <div className="bevan-builder__grid">
        <div className="bevan-builder__criteria">
          <h3>Who is in the cohort</h3>
          <CriteriaTree
            key={generation}
            root={def.criteria as Node}
            onChange={setCriteria}
            ctx={ctx}
            issues={checked.issues}
          />
        </div>
        <LiveCount checked={checked} />
      </div>
      <details className="nhsuk-details">
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">
            The definition as JSON: copy it out or paste one in
          </span>
        </summary>
        <div className="nhsuk-details__text">
          <pre className="bevan-json" data-testid="cohort-json">
            {JSON.stringify(def, null, 2)}
          </pre>
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary bevan-small-button"
            onClick={() => navigator.clipboard?.writeText(JSON.stringify(def, null, 2))}
          >
            Copy the JSON
          </button>
          <div className={`nhsuk-form-group${pasteProblem ? " nhsuk-form-group--error" : ""}`}>
            <label className="nhsuk-label" htmlFor="cohort-paste">
              Paste a definition (cohort language JSON) to edit it here
            </label>
            {pasteProblem && (
              <span className="nhsuk-error-message" id="cohort-paste-error">
                <span className="nhsuk-u-visually-hidden">Error:</span> {pasteProblem}
              </span>
            )}
            <textarea
              className="nhsuk-textarea bevan-json-input"
              id="cohort-paste"
              rows={6}
              value={pasted}
              aria-describedby={pasteProblem ? "cohort-paste-error" : undefined}
              onChange={(e) => setPasted(e.target.value)}
            />
          </div>
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary bevan-small-button"
            onClick={() => {
              const r = parseDefinition(pasted);
              if ("problem" in r) setPasteProblem(r.problem);
              else {
                setPasteProblem(null);
                setDef(r.definition);
                setGeneration((g) => g + 1);
              }
            }}
          >
            Use the pasted definition
          </button>
        </div>
      </details>
      <TextField
        id="cohort-note"
        label="Note for this version (optional)"
        value={note}
        onChange={setNote}
        wide
      />
      <div className="bevan-buttons">
        <button className="nhsuk-button" type="submit" disabled={busy}>
          {versioned
            ? `Save as version ${versioned.latest + 1}`
            : props.existing
              ? "Save as a new cohort"
              : "Save cohort"}
        </button>
        {versioned && (
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
    </form>
  );
}

interface Checked {
  readonly key: string;
  readonly counted: string | null;
  readonly attrition: AttritionResponse | null;
  readonly problem: string | null;
  readonly issues: ReadonlyMap<string, string>;
  readonly loading: boolean;
}

/** The API's attrition (and so the count) for the form as it stands, after a pause in typing. */
function useLive(definition: CohortDefinition): Checked {
  const key = JSON.stringify(definition);
  const [settledKey, setSettledKey] = useState(key);
  useEffect(() => {
    const t = setTimeout(() => setSettledKey(key), 400);
    return () => clearTimeout(t);
  }, [key]);
  const run = useData(
    () => api.cohortAttrition(JSON.parse(settledKey)).then((a) => ({ a, counted: settledKey })),
    [settledKey],
  );
  if (run.state === "ok")
    return {
      key,
      counted: run.data.counted,
      attrition: run.data.a,
      problem: null,
      issues: new Map(),
      loading: false,
    };
  if (run.state === "error") {
    const e = run.error;
    const issues = new Map(e instanceof ApiError ? e.issues.map((i) => [i.path, i.message] as const) : []);
    return { key, counted: null, attrition: null, problem: errorMessage(e), issues, loading: false };
  }
  return { key, counted: null, attrition: null, problem: null, issues: new Map(), loading: true };
}

function LiveCount({ checked }: { checked: Checked }) {
  const a = checked.attrition;
  const total = a ? (a.steps.at(-1)?.left ?? a.population) : null;
  return (
    <aside className="bevan-builder__count" aria-live="polite" aria-label="People matching now">
      <div className="nhsuk-card bevan-stat bevan-preview">
        <div className="nhsuk-card__content">
          <p className="bevan-stat__label">People matching now (not saved)</p>
          {checked.problem ? (
            <p className="nhsuk-error-message" data-testid="cohort-problem">
              {checked.problem}
            </p>
          ) : checked.loading || !total ? (
            <p className="bevan-stat__value">…</p>
          ) : (
            <p
              className="bevan-stat__value"
              data-testid="cohort-preview"
              data-definition={checked.counted ?? ""}
            >
              {fmtCount(total)}
            </p>
          )}
        </div>
      </div>
      {a && (
        <table className="nhsuk-table bevan-attrition" data-testid="attrition">
          <caption className="nhsuk-table__caption nhsuk-table__caption--s">
            People left after each step
          </caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">
                Step
              </th>
              <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
                Meet it alone
              </th>
              <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
                Left
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            <tr className="nhsuk-table__row">
              <td className="nhsuk-table__cell">
                {a.population.value === null ? "Population" : "Everyone in the population"}
              </td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">–</td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{fmtCount(a.population)}</td>
            </tr>
            {a.steps.map((s, i) => (
              <tr key={s.path} className="nhsuk-table__row">
                <td className="nhsuk-table__cell">{s.label}</td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{fmtCount(s.alone)}</td>
                <td
                  className="nhsuk-table__cell nhsuk-table__cell--numeric"
                  data-testid={`attrition-left-${i}`}
                >
                  {fmtCount(s.left)} <span className="nhsuk-body-s">({pct(s.left, a.population)})</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {a && (
        <p className="nhsuk-body-s">
          {a.disclosure.kind === "direct-care"
            ? "Exact counts for your direct-care role."
            : `Small numbers: ${a.disclosure.note}.`}
        </p>
      )}
    </aside>
  );
}
