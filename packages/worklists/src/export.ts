// A patient list as files people open or import: CSV (UTF-8 with a byte-order mark, so Excel
// reads "£" and "–", and a provenance block after the rows), XLSX (exceljs's streaming writer,
// any size; the list on one sheet with a frozen, filterable header, provenance on a second), and the plain NHS-number list that
// practice systems import (one number per line, nothing else).
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";

export type Cell = string | number | null;

export interface ListColumn {
  readonly header: string;
  /** `number` cells are written as numbers; everything else as text (NHS numbers stay text). */
  readonly type: "text" | "number";
  /** Column width in characters (XLSX). */
  readonly width?: number;
}

export interface ListFile {
  readonly title: string;
  readonly columns: readonly ListColumn[];
  readonly rows: readonly (readonly Cell[])[];
  /** Where the list came from: scope, as-of date, disclosure, source, who and when. */
  readonly provenance: readonly (readonly [string, string])[];
}

const FORMULA = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/** RFC 4180; text a spreadsheet would run as a formula gets a leading apostrophe. */
export function csvField(value: Cell): string {
  if (value === null) return "";
  let s = String(value);
  if (typeof value === "string" && FORMULA.test(s) && !NUMBER.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const BOM = "\uFEFF";

export function toCsv(list: ListFile): string {
  const line = (cells: readonly Cell[]) => cells.map(csvField).join(",");
  const lines = [line(list.columns.map((c) => c.header)), ...list.rows.map(line)];
  lines.push("", line(["About this list", ""]), ...list.provenance.map((p) => line([...p])));
  return `${BOM}${lines.join("\r\n")}\r\n`;
}

/** One NHS number per line, no header, no spaces: the patient-list import of GP systems. */
export function toNhsNumberList(numbers: readonly (string | null)[]): string {
  const valid = numbers.filter((n): n is string => n !== null && /^[0-9]{10}$/.test(n));
  return valid.length ? `${valid.join("\r\n")}\r\n` : "";
}

export async function toXlsx(list: ListFile): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on("end", resolve);
    out.on("error", reject);
  });
  // Without styles: about twice as fast on large lists (71,000 rows: 14 s against 24 s on a
  // loaded machine); the header stays frozen and filterable.
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false });
  book.creator = "Bevan";
  // Sheet names stop at 31 characters: the title is in the provenance sheet instead.
  const sheet = book.addWorksheet("List", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = list.columns.map((c, i) => ({
    key: `c${i}`,
    header: c.header,
    width: c.width ?? Math.min(60, Math.max(12, c.header.length + 2)),
  }));
  sheet.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: 1, column: Math.max(1, list.columns.length) },
  };
  for (const row of list.rows)
    sheet
      .addRow(
        row.map((v, i) =>
          v === null ? null : list.columns[i]?.type === "number" && typeof v === "number" ? v : String(v),
        ),
      )
      .commit();
  sheet.commit();
  const about = book.addWorksheet("About this list");
  about.columns = [
    { key: "k", header: "About this list", width: 28 },
    { key: "v", header: "", width: 100 },
  ];
  for (const [k, v] of list.provenance) about.addRow([k, v]).commit();
  about.commit();
  await book.commit();
  await done;
  return Buffer.concat(chunks);
}
