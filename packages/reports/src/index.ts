export { CHROMIUM_ARGS, ChromiumMissingError, chromiumPath } from "./chromium.ts";
export {
  type Provenance,
  provenanceLine,
  REPORT_CSS,
  type ReportDocument,
  reportDocument,
} from "./document.ts";
export { type Column, escapeHtml, html, SafeHtml, table, trusted } from "./html.ts";
export { type PdfOptions, PdfRenderer, renderPdf } from "./pdf.ts";
export { PopplerMissingError, pdfPageCount, pdfPageToPng, pdfText } from "./poppler.ts";
