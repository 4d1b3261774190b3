// The indicator picker the variation and inequalities pages share (ids from /api/indicators).
export function IndicatorSelect({
  id,
  value,
  indicators,
  onChange,
}: {
  id: string;
  value: string;
  indicators: readonly { id: string; name: string }[];
  onChange: (indicator: string) => void;
}) {
  const known = indicators.some((i) => i.id === value);
  return (
    <div className="nhsuk-form-group bevan-inline-field">
      <label className="nhsuk-label" htmlFor={id}>
        Indicator
      </label>
      <select id={id} className="nhsuk-select" value={value} onChange={(e) => onChange(e.target.value)}>
        {known ? null : <option value={value}>{value}</option>}
        {indicators.map((i) => (
          <option key={i.id} value={i.id}>
            {i.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The indicator in the address: `indicator=…`, or the older `register=CODE`, or hypertension. */
export function indicatorFrom(query: URLSearchParams): string {
  const indicator = query.get("indicator");
  if (indicator) return indicator;
  const register = query.get("register");
  return register ? `register:${register}` : "register:HYP";
}
