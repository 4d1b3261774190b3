import { describe, expect, it } from "vitest";
import { csvField, parseCsv, parseCsvObjects } from "../src/csv.ts";

describe("CSV", () => {
  it("parses quoted fields with commas, doubled quotes, newlines and CRLF", () => {
    const text = 'a,b,c\r\n1,"x, y","say ""hi"""\r\n2,"line\nbreak",\n';
    expect(parseCsv(text)).toEqual([
      ["a", "b", "c"],
      ["1", "x, y", 'say "hi"'],
      ["2", "line\nbreak", ""],
    ]);
  });

  it("reads headed rows as objects and skips a BOM and blank lines", () => {
    expect(parseCsvObjects("\uFEFFcode,term\n123,Asthma\n\n")).toEqual([{ code: "123", term: "Asthma" }]);
  });

  it("quotes only fields that need it, and round-trips", () => {
    const fields = ["plain", "with,comma", 'with "quote"', "multi\nline"];
    const line = fields.map(csvField).join(",");
    expect(line).toBe('plain,"with,comma","with ""quote""","multi\nline"');
    expect(parseCsv(line)[0]).toEqual(fields);
  });
});
