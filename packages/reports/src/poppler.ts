// Reading a PDF back: its text (pdftotext) and a page as a PNG (pdftoppm), from Debian's
// poppler-utils. Tests use them to check what a report says and to look at it.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export class PopplerMissingError extends Error {
  constructor(tool: string) {
    super(
      `${tool} is not installed: install Debian's poppler-utils (apt-get install poppler-utils, as root).`,
    );
    this.name = "PopplerMissingError";
  }
}

function withPdf<T>(pdf: Uint8Array, run: (dir: string, file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "bevan-pdf-"));
  try {
    const file = join(dir, "in.pdf");
    writeFileSync(file, pdf);
    return run(dir, file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function tool(name: string, args: readonly string[]): void {
  const r = spawnSync(name, args, { encoding: "utf8" });
  if (r.error && (r.error as NodeJS.ErrnoException).code === "ENOENT") throw new PopplerMissingError(name);
  if (r.status !== 0) throw new Error(`${name} failed (exit ${r.status}): ${r.stderr.slice(0, 200)}`);
}

/** The PDF's text in reading order, pages separated by form feeds. */
export function pdfText(pdf: Uint8Array): string {
  return withPdf(pdf, (dir, file) => {
    const out = join(dir, "out.txt");
    tool("pdftotext", ["-layout", file, out]);
    return readFileSync(out, "utf8");
  });
}

/** The number of pages. */
export function pdfPageCount(pdf: Uint8Array): number {
  return pdfText(pdf)
    .split("\f")
    .filter((p, i, all) => i < all.length - 1 || p.trim() !== "").length;
}

/** One page (1-based) as a PNG at the given resolution (dots per inch; 80 unless given). */
export function pdfPageToPng(pdf: Uint8Array, page = 1, dpi = 80): Buffer {
  return withPdf(pdf, (dir, file) => {
    const prefix = join(dir, "page");
    tool("pdftoppm", [
      "-png",
      "-r",
      String(dpi),
      "-f",
      String(page),
      "-l",
      String(page),
      "-singlefile",
      file,
      prefix,
    ]);
    return readFileSync(`${prefix}.png`);
  });
}
