// The PDF path end to end: a report document through Chromium's print engine, read back with
// poppler. What a reader sees (title, table cells, provenance, page numbers) must be in the PDF.
import { afterAll, describe, expect, it } from "vitest";
import {
  html,
  PdfRenderer,
  pdfPageCount,
  pdfPageToPng,
  pdfText,
  reportDocument,
  table,
} from "../src/index.ts";

const provenance = {
  scope: "Trafford ICS",
  asOf: "2026-03-31",
  source: "synthetic extract",
  disclosure: "counts below 8 withheld",
  generatedAt: "2026-12-07T10:00:00Z",
  generatedFor: "demo-commissioner",
};

describe("reports: HTML to PDF", () => {
  const renderer = new PdfRenderer();
  afterAll(() => renderer.close());

  it("prints the title, the table, the provenance and page numbers", async () => {
    const rows = Array.from({ length: 120 }, (_, i) => [`Practice ${i + 1}`, i * 7]);
    const doc = reportDocument({
      title: "Diabetes care processes",
      subtitle: "All eight processes, by practice",
      body: html`<h2>By practice</h2>${table([{ header: "Practice" }, { header: "People", align: "right" }], rows)}`,
      provenance,
    });
    const pdf = await renderer.fromHtml(doc, { footer: "Trafford ICS · as of 2026-03-31" });
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe("%PDF-");
    const text = pdfText(pdf);
    expect(text).toContain("Diabetes care processes");
    expect(text).toContain("Practice 120");
    expect(text).toContain("833");
    expect(text).toMatch(/Data as of\s+2026-03-31/);
    const pages = pdfPageCount(pdf);
    expect(pages).toBeGreaterThan(1);
    expect(text).toContain(`page 1 of ${pages}`);
    const png = pdfPageToPng(pdf, 1, 40);
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    // A4 portrait at 40 dpi: 8.27 × 11.69 inches, 331 × 468 pixels give or take poppler's rounding.
    expect(Math.abs(png.readUInt32BE(16) - 331)).toBeLessThanOrEqual(1);
    expect(Math.abs(png.readUInt32BE(20) - 468)).toBeLessThanOrEqual(1);
  });

  it("escapes what it is given: a name cannot inject markup", async () => {
    const doc = reportDocument({
      title: 'A <b>bold</b> "name"',
      body: html`<p>${"<script>document.body.innerHTML='owned'</script>"}</p>`,
      provenance,
    });
    expect(doc).not.toContain("<script>");
    const text = pdfText(await renderer.fromHtml(doc));
    expect(text).toContain('A <b>bold</b> "name"');
    expect(text).toContain("<script>document.body.innerHTML='owned'</script>");
    expect(text).not.toContain("owned\n");
  });
});
