// A business case's printed summary for a board: the headline (net savings over the horizon as
// a range, the chance of breaking even, the reduction needed), the fan chart of cumulative net
// savings and the tornado drawn as SVG, the baseline with its regression to the mean, the
// gain/loss share, every input and where it came from, and the provenance panel.
import type { BusinessCaseResult } from "@bevan/finance";
import { html, reportDocument, type SafeHtml, table, trusted } from "@bevan/reports";

export interface ReportBaseline {
  readonly cohortName: string;
  readonly asOf: string;
  readonly from: string;
  readonly regression: {
    chosenAt: string;
    people: number | null;
    selectionYear: number | null;
    followingYear: number | null;
    change: number | null;
  } | null;
  readonly notes: readonly string[];
}

const money = (x: number) => `${x < 0 ? "−" : ""}£${Math.round(Math.abs(x)).toLocaleString("en-GB")}`;
const inHundred = (p: number) => `${Math.round(100 * p)} in 100`;
const pct = (p: number) => `${p < 0 ? "−" : ""}${Math.abs(Math.round(100 * p))}%`;
const whole = (x: number) => Math.round(x).toLocaleString("en-GB");

function niceMax(x: number): number {
  if (x <= 0) return 0;
  const p = 10 ** Math.floor(Math.log10(x));
  return Math.ceil(x / p) * p;
}

/** Cumulative discounted net savings by year: P10–P90 band, P50, and run 0 (dashed). */
export function fanSvg(r: BusinessCaseResult): string {
  const W = 640;
  const H = 240;
  const L = 80;
  const B = 30;
  const T = 10;
  const ys = r.byYear.flatMap((y) => [y.cumulative.p10, y.cumulative.p90, 0]);
  const top = niceMax(Math.max(...ys));
  const bottom = -niceMax(-Math.min(...ys));
  const x = (t: number) => L + (t / r.years) * (W - L - 40);
  const y = (v: number) => T + ((top - v) / (top - bottom || 1)) * (H - T - B);
  const pts = (f: (i: number) => number) => [
    `${x(0)},${y(0)}`,
    ...r.byYear.map((yr, i) => `${x(yr.year)},${y(f(i))}`),
  ];
  const band = [
    ...pts((i) => r.byYear[i]?.cumulative.p90 ?? 0),
    ...pts((i) => r.byYear[i]?.cumulative.p10 ?? 0).reverse(),
  ];
  const ticks = [bottom, (bottom + top) / 2, top, 0].filter(
    (v, i, a) => a.findIndex((w) => money(w) === money(v)) === i,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="Fan chart of cumulative net savings">
<polygon points="${band.join(" ")}" fill="#005eb8" fill-opacity="0.2" stroke="none"/>
<polyline points="${pts((i) => r.byYear[i]?.cumulative.p50 ?? 0).join(" ")}" fill="none" stroke="#005eb8" stroke-width="2"/>
<polyline points="${pts((i) => r.baselineRun.byYear[i]?.cumulative ?? 0).join(" ")}" fill="none" stroke="#425563" stroke-dasharray="4 3"/>
<line x1="${L}" x2="${W - 10}" y1="${y(0)}" y2="${y(0)}" stroke="#212b32"/>
${ticks.map((v) => `<text x="${L - 6}" y="${y(v) + 4}" font-size="10" text-anchor="end">${money(v)}</text>`).join("")}
${r.byYear.map((yr) => `<text x="${x(yr.year)}" y="${H - 10}" font-size="10" text-anchor="middle">Year ${yr.year}</text>`).join("")}
</svg>`;
}

/** The tornado: each input at its P10 and P90 with the others at their means. */
export function tornadoSvg(r: BusinessCaseResult): string {
  const bars = r.tornado.slice(0, 8);
  if (!bars.length) return "";
  const W = 640;
  const row = 24;
  const L = 250;
  const H = bars.length * row + 30;
  const lo = Math.min(...bars.map((b) => Math.min(b.atLow, b.atHigh)), r.baselineRun.cumulative);
  const hi = Math.max(...bars.map((b) => Math.max(b.atLow, b.atHigh)), r.baselineRun.cumulative);
  const x = (v: number) => L + ((v - lo) / (hi - lo || 1)) * (W - L - 20);
  const base = r.baselineRun.cumulative;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="Tornado chart">
${bars
  .map((b, i) => {
    const y0 = i * row + 4;
    const a = Math.min(b.atLow, b.atHigh);
    const c = Math.max(b.atLow, b.atHigh);
    return `<text x="${L - 6}" y="${y0 + 14}" font-size="10" text-anchor="end">${escapeXml(b.label)}</text>
<rect x="${x(a)}" y="${y0}" width="${Math.max(1, x(c) - x(a))}" height="${row - 8}" fill="#005eb8" fill-opacity="0.7"/>`;
  })
  .join("\n")}
<line x1="${x(base)}" x2="${x(base)}" y1="0" y2="${H - 24}" stroke="#212b32"/>
<text x="${x(lo)}" y="${H - 8}" font-size="10">${money(lo)}</text>
<text x="${x(hi)}" y="${H - 8}" font-size="10" text-anchor="end">${money(hi)}</text>
</svg>`;
}

function escapeXml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);
}

