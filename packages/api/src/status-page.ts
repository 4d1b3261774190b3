// The embedded server's front page until the web application (issue 9): the headline
// numbers for the whole ICS, suppressed as for any aggregate audience, and a sign-in form
// (demo users, clearly labelled, in the embedded default).
import type { SuppressedCount } from "@bevan/query";
import type { PublicSummary } from "./public-summary.ts";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function statusPageHtml(
  summary: PublicSummary | null,
  options: { demoUsers: readonly string[] },
): string {
  const fmt = (c: SuppressedCount) =>
    c.suppressed ? `&lt;${summary?.disclosure.threshold ?? 8}` : (c.value ?? 0).toLocaleString("en-GB");
  const body = summary
    ? `<p class="lede">Synthetic ICS warehouse as of <strong>${escapeHtml(summary.asOf)}</strong>:
        ${fmt(summary.persons.registered)} registered people in ${summary.organisations.practices} practices,
        ${summary.organisations.pcns} PCNs and ${summary.organisations.places} places.</p>
      <h2>Emergency admissions</h2>
      <p>${fmt(summary.activity.emergencyAdmissions12m)} in the 12 months to the as-of date${
        summary.activity.emergencyAdmissionsPer1000 === null
          ? ""
          : ` (${summary.activity.emergencyAdmissionsPer1000} per 1,000 registered)`
      }.</p>
      <h2>Registers</h2>
      <table><thead><tr><th>Register</th><th class="num">People</th><th class="num">Prevalence</th></tr></thead><tbody>
      ${summary.registers
        .map(
          (r) =>
            `<tr><td>${escapeHtml(r.name)}${r.minAge > 0 ? ` (${r.minAge}+)` : ""}</td><td class="num">${fmt(r.count)}</td><td class="num">${
              r.prevalence === null ? "suppressed" : `${(100 * r.prevalence).toFixed(2)}%`
            }</td></tr>`,
        )
        .join("\n")}
      </tbody></table>
      <p class="note">Counts from 1 to ${summary.disclosure.threshold - 1} are shown as &lt;${summary.disclosure.threshold}; ${
        summary.disclosure.maxPerturbation === null
          ? `other counts are rounded to the nearest ${summary.disclosure.rounding}, and prevalence is computed from the rounded counts.`
          : `other counts are moved by up to ${summary.disclosure.maxPerturbation} either way, by an amount fixed by the people counted (so they stay the same on every visit), and prevalence is computed from the published counts.`
      }</p>`
    : `<p class="lede">No built warehouse yet.</p>`;
  const demo =
    options.demoUsers.length > 0
      ? `<div class="demo"><strong>Demo users (synthetic data only).</strong> Sign in as ${options.demoUsers
          .map((u) => `<code>${escapeHtml(u)}</code>`)
          .join(", ")} with the password <code>demo</code>.</div>`
      : "";
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bevan – status</title><link rel="stylesheet" href="/status.css"><script src="/sign-in.js" defer></script></head>
<body><header><div class="wrap"><span class="logo">Bevan</span> <span class="service">Population health management</span></div></header>
<main class="wrap"><h1>Warehouse status</h1>${body}
<h2>Sign in</h2>${demo}
<form id="sign-in"><label>Username <input name="username" autocomplete="username" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button></form><p id="signed-in" class="note" role="status"></p>
<p class="note">The web application arrives with the web issue. API: <a href="/api/openapi.json">/api/openapi.json</a> · <a href="/api/health">/api/health</a> · <a href="/api/summary">/api/summary</a></p></main></body></html>`;
}

export const SIGN_IN_JS = `document.getElementById("sign-in")?.addEventListener("submit", async (e) => {
  e.preventDefault();
  const f = new FormData(e.target);
  const out = document.getElementById("signed-in");
  const res = await fetch("/api/auth/sign-in", { method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: f.get("username"), password: f.get("password") }) });
  const body = await res.json();
  out.textContent = res.ok ? "Signed in as " + body.displayName + " (" + body.role.name + "). Try /api/auth/me or /api/organisations."
    : body.error.message;
});`;

export const STATUS_CSS = `body{margin:0;font-family:Arial,Helvetica,sans-serif;color:#212b32;background:#f0f4f5}
header{background:#005eb8;color:#fff;padding:16px 0}.wrap{max-width:960px;margin:0 auto;padding:0 16px}
.logo{font-weight:700;font-size:24px;margin-right:12px}.service{font-size:18px}
h1{font-size:32px;margin:32px 0 16px}h2{font-size:24px;margin:32px 0 8px}.lede{font-size:19px}
table{border-collapse:collapse;background:#fff;width:100%}th,td{text-align:left;padding:8px 12px;border-bottom:1px solid #d8dde0}
.num{text-align:right}.note{color:#4c6272;font-size:16px;margin-top:24px}a{color:#005eb8}
.demo{background:#fff9c4;border-left:8px solid #ffeb3b;padding:12px 16px;margin:8px 0 16px}
form label{display:block;margin:8px 0}input{font-size:16px;padding:4px}button{font-size:16px;padding:6px 16px;background:#007f3b;color:#fff;border:0}`;
