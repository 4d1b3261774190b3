// Small pieces several pages share.
import type { PopulationResponse } from "@bevan/client";

export function DisclosureNote({ disclosure }: { disclosure: PopulationResponse["disclosure"] }) {
  return (
    <p className="nhsuk-body-s bevan-disclosure">
      <strong>{disclosure.kind === "direct-care" ? "Direct care: " : "Small numbers: "}</strong>
      {disclosure.note}
    </p>
  );
}

export function RegisterSelect({
  id,
  value,
  registers,
  onChange,
  label = "Register",
}: {
  id: string;
  value: string;
  registers: readonly { code: string; name: string }[];
  onChange: (code: string) => void;
  label?: string;
}) {
  return (
    <div className="nhsuk-form-group bevan-inline-field">
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="nhsuk-select" value={value} onChange={(e) => onChange(e.target.value)}>
        {registers.map((r) => (
          <option key={r.code} value={r.code}>
            {r.name} ({r.code})
          </option>
        ))}
      </select>
    </div>
  );
}
