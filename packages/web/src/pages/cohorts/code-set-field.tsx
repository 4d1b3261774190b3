// Time windows and code sets in the criterion editors. A code set is a codelist the
// warehouse holds or codes written out; the picker searches both by term ("hba1c",
// "clozapine") and shows each code with its description.
import type { CodeSearchResponse } from "@bevan/client";
import { useEffect, useState } from "react";
import { api } from "../../api.ts";
import { errorMessage } from "../../components/states.tsx";
import { type Json, type Node, offset, SYSTEMS } from "../../lib/cohort-tree.ts";
import { useData } from "../../use-data.ts";
import { NumberField, Row, SelectField, TextField } from "./fields.tsx";

const UNITS = [
  ["days", "days"],
  ["months", "months"],
  ["years", "years"],
] as const;

type Unit = "days" | "months" | "years";

function mode(w: Node): "last" | "ever" | "between" {
  const from = w.from as Node | null;
  const to = w.to as Node;
  const toNow = to.n === 0 && to.unit === "days";
  if (from === null && toNow) return "ever";
  if (from !== null && toNow && (from.n as number) < 0) return "last";
  return "between";
}

/** A window as people say it: in the last n months, ever, or between two offsets. */
export function WindowField({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: Node;
  onChange: (w: Node) => void;
}) {
  const m = mode(value);
  const from = value.from as Node | null;
  const to = value.to as Node;
  return (
    <fieldset className="nhsuk-fieldset bevan-fieldset bevan-window">
      <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{label}</legend>
      <Row>
        <SelectField
          id={`${id}-mode`}
          label="When"
          value={m}
          options={[
            ["last", "In the last…"],
            ["ever", "Ever (up to the as-of date)"],
            ["between", "Between two times"],
          ]}
          onChange={(v) =>
            onChange(
              v === "ever"
                ? { kind: "window", from: null, to: offset(0, "days") }
                : v === "last"
                  ? { kind: "window", from: offset(-12, "months"), to: offset(0, "days") }
                  : { kind: "window", from: offset(-24, "months"), to: offset(-12, "months") },
            )
          }
        />
        {m === "last" && from && (
          <>
            <NumberField
              id={`${id}-n`}
              label="How long"
              min={1}
              step="1"
              value={-(from.n as number)}
              onChange={(n) => onChange({ ...value, from: { ...from, n: -Math.abs(Math.trunc(n ?? 1)) } })}
            />
            <SelectField
              id={`${id}-unit`}
              label="Unit"
              value={from.unit as string}
              options={UNITS}
              onChange={(u) => onChange({ ...value, from: { ...from, unit: u as Unit } })}
            />
          </>
        )}
        {m === "between" && (
          <>
            {from && (
              <>
                <NumberField
                  id={`${id}-from-n`}
                  label="From (before the as-of date)"
                  step="1"
                  value={-(from.n as number)}
                  onChange={(n) => onChange({ ...value, from: { ...from, n: -Math.trunc(n ?? 0) } })}
                />
                <SelectField
                  id={`${id}-from-unit`}
                  label="Unit"
                  value={from.unit as string}
                  options={UNITS}
                  onChange={(u) => onChange({ ...value, from: { ...from, unit: u as Unit } })}
                />
              </>
            )}
            <NumberField
              id={`${id}-to-n`}
              label="To (before the as-of date)"
              step="1"
              value={-(to.n as number)}
              onChange={(n) => onChange({ ...value, to: { ...to, n: -Math.trunc(n ?? 0) } })}
            />
            <SelectField
              id={`${id}-to-unit`}
              label="Unit"
              value={to.unit as string}
              options={UNITS}
              onChange={(u) => onChange({ ...value, to: { ...to, unit: u as Unit } })}
            />
          </>
        )}
      </Row>
    </fieldset>
  );
}

