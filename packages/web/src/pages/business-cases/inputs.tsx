// The case's inputs as ranges: for each input, a number (fixed) or a distribution and its
// parameters. Shares are shown as percentages (20 for 0.2); a beta distribution's a and b,
// and a lognormal's parameters, are shown as they are.
import type { BusinessCaseExamplesResponse } from "@bevan/client";

export type InputSpec = BusinessCaseExamplesResponse["inputs"][number];
export type Kind = "fixed" | "triangular" | "uniform" | "normal" | "lognormal" | "beta";
export type Value = number | Partial<Record<Exclude<Kind, "fixed">, number[]>>;

export const KINDS: { code: Kind; label: string; params: string[] }[] = [
  { code: "fixed", label: "A single value", params: ["Value"] },
  { code: "triangular", label: "Triangular", params: ["Lowest", "Most likely", "Highest"] },
  { code: "uniform", label: "Uniform", params: ["Lowest", "Highest"] },
  { code: "normal", label: "Normal", params: ["Mean", "Standard deviation"] },
  { code: "lognormal", label: "Lognormal", params: ["Mean of log", "SD of log"] },
  { code: "beta", label: "Beta (for shares)", params: ["a", "b"] },
];

export function kindOf(v: Value | undefined): Kind {
  if (v === undefined || typeof v === "number") return "fixed";
  return (Object.keys(v)[0] as Kind) ?? "fixed";
}

export function paramsOf(v: Value | undefined, fallback: number): number[] {
  if (v === undefined) return [fallback];
  if (typeof v === "number") return [v];
  return Object.values(v)[0] ?? [fallback];
}

/** Whether the parameters are on the input's own scale (shown as % for shares). */
const linear = (k: Kind) => k === "fixed" || k === "triangular" || k === "uniform" || k === "normal";
export const scaleOf = (spec: InputSpec, k: Kind) => (spec.unit === "share" && linear(k) ? 100 : 1);

export function unitLabel(spec: InputSpec, k: Kind): string {
  if (spec.unit === "share") return linear(k) ? "%" : "";
  return { people: "people", rate: "a year", pounds: "£", days: "days", years: "years" }[spec.unit] ?? "";
}

/** A new value of kind `k`, from the current one's centre. */
export function convert(v: Value | undefined, k: Kind, spec: InputSpec): Value {
  const p = paramsOf(v, spec.neutral ?? 0);
  const centre =
    kindOf(v) === "triangular"
      ? (p[1] ?? 0)
      : kindOf(v) === "uniform"
        ? ((p[0] ?? 0) + (p[1] ?? 0)) / 2
        : (p[0] ?? 0);
  const spread = Math.abs(centre) * 0.25;
  const round = (x: number) => Number(x.toPrecision(4));
  switch (k) {
    case "fixed":
      return round(centre);
    case "triangular":
      return { triangular: [round(centre - spread), round(centre), round(centre + spread)] };
    case "uniform":
      return { uniform: [round(centre - spread), round(centre + spread)] };
    case "normal":
      return { normal: [round(centre), round(spread / 2)] };
    case "lognormal":
      return { lognormal: [round(Math.log(Math.max(centre, 1e-6))), 0.25] };
    default: {
      const m = Math.min(0.99, Math.max(0.01, centre));
      return { beta: [round(m * 20), round((1 - m) * 20)] };
    }
  }
}

export function InputRow({
  spec,
  value,
  fromData,
  onChange,
}: {
  spec: InputSpec;
  value: Value | undefined;
  /** The input is left to the cohort's data (shown instead of a value). */
  fromData: boolean;
  onChange: (v: Value | undefined) => void;
}) {
  const id = `bc-${spec.path.replaceAll(".", "-")}`;
  const k = kindOf(value);
  const scale = scaleOf(spec, k);
  const params = paramsOf(value, spec.neutral ?? 0);
  const set = (i: number, x: number) => {
    const next = params.map((p, j) => (j === i ? x / scale : p));
    onChange(k === "fixed" ? (next[0] ?? 0) : ({ [k]: next } as Value));
  };
  const unit = unitLabel(spec, k);
  return (
    <tr data-testid={`bc-input-${spec.path}`}>
      <th scope="row" className="bevan-bc-input__label">
        {spec.label}
        <span className="nhsuk-body-s bevan-bc-input__help">{spec.help}</span>
      </th>
      <td>
        <label className="nhsuk-u-visually-hidden" htmlFor={`${id}-kind`}>
          {spec.label}: how it is given
        </label>
        <select
          id={`${id}-kind`}
          className="nhsuk-select"
          value={value === undefined ? (fromData ? "data" : "neutral") : k}
          onChange={(e) => {
            const next = e.target.value;
            if (next === "data" || next === "neutral") onChange(undefined);
            else onChange(convert(value, next as Kind, spec));
          }}
        >
          {spec.fromCohort && fromData ? <option value="data">From the data</option> : null}
          {spec.neutral !== null ? <option value="neutral">Left out (no effect)</option> : null}
          {KINDS.map((x) => (
            <option key={x.code} value={x.code}>
              {x.label}
            </option>
          ))}
        </select>
      </td>
      <td className="bevan-bc-input__params">
        {value === undefined
          ? null
          : (KINDS.find((x) => x.code === k)?.params ?? []).map((label, i) => (
              <span key={label} className="bevan-inline-field">
                <label className="nhsuk-label nhsuk-body-s" htmlFor={`${id}-${i}`}>
                  {label}
                  {unit ? ` (${unit})` : ""}
                </label>
                <input
                  id={`${id}-${i}`}
                  className="nhsuk-input nhsuk-input--width-5"
                  type="number"
                  step="any"
                  value={Number(((params[i] ?? 0) * scale).toPrecision(6))}
                  onChange={(e) => set(i, Number(e.target.value))}
                />
              </span>
            ))}
      </td>
    </tr>
  );
}
