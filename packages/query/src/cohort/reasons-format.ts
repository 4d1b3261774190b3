// A reason's raw values in words for a list or an export: "52 mmol/mol on 10 Jan 2026",
// "11 medicines", "12 in 100 (high)". Pure.
import type { ReasonNode, ReasonValue } from "./member-page.ts";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** 2026-01-10 → "10 Jan 2026". */
export function ukDate(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `${Number(d)} ${MONTHS[Number(m) - 1] ?? m} ${y}`;
}

const words = (s: string) => s.replace(/_/g, " ");

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

/** A value in people's terms: probabilities as "x in 100", percentages likewise. */
function scoreText(score: string, value: number | null, band: string | null): string {
  const b = band ? words(band) : null;
  if (value === null) return b ?? "";
  let v: string;
  if (score === "admission_risk" || score === "mortality_risk") v = `${inHundred(100 * value)} in 100`;
  else if (score === "qdiabetes" || score === "qrisk3") v = `${inHundred(value)} in 100 over 10 years`;
  else if (score === "efi") v = value.toFixed(2);
  else v = String(Math.round(value * 10) / 10);
  return b ? `${v} (${b})` : v;
}

/** 12.34 → "12", 0.4 → "less than 1", 99.7 → "more than 99". */
function inHundred(x: number): string {
  if (x < 1) return "less than 1";
  if (x > 99) return "more than 99";
  return String(Math.round(x));
}

export function formatReason(node: ReasonNode, r: ReasonValue | undefined): string {
  if (!r) return "";
  switch (node.kind) {
    case "register":
      return r.date ? `since ${ukDate(r.date)}` : "yes";
    case "register_count":
      return r.count === null ? "" : `${r.count} of ${node.registers.length}`;
    case "events": {
      const n = r.count ?? 0;
      const what = node.source === "medications" ? plural(n, "issue") : plural(n, "entry", "entries");
      const latest = r.date ? `latest ${ukDate(r.date)}` : "";
      return `${[latest, what].filter(Boolean).join(", ")}${r.text ? ` (${r.text})` : ""}`;
    }
    case "latest_value":
      return r.value === null
        ? ""
        : `${Number(r.value.toFixed(2))}${r.text ? ` ${r.text}` : ""}${r.date ? ` on ${ukDate(r.date)}` : ""}`;
    case "distinct_medicines":
      if (r.count === null) return "";
      if (!r.text) return plural(r.count, "medicine");
      return `${plural(r.count, "medicine")}: ${r.text}${r.count > 2 ? " and others" : ""}`;
    case "hospital_activity":
      return r.count === null ? "" : `${r.count}${r.date ? `, latest ${ukDate(r.date)}` : ""}`;
    case "social_care":
      return r.date ? `${r.text ? `${words(r.text)} ` : ""}since ${ukDate(r.date)}` : "";
    case "score":
      return scoreText(node.score, r.value, r.text);
  }
}

/** The number or date a spreadsheet should hold for a reason (for sorting in Excel), else null. */
export function reasonNumber(node: ReasonNode, r: ReasonValue | undefined): number | null {
  if (!r) return null;
  if (node.kind === "latest_value" || node.kind === "score") return r.value;
  if (
    node.kind === "register_count" ||
    node.kind === "distinct_medicines" ||
    node.kind === "hospital_activity"
  )
    return r.count;
  return null;
}
