// The business case page: pick a worked example (or start from one), set each input as a value
// or a range, run the Monte Carlo, and read the answer as a board would: the range of net
// savings, the chance of breaking even, what drives the uncertainty, and the baseline's
// regression to the mean. The printed summary is the API's PDF.
import type { BusinessCaseExamplesResponse, BusinessCaseRunResponse } from "@bevan/client";
import { useEffect, useState } from "react";
import { ApiError, api } from "../../api.ts";
import { Async, errorMessage } from "../../components/states.tsx";
import { download, slug } from "../../lib/download.ts";
import type { PageProps } from "../../page.ts";
import { useData } from "../../use-data.ts";
import { InputRow, type InputSpec, type Value } from "./inputs.tsx";
import { Results } from "./results.tsx";
import { caseWorkbook } from "./workbook.ts";

type Case = Record<string, unknown>;

const GROUPS: { title: string; test: (p: string) => boolean }[] = [
  { title: "The cohort and its baseline", test: (p) => !p.includes(".") || p.startsWith("baseline.") },
  { title: "The intervention", test: (p) => p.startsWith("intervention.") },
  { title: "Optimism bias", test: (p) => p.startsWith("optimismBias.") },
];

function getAt(c: Case, path: string): Value | undefined {
  const [a, b] = path.split(".");
  if (!b) return c[a as string] as Value | undefined;
  return ((c[a as string] ?? {}) as Record<string, Value>)[b];
}

function setAt(c: Case, path: string, v: Value | undefined): Case {
  const [a = "", b] = path.split(".");
  if (!b) {
    const { [a]: _, ...rest } = c;
    return v === undefined ? rest : { ...rest, [a]: v };
  }
  const { [b]: _, ...group } = (c[a] ?? {}) as Record<string, Value>;
  return { ...c, [a]: v === undefined ? group : { ...group, [b]: v } };
}

export function BusinessCasePage(_: PageProps) {
  const data = useData(() => api.businessCases.examples(), []);
  return (
    <>
      <h1>Business cases</h1>
      <p className="nhsuk-body">
        Set out an intervention for a group of people with its inputs as ranges, not single figures. Bevan
        runs the case many times, each time drawing every uncertain input from its range, and shows the spread
        of net savings, the chance the case breaks even and what drives the uncertainty. Money is discounted
        at 3.5% a year as HM Treasury's Green Book asks. When the case names a cohort, its size, use and costs
        come from the data, and the page shows how much a group chosen on high use falls back by itself the
        next year.
      </p>
      <Async data={data} what="the worked examples">
        {(d) => <Editor examples={d} />}
      </Async>
    </>
  );
}

