// Safe HTML for reports: a tagged template that escapes every interpolated value unless it is
// already SafeHtml, so a practice name or a cohort title can never inject markup.

export class SafeHtml {
  readonly html: string;
  constructor(html: string) {
    this.html = html;
  }
  toString(): string {
    return this.html;
  }
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

type Value = SafeHtml | string | number | null | undefined | boolean | readonly Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false || value === true) return "";
  if (value instanceof SafeHtml) return value.html;
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

/** `html\`<p>${name}</p>\`` with `name` escaped; nested `html` fragments and arrays are kept. */
export function html(strings: TemplateStringsArray, ...values: readonly Value[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? "");
  });
  return new SafeHtml(out);
}

/** Markup the caller vouches for (an SVG chart drawn by Bevan's own code, say). */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

export interface Column {
  readonly header: string;
  /** Numbers read best right-aligned. */
  readonly align?: "left" | "right";
}

/** A plain table with a header row; cells are text, numbers or SafeHtml. */
export function table(
  columns: readonly Column[],
  rows: readonly (readonly (string | number | SafeHtml | null)[])[],
  caption?: string,
): SafeHtml {
  const cls = (c: Column | undefined) => (c?.align === "right" ? ' class="num"' : "");
  return html`<table>
${caption ? html`<caption>${caption}</caption>` : ""}
<thead><tr>${columns.map((c) => html`<th scope="col"${trusted(cls(c))}>${c.header}</th>`)}</tr></thead>
<tbody>${rows.map(
    (r) => html`<tr>${r.map((cell, i) => html`<td${trusted(cls(columns[i]))}>${cell ?? "–"}</td>`)}</tr>`,
  )}</tbody>
</table>`;
}
