// HTML to PDF with Chromium's own print engine (the same layout a user gets from "Print → Save as
// PDF"), through playwright-core. One renderer keeps one browser open, so a batch (a report for
// every practice) pays the browser's start-up once.
import { type Browser, chromium } from "playwright-core";
import { CHROMIUM_ARGS, chromiumPath } from "./chromium.ts";

export interface PdfOptions {
  /** Paper size; A4 unless given. */
  readonly format?: "A4" | "A3" | "Letter";
  readonly landscape?: boolean;
  /** Margins as CSS lengths; 15 mm all round unless given. */
  readonly margin?: { top?: string; right?: string; bottom?: string; left?: string };
  /**
   * A footer on every page (plain text, escaped here): typically the provenance line. Page
   * numbers ("page 2 of 5") are added after it.
   */
  readonly footer?: string;
  /** How long to wait for the page (charts drawn by scripts) before printing; 30 s. */
  readonly timeoutMs?: number;
  /**
   * A CSS selector that appears when the page's scripts have finished drawing. Without it the
   * page is printed once its load event and network have settled.
   */
  readonly readySelector?: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function footerTemplate(footer: string | undefined): string {
  const note = footer ? `<span>${escapeHtml(footer)}</span>` : "<span></span>";
  return (
    '<div style="font-family: Arial, sans-serif; font-size: 7pt; color: #4c6272; width: 100%; ' +
    'padding: 0 15mm; display: flex; justify-content: space-between;">' +
    `${note}<span>page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`
  );
}

export class PdfRenderer {
  private browser: Promise<Browser> | null = null;

  private open(): Promise<Browser> {
    this.browser ??= chromium.launch({
      executablePath: chromiumPath(),
      args: [...CHROMIUM_ARGS],
      headless: true,
    });
    return this.browser;
  }

  /** A PDF of an HTML document (self-contained: inline styles, data: images or inline SVG). */
  async fromHtml(html: string, options: PdfOptions = {}): Promise<Uint8Array> {
    const browser = await this.open();
    const page = await browser.newPage();
    try {
      const timeout = options.timeoutMs ?? 30_000;
      await page.setContent(html, { waitUntil: "load", timeout });
      if (options.readySelector) await page.waitForSelector(options.readySelector, { timeout });
      return await this.print(page, options);
    } finally {
      await page.close();
    }
  }

  /**
   * A PDF of a page served over HTTP (the web app's print view, say). `cookies` carry the
   * caller's session, so the page shows exactly what that user may see.
   */
  async fromUrl(
    url: string,
    options: PdfOptions & { cookies?: readonly { name: string; value: string }[] } = {},
  ): Promise<Uint8Array> {
    const browser = await this.open();
    const context = await browser.newContext();
    try {
      if (options.cookies?.length) await context.addCookies(options.cookies.map((c) => ({ ...c, url })));
      const page = await context.newPage();
      const timeout = options.timeoutMs ?? 30_000;
      await page.goto(url, { waitUntil: "networkidle", timeout });
      if (options.readySelector) await page.waitForSelector(options.readySelector, { timeout });
      return await this.print(page, options);
    } finally {
      await context.close();
    }
  }

  private async print(page: import("playwright-core").Page, options: PdfOptions): Promise<Uint8Array> {
    await page.emulateMedia({ media: "print" });
    const margin = { top: "15mm", right: "15mm", bottom: "18mm", left: "15mm", ...options.margin };
    const pdf = await page.pdf({
      format: options.format ?? "A4",
      landscape: options.landscape ?? false,
      printBackground: true,
      margin,
      displayHeaderFooter: true,
      headerTemplate: "<span></span>",
      footerTemplate: footerTemplate(options.footer),
    });
    return new Uint8Array(pdf);
  }

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = null;
    if (browser) await (await browser).close();
  }
}

/** One PDF from one HTML document, opening and closing a browser for it. */
export async function renderPdf(html: string, options: PdfOptions = {}): Promise<Uint8Array> {
  const renderer = new PdfRenderer();
  try {
    return await renderer.fromHtml(html, options);
  } finally {
    await renderer.close();
  }
}