function Editor({ examples }: { examples: BusinessCaseExamplesResponse }) {
  const [exampleId, setExampleId] = useState(examples.examples[0]?.id ?? "");
  const [c, setC] = useState<Case>(() => (examples.examples[0]?.case as Case) ?? {});
  const [result, setResult] = useState<BusinessCaseRunResponse | null>(null);
  const [error, setError] = useState<{
    message: string;
    issues: readonly { path: string; message: string }[];
  } | null>(null);
  const [busy, setBusy] = useState<"run" | "pdf" | null>(null);
  useEffect(() => {
    const e = examples.examples.find((x) => x.id === exampleId);
    if (e) {
      setC(e.case as Case);
      setResult(null);
      setError(null);
    }
  }, [exampleId, examples]);
  const cohort = c.cohort as { definition?: { name?: string } } | undefined;
  const act = async (what: "run" | "pdf") => {
    setBusy(what);
    setError(null);
    try {
      if (what === "run") setResult(await api.businessCases.run(c));
      else
        download(
          `${slug(String(c.name ?? "business-case"))}.pdf`,
          await api.businessCases.report(c),
          "application/pdf",
        );
    } catch (e) {
      setError(
        e instanceof ApiError
          ? { message: e.message, issues: e.issues }
          : { message: errorMessage(e), issues: [] },
      );
    } finally {
      setBusy(null);
    }
  };
  const num = (k: string, fallback: number) => (typeof c[k] === "number" ? (c[k] as number) : fallback);
  return (
    <>
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="bc-example">
          Start from a worked example
        </label>
        <select
          id="bc-example"
          className="nhsuk-select"
          value={exampleId}
          onChange={(e) => setExampleId(e.target.value)}
        >
          {examples.examples.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </select>
      </div>
      <form
        aria-label="Business case"
        onSubmit={(e) => {
          e.preventDefault();
          void act("run");
        }}
      >
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="bc-name">
            Name
          </label>
          <input
            id="bc-name"
            className="nhsuk-input"
            value={String(c.name ?? "")}
            onChange={(e) => setC({ ...c, name: e.target.value })}
          />
        </div>
        {c.description ? <p className="nhsuk-body-s">{String(c.description)}</p> : null}
        <p className="nhsuk-body" data-testid="bc-cohort">
          {cohort
            ? `Target cohort: ${cohort.definition?.name ?? "a saved cohort"}. Inputs marked "From the data" are taken from it.`
            : "This case gives its cohort's size and baseline directly."}
        </p>
        {GROUPS.map((g) => (
          <table key={g.title} className="nhsuk-table bevan-bc-inputs">
            <caption className="nhsuk-table__caption nhsuk-table__caption--s">{g.title}</caption>
            <thead>
              <tr>
                <th scope="col">Input</th>
                <th scope="col">Given as</th>
                <th scope="col">Value or range</th>
              </tr>
            </thead>
            <tbody>
              {examples.inputs
                .filter((s: InputSpec) => g.test(s.path))
                .map((s) => (
                  <InputRow
                    key={s.path}
                    spec={s}
                    value={getAt(c, s.path)}
                    fromData={Boolean(cohort)}
                    onChange={(v) => setC(setAt(c, s.path, v))}
                  />
                ))}
            </tbody>
          </table>
        ))}
        <div className="bevan-controls">
          {[
            { k: "years", label: "Years", v: num("years", 5), min: 1, max: 30, step: 1 },
            {
              k: "discountRate",
              label: "Discount rate (%)",
              v: 100 * num("discountRate", 0.035),
              min: 0,
              max: 20,
              step: 0.5,
            },
            { k: "runs", label: "Runs", v: num("runs", 10000), min: 100, max: 100000, step: 100 },
            { k: "seed", label: "Seed", v: num("seed", 1), min: 0, max: 4294967295, step: 1 },
          ].map((f) => (
            <div key={f.k} className="nhsuk-form-group bevan-inline-field">
              <label className="nhsuk-label" htmlFor={`bc-${f.k}`}>
                {f.label}
              </label>
              <input
                id={`bc-${f.k}`}
                className="nhsuk-input nhsuk-input--width-5"
                type="number"
                min={f.min}
                max={f.max}
                step={f.step}
                value={f.v}
                onChange={(e) =>
                  setC({
                    ...c,
                    [f.k]: f.k === "discountRate" ? Number(e.target.value) / 100 : Number(e.target.value),
                  })
                }
              />
            </div>
          ))}
        </div>
        <div className="nhsuk-button-group">
          <button type="submit" className="nhsuk-button" disabled={busy !== null}>
            {busy === "run" ? "Running…" : "Run the case"}
          </button>
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary"
            disabled={busy !== null}
            onClick={() => void act("pdf")}
          >
            {busy === "pdf" ? "Making the PDF…" : "Download the summary (PDF)"}
          </button>
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary"
            onClick={() =>
              download(
                `${slug(String(c.name ?? "business-case"))}.json`,
                JSON.stringify(c, null, 2),
                "application/json",
              )
            }
          >
            Download the case (JSON)
          </button>
        </div>
      </form>
      {error ? (
        <div className="nhsuk-error-summary" role="alert">
          <h2 className="nhsuk-error-summary__title">The case did not run</h2>
          <div className="nhsuk-error-summary__body">
            <p>{error.message}</p>
            <ul className="nhsuk-list nhsuk-error-summary__list">
              {error.issues.map((i) => (
                <li key={`${i.path}${i.message}`}>
                  {examples.inputs.find((s) => `/${s.path.replaceAll(".", "/")}` === i.path)?.label ?? i.path}
                  : {i.message}
                </li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
      {busy === "run" ? (
        <p className="bevan-loading" role="status">
          Running the case…
        </p>
      ) : null}
      {result ? (
        <>
          <Results r={result} />
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary"
            onClick={() => {
              void caseWorkbook(result, c).then((bytes) =>
                download(
                  `${slug(String(c.name ?? "business-case"))}.xlsx`,
                  bytes,
                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ),
              );
            }}
          >
            Download every assumption and the run summary (Excel)
          </button>
        </>
      ) : null}
    </>
  );
}
