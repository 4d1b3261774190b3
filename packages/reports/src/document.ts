// The printed report's frame: a title block, the body, and a provenance panel that says where
// every figure came from (scope, as-of date, source, disclosure rule, when and for whom it was
// made). Print CSS in the NHS colours; Arial stands in for Frutiger, which is licensed.
import { html, type SafeHtml, trusted } from "./html.ts";

export interface Provenance {
  /** The organisations the figures cover, in words ("Trafford ICS", "Practice: Davyhulme Medical Centre"). */
  readonly scope: string;
  /** The data's as-of date (ISO). */
  readonly asOf: string;
  /** Where the data came from ("Bevan warehouse: GP, hospital, … extract of 2026-03-31"). */
  readonly source: string;
  /** The disclosure rule applied, in words (from the API's disclosure note). */
  readonly disclosure: string;
  /** When the report was made (ISO date-time). */
  readonly generatedAt: string;
  /** Who asked for it (a role or user name), if anyone. */
  readonly generatedFor?: string;
}

export interface ReportDocument {
  readonly title: string;
  readonly subtitle?: string;
  readonly body: SafeHtml;
  readonly provenance: Provenance;
}

export const REPORT_CSS = `
@page { size: A4; }
* { box-sizing: border-box; }
body { font-family: Arial, "Helvetica Neue", sans-serif; color: #212b32; font-size: 10pt; line-height: 1.4; margin: 0; }
header.report { border-bottom: 4px solid #005eb8; padding-bottom: 6pt; margin-bottom: 10pt; }
header.report .service { color: #005eb8; font-weight: bold; font-size: 9pt; letter-spacing: 0.02em; }
h1 { font-size: 18pt; margin: 2pt 0; }
h2 { font-size: 13pt; margin: 14pt 0 4pt; color: #005eb8; break-after: avoid; }
h3 { font-size: 11pt; margin: 10pt 0 3pt; break-after: avoid; }
p.subtitle { color: #4c6272; margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; font-size: 9pt; break-inside: auto; }
caption { text-align: left; font-weight: bold; padding-bottom: 3pt; }
th, td { border-bottom: 1px solid #d8dde0; padding: 3pt 4pt; text-align: left; vertical-align: top; }
th { background: #f0f4f5; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr { break-inside: avoid; }
figure { margin: 6pt 0; break-inside: avoid; }
figcaption { font-size: 8.5pt; color: #4c6272; }
.callout { border-left: 6px solid #005eb8; background: #f0f4f5; padding: 6pt 8pt; margin: 6pt 0; break-inside: avoid; }
.warning { border-left-color: #ffb81c; }
section.provenance { margin-top: 14pt; border-top: 1px solid #d8dde0; padding-top: 6pt; font-size: 8pt; color: #4c6272; break-inside: avoid; }
section.provenance dl { display: grid; grid-template-columns: max-content 1fr; gap: 1pt 8pt; margin: 0; }
section.provenance dt { font-weight: bold; }
section.provenance dd { margin: 0; }
.page-break { break-before: page; }
`;

/** A complete HTML document for one report, ready for `PdfRenderer.fromHtml`. */
export function reportDocument(doc: ReportDocument, extraCss = ""): string {
  const p = doc.provenance;
  const page = html`<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>${doc.title}</title>
<style>${trusted(REPORT_CSS + extraCss)}</style></head>
<body>
<header class="report"><div class="service">NHS · Bevan population health management</div>
<h1>${doc.title}</h1>${doc.subtitle ? html`<p class="subtitle">${doc.subtitle}</p>` : ""}</header>
<main>${doc.body}</main>
<section class="provenance" aria-label="Where these figures come from"><dl>
<dt>Covers</dt><dd>${p.scope}</dd>
<dt>Data as of</dt><dd>${p.asOf}</dd>
<dt>Source</dt><dd>${p.source}</dd>
<dt>Small numbers</dt><dd>${p.disclosure}</dd>
<dt>Produced</dt><dd>${p.generatedAt}${p.generatedFor ? html` for ${p.generatedFor}` : ""}</dd>
</dl></section>
</body></html>`;
  return page.html;
}

/** The provenance in one line, for a PDF page footer. */
export function provenanceLine(p: Provenance): string {
  return `${p.scope} · data as of ${p.asOf} · ${p.disclosure} · produced ${p.generatedAt.slice(0, 10)}`;
}
