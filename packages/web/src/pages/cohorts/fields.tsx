// Small NHS-styled form controls the criterion editors share. Each edits one property of a
// node and reports the new value; none keeps state of its own beyond what it shows.
import type { ReactNode } from "react";
import type { Json, Node } from "../../lib/cohort-tree.ts";

export function NumberField({
  id,
  label,
  value,
  onChange,
  optional = false,
  step,
  min,
  suffix,
}: {
  id: string;
  label: string;
  value: Json | undefined;
  onChange: (v: number | undefined) => void;
  optional?: boolean;
  step?: string;
  min?: number;
  suffix?: string;
}) {
  return (
    <div className="nhsuk-form-group bevan-inline-field">
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      <div className="bevan-number">
        <input
          className="nhsuk-input nhsuk-input--width-4"
          id={id}
          type="number"
          step={step ?? "any"}
          min={min}
          value={typeof value === "number" ? value : ""}
          placeholder={optional ? "any" : undefined}
          onChange={(e) => {
            const v = e.target.value;
            if (v === "") onChange(optional ? undefined : 0);
            else if (Number.isFinite(Number(v))) onChange(Number(v));
          }}
        />
        {suffix && <span className="bevan-suffix">{suffix}</span>}
      </div>
    </div>
  );
}

export function SelectField({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  options: readonly (readonly [string, string])[];
  onChange: (v: string) => void;
}) {
  const known = options.some(([v]) => v === value);
  return (
    <div className="nhsuk-form-group bevan-inline-field">
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="nhsuk-select" value={value} onChange={(e) => onChange(e.target.value)}>
        {!known && <option value={value}>{value}</option>}
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

export function CheckboxGroup({
  id,
  legend,
  options,
  value,
  onChange,
  scroll = false,
}: {
  id: string;
  legend: string;
  options: readonly (readonly [string, string])[];
  value: readonly string[];
  onChange: (v: string[]) => void;
  scroll?: boolean;
}) {
  // Values the options do not list are kept (and shown), never silently dropped.
  const all: (readonly [string, string])[] = [
    ...options,
    ...value.filter((v) => !options.some(([o]) => o === v)).map((v) => [v, v] as const),
  ];
  return (
    <fieldset className="nhsuk-fieldset bevan-fieldset">
      <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
      <div
        className={`nhsuk-checkboxes nhsuk-checkboxes--small bevan-checkbox-grid${scroll ? " bevan-scroll" : ""}`}
      >
        {all.map(([v, l]) => {
          const box = `${id}-${v.replace(/[^A-Za-z0-9_-]/g, "_")}`;
          return (
            <div key={v} className="nhsuk-checkboxes__item">
              <input
                className="nhsuk-checkboxes__input"
                id={box}
                type="checkbox"
                checked={value.includes(v)}
                onChange={(e) =>
                  // Keeps the order the definition had, adding new choices at the end.
                  onChange(e.target.checked ? [...value, v] : value.filter((x) => x !== v))
                }
              />
              <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={box}>
                {l}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

export function TextField({
  id,
  label,
  value,
  onChange,
  hint,
  wide = false,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  hint?: string;
  wide?: boolean;
}) {
  return (
    <div className="nhsuk-form-group bevan-inline-field">
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div className="nhsuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      <input
        className={`nhsuk-input ${wide ? "nhsuk-u-width-full" : "nhsuk-input--width-20"}`}
        id={id}
        value={value}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

/** Sets or removes a property of a node (undefined removes it). */
export function withProp(n: Node, key: string, value: Json | undefined): Node {
  const next: Node = { ...n };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

export function Row({ children }: { children: ReactNode }) {
  return <div className="bevan-controls">{children}</div>;
}
