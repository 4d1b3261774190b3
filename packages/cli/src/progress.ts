// Progress bars on stderr: redrawn in place on a terminal, a line per 10% otherwise (CI logs).
export class Progress {
  private readonly label: string;
  private readonly total: number;
  private readonly tty: boolean;
  private readonly stream: NodeJS.WriteStream;
  private readonly started = Date.now();
  private lastDecile = -1;
  private lastDraw = 0;

  constructor(label: string, total: number, stream: NodeJS.WriteStream = process.stderr) {
    this.label = label;
    this.total = Math.max(1, total);
    this.tty = Boolean(stream.isTTY) && !process.env.CI;
    this.stream = stream;
  }

  update(done: number, detail = ""): void {
    const fraction = Math.min(1, done / this.total);
    if (this.tty) {
      const now = Date.now();
      if (now - this.lastDraw < 80 && fraction < 1) return;
      this.lastDraw = now;
      const width = 28;
      const filled = Math.round(fraction * width);
      const bar = `${"█".repeat(filled)}${"░".repeat(width - filled)}`;
      this.stream.write(
        `\r${this.label.padEnd(10)} ${bar} ${String(Math.round(fraction * 100)).padStart(3)}% ${detail}\x1b[K`,
      );
    } else {
      const decile = Math.floor(fraction * 10);
      if (decile === this.lastDecile) return;
      this.lastDecile = decile;
      this.stream.write(`${this.label}: ${decile * 10}% ${detail}\n`);
    }
  }

  finish(summary: string): void {
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    if (this.tty) this.stream.write(`\r${this.label.padEnd(10)} done in ${seconds}s: ${summary}\x1b[K\n`);
    else this.stream.write(`${this.label}: done in ${seconds}s: ${summary}\n`);
  }
}

export function formatCount(n: number): string {
  return n.toLocaleString("en-GB");
}
