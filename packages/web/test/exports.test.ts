// The browser-side export of a chart's data: CSV by RFC 4180 (lists are exported by the
// server: @bevan/worklists).
import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "../src/lib/csv.ts";

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
