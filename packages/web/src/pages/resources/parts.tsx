// What the Resources pages share: the area's own navigation, money as people read it, and
// table exports (CSV and Excel) of exactly what the page shows.

import type { PointOfDeliveryCode } from "@bevan/client";
import type { Cell } from "../../lib/csv.ts";
import { toCsv } from "../../lib/csv.ts";
import { download, slug } from "../../lib/download.ts";
import { navigate, pageHref, type Route } from "../../router.ts";

export interface MoneyCell {
  readonly value: number | null;
  readonly suppressed: boolean;
}

const gbp0 = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", maximumFractionDigits: 0 });
const gbp2 = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", minimumFractionDigits: 2 });

/** Pounds, whole (£1,234,567). */
export const fmtGbp = (x: number | null | undefined): string =>
  x === null || x === undefined || !Number.isFinite(x) ? "–" : gbp0.format(x);

/** Pence as pounds and pence (£1,234.56). */
export const fmtPence = (p: number | null | undefined): string =>
  p === null || p === undefined ? "–" : gbp2.format(p / 100);

export const fmtMoney = (m: MoneyCell | null | undefined): string =>
  !m ? "–" : m.suppressed ? "withheld" : fmtGbp(m.value);

export const moneyValue = (m: MoneyCell | null | undefined): number | null =>
  m && !m.suppressed ? m.value : null;

/** A number as text with a true minus sign (−0.06, not -0.06), as printed figures are set. */
export const minus = (text: string): string => text.replace(/^-/, "\u2212");

/** R² to two decimals; a formula that explains nothing shows 0.00, not −0.00. */
export const fmtR2 = (x: number): string => (Math.abs(x) < 0.005 ? "0.00" : minus(x.toFixed(2)));

/** A ratio as people read it: 1.23 (O/E), with its interval. */
export const fmtRatio = (r: number | null | undefined, digits = 2): string =>
  r === null || r === undefined || !Number.isFinite(r) ? "–" : r.toFixed(digits);

export const fmtRatioCi = (ci: { lower: number; upper: number } | null | undefined): string =>
  ci ? `${ci.lower.toFixed(2)}–${ci.upper.toFixed(2)}` : "–";

/** The points of delivery, as the pages name them (all of them first). */
export const POD_OPTIONS: readonly { code: PointOfDeliveryCode | "all"; label: string }[] = [
  { code: "all", label: "All points of delivery" },
  { code: "emergency_admission", label: "Emergency admissions" },
  { code: "elective_day_case", label: "Elective day cases" },
  { code: "elective_ordinary", label: "Elective ordinary admissions" },
  { code: "maternity", label: "Maternity admissions" },
  { code: "other_admission", label: "Other admissions" },
  { code: "ae", label: "A&E attendances" },
  { code: "outpatient_first", label: "Outpatient first attendances" },
  { code: "outpatient_follow_up", label: "Outpatient follow-ups" },
  { code: "community", label: "Community health contacts" },
  { code: "gp", label: "GP contacts" },
  { code: "prescribing", label: "Prescribing" },
  { code: "social_care", label: "Social care" },
  { code: "diagnostic_imaging", label: "Direct-access imaging" },
];

/** A headline figure in a card. */
export function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="nhsuk-card bevan-stat">
      <div className="nhsuk-card__content">
        <p className="bevan-stat__label">{label}</p>
        <p className="bevan-stat__value" data-testid={testId}>
          {value}
        </p>
      </div>
    </div>
  );
}

const PAGES: readonly { path: string; label: string; patients?: boolean }[] = [
  { path: "/resources", label: "Fair shares" },
  { path: "/resources/spend", label: "Spend and use" },
  { path: "/resources/opportunities", label: "Opportunities" },
  { path: "/resources/validation", label: "Model validation" },
  { path: "/resources/unit-costs", label: "Unit costs" },
  { path: "/resources/budgets", label: "Patient budgets", patients: true },
];

/** The Resources area's pages, as a secondary navigation that keeps the scope. */
export function ResourcesNav({ route, patients }: { route: Route; patients: boolean }) {
  return (
    <nav className="bevan-subnav" aria-label="Resources">
      <ul>
        {PAGES.filter((p) => patients || !p.patients).map((p) => {
          const href = pageHref(p.path, route.query);
          const current = route.path === p.path;
          return (
            <li key={p.path}>
              <a
                href={href}
                aria-current={current ? "page" : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(href);
                }}
              >
                {p.label}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

type ExcelModule = typeof import("exceljs");

/** Excel's rule for sheet names: at most 31 characters, none of : \\ / ? * [ ]. */
export const sheetName = (title: string): string =>
  title.replace(/[:\\/?*[\]]/g, " ").slice(0, 31) || "Sheet1";

/**
 * The table as an Excel workbook, written in the browser by exceljs (the library the server's
 * list exports use), loaded only when someone asks for a workbook: a bold, frozen header row,
 * numbers as numbers, everything else as text.
 */
export async function toXlsx(
  title: string,
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
): Promise<ArrayBuffer> {
  const mod = (await import("exceljs")) as ExcelModule & { default?: ExcelModule };
  const ExcelJS = mod.default ?? mod;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName(title), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow([...header]).font = { bold: true };
  for (const row of rows) {
    sheet.addRow(
      row.map((c) =>
        c === undefined || c === null ? null : typeof c === "boolean" ? (c ? "yes" : "no") : c,
      ),
    );
  }
  return (await workbook.xlsx.writeBuffer()) as ArrayBuffer;
}

/** Download buttons for a table: CSV and Excel, the same rows in both. */
export function ExportButtons({
  title,
  header,
  rows,
}: {
  title: string;
  header: readonly string[];
  rows: readonly (readonly Cell[])[];
}) {
  const file = slug(title);
  return (
    <div className="bevan-buttons">
      <button
        type="button"
        className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
        // With a byte-order mark, so Excel reads the file as UTF-8 ("£", "–").
        onClick={() => download(`${file}.csv`, `\uFEFF${toCsv(header, rows)}`, "text/csv;charset=utf-8")}
      >
        Download CSV<span className="nhsuk-u-visually-hidden"> of {title}</span>
      </button>
      <button
        type="button"
        className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
        onClick={() => {
          void toXlsx(title, header, rows).then((bytes) =>
            download(
              `${file}.xlsx`,
              bytes,
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
          );
        }}
      >
        Download Excel (XLSX)<span className="nhsuk-u-visually-hidden"> of {title}</span>
      </button>
    </div>
  );
}

/** A labelled select that writes its value into the address (the page's state lives there). */
export function QuerySelect<T extends string>({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: T;
  options: readonly { code: T; label: string }[];
  onChange: (v: T) => void;
}) {
  return (
    <div className="nhsuk-form-group bevan-inline-field">
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="nhsuk-select" value={value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function MoneyNote({ note }: { note: string }) {
  return <p className="nhsuk-body-s bevan-disclosure">{note}</p>;
}
