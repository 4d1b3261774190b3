// The cohort builder: a form over the cohort language, saved and versioned in application
// state; a saved version's count with breakdowns, and its member list (pseudonymous or
// re-identified by role, audited by the API) with CSV and XLSX downloads made in the browser.
import type { CohortVersion } from "@bevan/client";
import { type FormEvent, useEffect, useState } from "react";
import { api } from "../api.ts";
import type { PageProps } from "../app.tsx";
import { Chart } from "../components/chart.tsx";
import { DataTable } from "../components/data-table.tsx";
import { Async, Empty, errorMessage } from "../components/states.tsx";
import {
  type CohortForm,
  EMPTY_FORM,
  FRAILTY_BANDS,
  formProblems,
  fromDefinition,
  RISK_TIERS,
  toDefinition,
} from "../lib/cohort-form.ts";
import { toCsv } from "../lib/csv.ts";
import { download, slug } from "../lib/download.ts";
import { countValue, fmtCount } from "../lib/format.ts";
import { toXlsx } from "../lib/xlsx.ts";
import { navigate, withQuery } from "../router.ts";
import { can } from "../session.tsx";
import { useData } from "../use-data.ts";
import { DisclosureNote } from "./parts.tsx";

export function CohortsPage({ me, route }: PageProps) {
  const cohortId = route.query.get("cohort");
  const version = Number(route.query.get("version")) || undefined;
  const [refresh, setRefresh] = useState(0);
  const saved = useData(() => api.cohorts(), [refresh]);
  const registers = useData(() => api.registers(), []);
  const loaded = useData(
    () => (cohortId ? api.cohort(cohortId) : Promise.resolve(null)),
    [cohortId, refresh],
  );
  const open = (id: string, v?: number) =>
    navigate(withQuery({ cohort: id, version: v === undefined ? undefined : String(v) }));
  return (
    <>
      <h1>Cohort builder</h1>
      <p className="nhsuk-body-l">
        Describe who you are looking for, save it (every save of an edit is a new version), then see how many
        people match, where they are, and the list.
      </p>
      <Async data={saved} what="saved cohorts">
        {(s) =>
          s.cohorts.length === 0 ? (
            <Empty>No saved cohorts yet: build one below.</Empty>
          ) : (
            <DataTable
              caption="Saved cohorts"
              rows={s.cohorts}
              initialSort={{ id: "created", desc: true }}
              columns={[
                {
                  id: "name",
                  header: "Cohort",
                  value: (c) => c.name,
                  render: (c) => (
                    <a
                      href={withQuery({ cohort: c.id, version: undefined })}
                      onClick={(e) => {
                        e.preventDefault();
                        open(c.id);
                      }}
                    >
                      {c.name}
                    </a>
                  ),
                },
                { id: "version", header: "Latest version", numeric: true, value: (c) => c.latestVersion },
                {
                  id: "created",
                  header: "Created",
                  value: (c) => c.createdAt.slice(0, 16).replace("T", " "),
                },
              ]}
            />
          )
        }
      </Async>
      <Async data={registers} what="registers">
        {(regs) => (
          <Async data={loaded} what="the cohort">
            {(c) => {
              const versions = c?.versions ?? [];
              const shown = versions.find((v) => v.version === version) ?? versions.at(-1);
              return (
                <>
                  <Builder
                    key={`${c?.cohort.id ?? "new"}-${shown?.version ?? 0}`}
                    registers={regs.registers}
                    existing={
                      c && shown
                        ? {
                            id: c.cohort.id,
                            name: c.cohort.name,
                            version: shown,
                            latest: c.cohort.latestVersion,
                          }
                        : null
                    }
                    canWrite={can(me, "cohorts:write")}
                    onSaved={(id, v) => {
                      setRefresh((n) => n + 1);
                      open(id, v);
                    }}
                  />
                  {c && shown && (
                    <Results
                      cohortId={c.cohort.id}
                      name={c.cohort.name}
                      version={shown.version}
                      versions={versions}
                      members={can(me, "cohorts:members")}
                    />
                  )}
                </>
              );
            }}
          </Async>
        )}
      </Async>
    </>
  );
}

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

