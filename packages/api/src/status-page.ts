// The embedded server's status page: what is loaded, as of when, and the headline numbers,
// suppressed as for any aggregate audience. The web application replaces it (issue 9).
import { REGISTER_NAMES, type RegisterCode } from "@bevan/domain";
import type { WarehouseSummary } from "@bevan/query";
import { suppressCount } from "@bevan/query";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const fmt = (n: number) => {
  const s = suppressCount(n);
  return s.suppressed ? "&lt;10" : (s.value ?? 0).toLocaleString("en-GB");
};

export function statusPageHtml(summary: WarehouseSummary | null, note: string): string {
  const body = summary
    ? `<p class="lede">Synthetic ICS warehouse as of <strong>${escapeHtml(summary.asOf)}</strong>:
        ${fmt(summary.persons.registered)} registered people in ${summary.organisations.practices} practices,
        ${summary.organisations.pcns} PCNs and ${summary.organisations.places} places.</p>
      <h2>Emergency admissions</h2>
      <p>${fmt(summary.activity.emergencyAdmissions12m)} in the 12 months to the as-of date
        (${summary.activity.emergencyAdmissionsPer1000} per 1,000 registered).</p>
      <h2>Registers</h2>
      <table><thead><tr><th>Register</th><th class="num">People</th><th class="num">Prevalence</th></tr></thead><tbody>
      ${Object.entries(summary.registers)
        .map(([code, r]) => {
          const s = suppressCount(r.count);
          const prevalence = s.suppressed ? "suppressed" : `${(100 * r.prevalence).toFixed(2)}%`;
          return `<tr><td>${escapeHtml(REGISTER_NAMES[code as RegisterCode])}${r.minAge > 0 ? ` (${r.minAge}+)` : ""}</td><td class="num">${fmt(r.count)}</td><td class="num">${prevalence}</td></tr>`;
        })
        .join("\n")}
      </tbody></table>`
    : `<p class="lede">No built warehouse yet.</p>`;
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bevan – status</title><link rel="stylesheet" href="/status.css"></head>
<body><header><div class="wrap"><span class="logo">Bevan</span> <span class="service">Population health management</span></div></header>
<main class="wrap"><h1>Warehouse status</h1>${body}
<p class="note">${escapeHtml(note)}</p>
<p class="note">API: <a href="/api/health">/api/health</a> · <a href="/api/summary">/api/summary</a></p></main></body></html>`;
}

export const STATUS_CSS = `body{margin:0;font-family:Arial,Helvetica,sans-serif;color:#212b32;background:#f0f4f5}
header{background:#005eb8;color:#fff;padding:16px 0}.wrap{max-width:960px;margin:0 auto;padding:0 16px}
.logo{font-weight:700;font-size:24px;margin-right:12px}.service{font-size:18px}
h1{font-size:32px;margin:32px 0 16px}h2{font-size:24px;margin:32px 0 8px}.lede{font-size:19px}
table{border-collapse:collapse;background:#fff;width:100%}th,td{text-align:left;padding:8px 12px;border-bottom:1px solid #d8dde0}
.num{text-align:right}.note{color:#4c6272;font-size:16px;margin-top:24px}a{color:#005eb8}`;
