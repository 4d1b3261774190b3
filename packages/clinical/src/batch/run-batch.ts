// Streams a CSV of people through one score: every input row is written back with the score
// columns and an `error` column appended; a row that cannot be scored gets the reason in
// `error` and empty score columns. Memory stays flat whatever the file size.
import { once } from "node:events";
import { createReadStream, createWriteStream, existsSync, renameSync, rmSync } from "node:fs";
import { csvField, parseCsv } from "@bevan/domain";
import { ScoreInputError } from "../scores/score-result.ts";
import type { Row } from "./fields.ts";
import type { ScoreContext, ScoreSpec } from "./score-specs.ts";

/** The input file cannot be used at all (missing, or lacking columns). */
export class ScoreFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ScoreFileError";
  }
}

export interface BatchReport {
  readonly rows: number;
  readonly scored: number;
  readonly errors: number;
}

function splitRecord(line: string): string[] {
  return line.includes('"') ? (parseCsv(line)[0] ?? []) : line.split(",");
}

function checkHeader(spec: ScoreSpec, header: readonly string[], inPath: string): void {
  const have = new Set(header);
  const missing = spec.required.filter((c) => !have.has(c));
  if (spec.oneOf && !spec.oneOf.some((set) => set.every((c) => have.has(c))))
    missing.push(spec.oneOf.map((set) => set.join("+")).join(" or "));
  if (missing.length > 0)
    throw new ScoreFileError(
      `${inPath} lacks the column(s) ${missing.join(", ")} that ${spec.name} needs; run \`bevan score --help\` for every score's columns`,
    );
  const clash = [...spec.outputs, "error"].filter((c) => have.has(c));
  if (clash.length > 0)
    throw new ScoreFileError(
      `${inPath} already has the output column(s) ${clash.join(", ")}: rename them first`,
    );
}

export async function runBatch(
  spec: ScoreSpec,
  inPath: string,
  outPath: string,
  ctx: ScoreContext = {},
): Promise<BatchReport> {
  if (!existsSync(inPath)) throw new ScoreFileError(`no input file at ${inPath}`);
  const partial = `${outPath}.partial`;
  const out = createWriteStream(partial, { encoding: "utf8" });
  let buffer: string[] = [];
  let buffered = 0;
  const flush = async () => {
    if (buffer.length === 0) return;
    const ok = out.write(buffer.join(""));
    buffer = [];
    buffered = 0;
    if (!ok) await once(out, "drain");
  };
  const emptyOutputs = spec.outputs.map(() => "").join(",");
  let index: Map<string, number> | undefined;
  let fields: string[] = [];
  const row: Row = (column) => {
    const i = index?.get(column);
    return i === undefined ? undefined : fields[i];
  };
  let rows = 0;
  let errors = 0;
  let width = 0;
  const handle = (line: string) => {
    if (index === undefined) {
      const header = splitRecord(line.replace(/^\uFEFF/, "")).map((h) => h.trim());
      checkHeader(spec, header, inPath);
      index = new Map(header.map((h, i) => [h, i]));
      width = header.length;
      buffer.push(`${line.replace(/^\uFEFF/, "")},${spec.outputs.join(",")},error\n`);
      return;
    }
    if (line === "") return;
    rows++;
    fields = splitRecord(line);
    let result: string;
    if (fields.length !== width) {
      errors++;
      // Pad a short row so the output columns still line up with the header.
      const pad = ",".repeat(Math.max(0, width - fields.length));
      result = `${pad}${emptyOutputs},row has ${fields.length} fields but the header has ${width}`;
    } else {
      try {
        result = `${spec.score(row, ctx).map(csvField).join(",")},`;
      } catch (error) {
        if (!(error instanceof ScoreInputError)) throw error;
        errors++;
        result = `${emptyOutputs},${csvField(error.message)}`;
      }
    }
    buffer.push(line, ",", result, "\n");
    buffered += line.length + result.length;
  };

  try {
    let carry = "";
    for await (const chunk of createReadStream(inPath, { encoding: "utf8", highWaterMark: 1 << 20 })) {
      const text = carry + (chunk as string);
      let start = 0;
      let quotes = 0;
      for (let i = 0; i < text.length; i++) {
        const ch = text.charCodeAt(i);
        if (ch === 34) quotes++;
        else if (ch === 10 && quotes % 2 === 0) {
          const end = i > start && text.charCodeAt(i - 1) === 13 ? i - 1 : i;
          handle(text.slice(start, end));
          start = i + 1;
          quotes = 0;
        }
      }
      carry = text.slice(start);
      if (buffered > 1 << 20) await flush();
    }
    if (carry.replace(/\r$/, "") !== "") handle(carry.replace(/\r$/, ""));
    if (index === undefined) throw new ScoreFileError(`${inPath} is empty: it needs a header row`);
    await flush();
    out.end();
    await once(out, "finish");
    renameSync(partial, outPath);
  } catch (error) {
    out.destroy();
    rmSync(partial, { force: true });
    throw error;
  }
  return { rows, scored: rows - errors, errors };
}