function Builder({
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

const BREAKDOWNS = [
  { code: "practice", label: "Practice" },
  { code: "age_band", label: "Age band" },
  { code: "sex", label: "Sex" },
  { code: "imd_quintile", label: "IMD quintile" },
] as const;

function Results({
  cohortId,
  name,
  version,
  versions,
  members,
}: {
  cohortId: string;
  name: string;
  version: number;
  versions: readonly CohortVersion[];
  members: boolean;
}) {
  const [breakdown, setBreakdown] = useState<(typeof BREAKDOWNS)[number]["code"]>("age_band");
  const count = useData(
    () => api.cohortCount(cohortId, { version, breakdown }),
    [cohortId, version, breakdown],
  );
  const label = BREAKDOWNS.find((b) => b.code === breakdown)?.label ?? breakdown;
  return (
    <section className="bevan-results" aria-labelledby="cohort-results">
      <h2 id="cohort-results">
        {name}, version {version}
      </h2>
      {versions.length > 1 && (
        <p className="nhsuk-body-s">
          Versions:{" "}
          {versions.map((v, i) => (
            <span key={v.version}>
              {i > 0 && ", "}
              {v.version === version ? (
                <strong>{v.version}</strong>
              ) : (
                <a
                  href={withQuery({ version: String(v.version) })}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(withQuery({ version: String(v.version) }));
                  }}
                >
                  {v.version}
                </a>
              )}
              {v.note ? ` (${v.note})` : ""}
            </span>
          ))}
        </p>
      )}
      <div className="nhsuk-form-group bevan-inline-field">
        <label className="nhsuk-label" htmlFor="cohort-breakdown">
          Break down by
        </label>
        <select
          id="cohort-breakdown"
          className="nhsuk-select"
          value={breakdown}
          onChange={(e) => setBreakdown(e.target.value as typeof breakdown)}
        >
          {BREAKDOWNS.map((b) => (
            <option key={b.code} value={b.code}>
              {b.label}
            </option>
          ))}
        </select>
      </div>
      <Async data={count} what="the cohort's count">
        {(c) => (
          <>
            <p className="bevan-stat__value" data-testid="cohort-count">
              {fmtCount(c.total)} <span className="nhsuk-body-s">people</span>
            </p>
            <DisclosureNote disclosure={c.disclosure} />
            {c.groups.length === 0 ? (
              <Empty>No one matches this cohort in your scope.</Empty>
            ) : (
              <Chart
                title={`${name} by ${label.toLowerCase()}`}
                description={`People in version ${version} of the cohort, by ${label.toLowerCase()}. Counts of people.`}
                height={breakdown === "practice" ? Math.max(260, 22 * c.groups.length + 60) : 300}
                option={
                  breakdown === "practice"
                    ? {
                        tooltip: { trigger: "axis" },
                        grid: { left: 90, right: 30, bottom: 50, top: 10 },
                        yAxis: { type: "category", inverse: true, data: c.groups.map((g) => g.group) },
                        xAxis: { type: "value", name: "People", nameLocation: "middle", nameGap: 30 },
                        series: [
                          { type: "bar", name: "People", data: c.groups.map((g) => countValue(g.count)) },
                        ],
                      }
                    : {
                        tooltip: { trigger: "axis" },
                        grid: { left: 70, right: 20, bottom: 50, top: 20 },
                        xAxis: {
                          type: "category",
                          name: label,
                          nameLocation: "middle",
                          nameGap: 30,
                          data: c.groups.map((g) => g.group),
                        },
                        yAxis: { type: "value", name: "People", nameLocation: "middle", nameGap: 50 },
                        series: [
                          { type: "bar", name: "People", data: c.groups.map((g) => countValue(g.count)) },
                        ],
                      }
                }
                table={{
                  header: [label, "People"],
                  rows: c.groups.map((g) => [g.group, countValue(g.count)]),
                }}
              />
            )}
          </>
        )}
      </Async>
      {members ? (
        <Members cohortId={cohortId} name={name} version={version} />
      ) : (
        <p>Your role sees counts only, not the member list.</p>
      )}
    </section>
  );
}

