// The browser-side exports: CSV by RFC 4180, and XLSX as Office Open XML (SpreadsheetML),
// checked by unzipping the workbook and reading its parts.
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "../src/lib/csv.ts";
import { columnName, toXlsx } from "../src/lib/xlsx.ts";

describe("CSV (RFC 4180)", () => {
  it("quotes fields with commas, quotes or line breaks and doubles the quotes; CRLF between records", () => {
    expect(
      toCsv(
        ["a", "b"],
        [
          ["x,y", 'say "hi"'],
          ["line\nbreak", 3],
        ],
      ),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",3\r\n');
  });
  it("writes empty fields for null and undefined, and numbers as they are", () => {
    expect(
      toCsv(
        ["n", "m"],
        [
          [null, undefined],
          [-1.5, 0],
        ],
      ),
    ).toBe("n,m\r\n,\r\n-1.5,0\r\n");
  });
  it("defuses text a spreadsheet would run as a formula, but not negative numbers", () => {
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("-12")).toBe("-12");
    expect(csvField(-12)).toBe("-12");
  });
});

describe("XLSX", () => {
  it("names columns as spreadsheets do: A…Z, AA…AZ, …, ZZ, AAA", () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702, 16383].map(columnName)).toEqual([
      "A",
      "B",
      "Z",
      "AA",
      "AB",
      "AZ",
      "BA",
      "ZZ",
      "AAA",
      "XFD", // the last column Excel allows
    ]);
  });

  it("is a zip with the parts a workbook needs, a bold header, numbers as numbers and text escaped", () => {
    const bytes = toXlsx(
      "Cohort: HYP/65+",
      ["NHS number", "Age"],
      [
        ["9990001234", 67],
        ['<b>&"', null],
      ],
    );
    expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]); // "PK": a zip archive
    const files = unzipSync(bytes);
    expect(Object.keys(files).sort()).toEqual([
      "[Content_Types].xml",
      "_rels/.rels",
      "xl/_rels/workbook.xml.rels",
      "xl/styles.xml",
      "xl/workbook.xml",
      "xl/worksheets/sheet1.xml",
    ]);
    const sheet = strFromU8(files["xl/worksheets/sheet1.xml"] as Uint8Array);
    expect(sheet).toContain(
      '<c r="A1" t="inlineStr" s="1"><is><t xml:space="preserve">NHS number</t></is></c>',
    );
    // An NHS number stays text (leading digits kept exactly); an age is a number.
    expect(sheet).toContain('<c r="A2" t="inlineStr"><is><t xml:space="preserve">9990001234</t></is></c>');
    expect(sheet).toContain('<c r="B2"><v>67</v></c>');
    expect(sheet).toContain("&lt;b&gt;&amp;&quot;");
    expect(sheet).not.toContain('r="B3"'); // an empty cell is left out
    // Sheet names cannot hold : \ / ? * [ ] (Excel's rule).
    const workbook = strFromU8(files["xl/workbook.xml"] as Uint8Array);
    expect(workbook).toContain('<sheet name="Cohort  HYP 65+" sheetId="1" r:id="rId1"/>');
  });
});