export function businessCaseHtml(
  r: BusinessCaseResult,
  baseline: ReportBaseline | null,
  provenance: { scope: string; asOf: string; disclosure: string; generatedFor: string },
): string {
  const rm = baseline?.regression;
  const body: SafeHtml = html`
<h2>The answer</h2>
<p>Over ${r.years} years, discounted at ${(100 * r.discountRate).toFixed(1)}% a year (HM Treasury's Green Book), the
net saving is most likely <strong>${money(r.cumulative.p50)}</strong>, and 8 runs in 10 fall between
${money(r.cumulative.p10)} and ${money(r.cumulative.p90)} (mean ${money(r.cumulative.mean)}).
The chance that the case breaks even is <strong>${inHundred(r.probabilityPositive)}</strong>.
${
  r.breakEven.effect === null
    ? "No reduction in emergency admissions up to 100% makes it break even with the other inputs at their means."
    : html`It breaks even if emergency admissions fall by ${pct(r.breakEven.effect)} among those taking part (the other inputs at their means).`
}
About ${whole(r.activityAvoided.admissions.p50)} emergency admissions (${whole(r.activityAvoided.admissions.p10)} to ${whole(r.activityAvoided.admissions.p90)})
and ${whole(r.activityAvoided.bedDays.p50)} bed days are avoided. ${r.runs.toLocaleString("en-GB")} runs, seed ${r.seed}.</p>
<h3>Cumulative net savings by year</h3>
<p>The shaded band holds 8 runs in 10, the line is the median, the dashed line the case with every input at its mean.</p>
${trusted(fanSvg(r))}
${table(
  [
    { header: "Year" },
    { header: "Net saving P10", align: "right" },
    { header: "P50", align: "right" },
    { header: "P90", align: "right" },
    { header: "Cumulative P50", align: "right" },
    { header: "Chance ahead by then", align: "right" },
  ],
  r.byYear.map((y) => [
    `Year ${y.year}`,
    money(y.p10),
    money(y.p50),
    money(y.p90),
    money(y.cumulative.p50),
    inHundred(y.probabilityPositive),
  ]),
)}
${
  r.tornado.length
    ? html`<h3>What drives the uncertainty</h3><p>Net saving over the horizon with each input at its P10 and at its P90, the others at their means; the line is the case at the means.</p>${trusted(tornadoSvg(r))}`
    : ""
}
${
  baseline
    ? html`<h2>The baseline</h2>
<p>Taken from the data for <strong>${baseline.cohortName}</strong> (as of ${baseline.asOf}):
${baseline.from === "following-year" ? "what people chosen this way a year earlier did in the year after they were chosen" : "the cohort's last year"}.</p>
${
  rm && rm.selectionYear !== null && rm.followingYear !== null
    ? html`<p><strong>Regression to the mean.</strong> People chosen this way on ${rm.chosenAt} had ${rm.selectionYear.toFixed(2)} emergency admissions each in the year before and ${rm.followingYear.toFixed(2)} in the year after${rm.change === null ? "" : html` (${pct(rm.change)})`}, with no intervention. A case that counted last year's use as the baseline would claim that fall as a saving.</p>`
    : ""
}
${baseline.notes.map((n) => html`<p>${n}</p>`)}`
    : ""
}
${
  r.riskShare
    ? html`<h2>Gain and loss share</h2>
${table(
  [
    { header: "Party" },
    { header: "P10", align: "right" },
    { header: "P50", align: "right" },
    { header: "P90", align: "right" },
    { header: "Chance of a loss", align: "right" },
  ],
  [
    [
      `Providers (${pct(r.riskShare.terms.providerGainShare)} of gains, ${pct(r.riskShare.terms.providerLossShare)} of losses${r.riskShare.terms.providerLossCap === undefined ? "" : `, losses capped at ${money(r.riskShare.terms.providerLossCap)}`})`,
      money(r.riskShare.providers.p10),
      money(r.riskShare.providers.p50),
      money(r.riskShare.providers.p90),
      inHundred(r.riskShare.providers.probabilityLoss),
    ],
    [
      "Commissioner",
      money(r.riskShare.commissioner.p10),
      money(r.riskShare.commissioner.p50),
      money(r.riskShare.commissioner.p90),
      inHundred(r.riskShare.commissioner.probabilityLoss),
    ],
  ],
)}`
    : ""
}
<h2>Every input</h2>
${table(
  [{ header: "Input" }, { header: "Value or range" }, { header: "From" }],
  r.inputs
    .filter((i) => i.source !== "default")
    .map((i) => [i.label, i.described, i.source === "cohort" ? "the data" : "the case"]),
)}
<p>Inputs not listed are left neutral (no ramp-up, attrition, growth, fixed cost or optimism bias).</p>
${r.warnings.map((w) => html`<p>${w}</p>`)}`;
  return reportDocument({
    title: r.name,
    subtitle: `Business case: ${r.years}-year net savings as a range`,
    body,
    provenance: {
      scope: provenance.scope,
      asOf: provenance.asOf,
      source: baseline
        ? "Bevan warehouse: costed activity (person_cost) priced at the unit costs in use"
        : "The case's own inputs (no data read)",
      disclosure: provenance.disclosure,
      generatedAt: new Date().toISOString(),
      generatedFor: provenance.generatedFor,
    },
  });
}