/** Searches codelists and codes by term as you type (from two characters). */
function CodePicker({
  id,
  system,
  onList,
  onCode,
}: {
  id: string;
  system: string | undefined;
  onList?: (id: string) => void;
  onCode?: (code: string, system: string) => void;
}) {
  const [q, setQ] = useState("");
  const [settled, setSettled] = useState("");
  useEffect(() => {
    const t = setTimeout(() => setSettled(q.trim()), 300);
    return () => clearTimeout(t);
  }, [q]);
  const [found, setFound] = useState<
    { q: string; r: CodeSearchResponse } | { q: string; error: string } | null
  >(null);
  useEffect(() => {
    if (settled.length < 2) return;
    let live = true;
    api.searchCodes({ q: settled, ...(system ? { system } : {}), limit: 12 }).then(
      (r) => live && setFound({ q: settled, r }),
      (e: unknown) => live && setFound({ q: settled, error: errorMessage(e) }),
    );
    return () => {
      live = false;
    };
  }, [settled, system]);
  return (
    <div className="bevan-picker">
      <TextField
        id={`${id}-search`}
        label={onList ? "Find a codelist or a code" : "Find a code to add"}
        hint="Type part of a description or a code, e.g. HbA1c, clozapine, statin"
        value={q}
        onChange={setQ}
      />
      {found && settled.length >= 2 && found.q === settled && (
        <div className="bevan-picker__results" aria-live="polite">
          {"error" in found ? (
            <p className="nhsuk-error-message">{found.error}</p>
          ) : found.r.codelists.length === 0 && found.r.codes.length === 0 ? (
            <p className="nhsuk-body-s">Nothing matches “{settled}”.</p>
          ) : (
            <ul className="nhsuk-list bevan-picker__list">
              {onList &&
                found.r.codelists.map((l) => (
                  <li key={l.id}>
                    <button type="button" className="bevan-link-button" onClick={() => onList(l.id)}>
                      Use codelist: {l.name}
                    </button>{" "}
                    <span className="nhsuk-body-s">
                      ({l.size} codes, {l.source})
                    </span>
                  </li>
                ))}
              {onCode &&
                found.r.codes.map((c) => (
                  <li key={`${c.system}:${c.code}`}>
                    <button
                      type="button"
                      className="bevan-link-button"
                      onClick={() => onCode(c.code, c.system)}
                    >
                      Add {c.term ?? c.code}
                    </button>{" "}
                    <span className="nhsuk-body-s">
                      ({c.system} {c.code})
                    </span>
                  </li>
                ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

function CodelistSummary({ id }: { id: string }) {
  const list = useData(() => (id ? api.codelist(id) : Promise.resolve(null)), [id]);
  if (list.state !== "ok") return <p className="nhsuk-body-s">Codelist {id}</p>;
  const l = list.data;
  if (!l) return <p className="nhsuk-body-s">No codelist chosen yet.</p>;
  const shown = l.codes.slice(0, 6);
  return (
    <div className="bevan-codeset">
      <p className="nhsuk-body-s">
        <strong>Codelist: {l.codelist.name}</strong> – {l.codelist.size} {l.codelist.system} codes from{" "}
        {l.codelist.source}
      </p>
      <ul className="nhsuk-list nhsuk-body-s bevan-codes">
        {shown.map((c) => (
          <li key={c.code}>
            {c.term ?? "(no description)"} <span className="bevan-code">{c.code}</span>
          </li>
        ))}
        {l.codes.length > shown.length && <li>… and {l.codes.length - shown.length} more</li>}
      </ul>
    </div>
  );
}

function WrittenCodes({
  system,
  codes,
  onRemove,
}: {
  system: string;
  codes: readonly string[];
  onRemove: (c: string) => void;
}) {
  const [all, setAll] = useState(false);
  const terms = useData(
    () => (codes.length ? api.codeTerms(system, codes) : Promise.resolve({ terms: [] })),
    [system, codes.join(",")],
  );
  const byCode = new Map(terms.state === "ok" ? terms.data.terms.map((t) => [t.code, t.term]) : []);
  const shown = all ? codes : codes.slice(0, 8);
  return (
    <div className="bevan-codeset">
      {codes.length === 0 ? (
        <p className="nhsuk-body-s">No codes yet: find them below.</p>
      ) : (
        <ul className="nhsuk-list nhsuk-body-s bevan-codes">
          {shown.map((c) => (
            <li key={c}>
              {byCode.get(c) ?? "(no description in the warehouse's codelists)"}{" "}
              <span className="bevan-code">{c}</span>{" "}
              <button type="button" className="bevan-link-button" onClick={() => onRemove(c)}>
                Remove<span className="nhsuk-u-visually-hidden"> code {c}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {codes.length > 8 && (
        <button type="button" className="bevan-link-button" onClick={() => setAll(!all)}>
          {all ? "Show fewer codes" : `Show all ${codes.length} codes`}
        </button>
      )}
    </div>
  );
}

export function CodeSetField({
  id,
  label,
  value,
  onChange,
  defaultSystem,
}: {
  id: string;
  label: string;
  value: Node;
  onChange: (c: Node) => void;
  defaultSystem: string;
}) {
  const isList = value.kind === "codelist";
  const system = isList ? undefined : (value.system as string);
  const codes = isList ? [] : ((value.codes as string[]) ?? []);
  return (
    <fieldset className="nhsuk-fieldset bevan-fieldset">
      <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{label}</legend>
      <SelectField
        id={`${id}-kind`}
        label="Codes from"
        value={value.kind}
        options={[
          ["codelist", "A codelist in the warehouse"],
          ["codes", "Codes I choose"],
        ]}
        onChange={(k) =>
          onChange(
            k === "codelist"
              ? { kind: "codelist", id: "" }
              : { kind: "codes", system: defaultSystem, codes: [] },
          )
        }
      />
      {isList ? (
        <>
          <CodelistSummary id={value.id as string} />
          <CodePicker id={id} system={undefined} onList={(l) => onChange({ kind: "codelist", id: l })} />
        </>
      ) : (
        <>
          <SelectField
            id={`${id}-system`}
            label="Coding system"
            value={system ?? defaultSystem}
            options={SYSTEMS}
            onChange={(s) => onChange({ ...value, system: s })}
          />
          <WrittenCodes
            system={system ?? defaultSystem}
            codes={codes}
            onRemove={(c) => onChange({ ...value, codes: codes.filter((x) => x !== c) })}
          />
          <CodePicker
            id={id}
            system={system}
            onCode={(c) =>
              codes.includes(c) ? undefined : onChange({ ...value, codes: [...codes, c] as Json })
            }
          />
          {typeof value.source === "string" && (
            <TextField
              id={`${id}-source`}
              label="Where the codes come from"
              value={value.source}
              onChange={(s) => onChange({ ...value, source: s })}
              wide
            />
          )}
        </>
      )}
    </fieldset>
  );
}
