// Buffered CSV file writer that respects stream back-pressure.
import { createWriteStream, type WriteStream } from "node:fs";
import { csvField } from "@bevan/domain";

const FLUSH_AT = 1 << 22;

export class CsvWriter {
  rows = 0;
  private readonly stream: WriteStream;
  private buffer: string[] = [];
  private size = 0;

  constructor(path: string, header: readonly string[]) {
    this.stream = createWriteStream(path, { encoding: "utf8" });
    this.buffer.push(`${header.join(",")}\n`);
  }

  write(fields: readonly string[]): void {
    let line = "";
    for (let i = 0; i < fields.length; i++) {
      if (i > 0) line += ",";
      line += csvField(fields[i] ?? "");
    }
    line += "\n";
    this.buffer.push(line);
    this.size += line.length;
    this.rows++;
  }

  get needsFlush(): boolean {
    return this.size >= FLUSH_AT;
  }

  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer.join("");
    this.buffer = [];
    this.size = 0;
    if (!this.stream.write(chunk))
      await new Promise<void>((resolve) => this.stream.once("drain", () => resolve()));
  }

  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) =>
      this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  }
}