function CohortTimeline({ cohortId, name, version }: { cohortId: string; name: string; version: number }) {
  const series = useData(async () => {
    const count = await api.cohortCount(cohortId, { version });
    const end = new Date(`${count.asOf}T00:00:00Z`);
    const from = new Date(Date.UTC(end.getUTCFullYear() - 2, end.getUTCMonth(), 1))
      .toISOString()
      .slice(0, 10);
    return api.savedCohortTimeline(cohortId, { from, version });
  }, [cohortId, version]);
  return (
    <Async data={series} what="the cohort's timeline">
      {(t) =>
        t.points.length === 0 ? (
          <Empty>No timeline for this cohort.</Empty>
        ) : (
          <Chart
            title={`${name}: size at each month end`}
            description="People meeting the cohort's definition at the end of each month over the last two years (each month evaluated as of its last day). Counts of people."
            height={300}
            option={{
              tooltip: { trigger: "axis" },
              grid: { left: 70, right: 20, bottom: 50, top: 20 },
              xAxis: {
                type: "category",
                name: "Month end",
                nameLocation: "middle",
                nameGap: 30,
                data: t.points.map((p) => p.asOf),
              },
              yAxis: { type: "value", name: "People", nameLocation: "middle", nameGap: 50, scale: true },
              series: [
                {
                  type: "line",
                  name: "People",
                  data: t.points.map((p) => countValue(p.count)),
                  showSymbol: true,
                },
              ],
            }}
            table={{
              header: ["Month end", "People"],
              rows: t.points.map((p) => [p.asOf, countValue(p.count)]),
            }}
          />
        )
      }
    </Async>
  );
}

function Members({ cohortId, name, version }: { cohortId: string; name: string; version: number }) {
  const list = useData(() => api.cohortMembers(cohortId, { version, limit: 500 }), [cohortId, version]);
  return (
    <Async data={list} what="the member list">
      {(m) => {
        const identified = m.identity === "identified";
        const header = identified ? ["NHS number", "Pseudonymous id"] : ["Pseudonymous id"];
        const rows = m.members.map((p) => (identified ? [p.nhsNumber ?? "", p.personId] : [p.personId]));
        const file = `${slug(name)}-v${version}`;
        return (
          <>
            <h3>Members</h3>
            <p>
              {m.total.toLocaleString("en-GB")} people
              {m.total > m.members.length ? `; the first ${m.members.length} are listed and exported` : ""}.{" "}
              {identified
                ? "NHS numbers are shown because you give direct care to these patients."
                : "Ids are pseudonymous."}{" "}
              Opening this list was recorded in the audit trail.
            </p>
            <div className="bevan-buttons">
              <button
                type="button"
                className="nhsuk-button nhsuk-button--secondary"
                onClick={() => download(`${file}.csv`, toCsv(header, rows), "text/csv;charset=utf-8")}
              >
                Download CSV
              </button>
              <button
                type="button"
                className="nhsuk-button nhsuk-button--secondary"
                onClick={() =>
                  download(
                    `${file}.xlsx`,
                    toXlsx(name, header, rows) as Uint8Array<ArrayBuffer>,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  )
                }
              >
                Download Excel (XLSX)
              </button>
            </div>
            {m.members.length === 0 ? (
              <Empty>No members.</Empty>
            ) : (
              <DataTable
                caption="Cohort members"
                rows={m.members}
                columns={[
                  ...(identified
                    ? [
                        {
                          id: "nhs",
                          header: "NHS number",
                          value: (p: (typeof m.members)[number]) => p.nhsNumber ?? "not known",
                        },
                      ]
                    : []),
                  { id: "id", header: "Pseudonymous id", value: (p) => p.personId },
                ]}
              />
            )}
          </>
        );
      }}
    </Async>
  );
}
