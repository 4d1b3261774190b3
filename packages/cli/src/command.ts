// A CLI command: its options (for parsing and --help) and what it does.
import { parseArgs } from "node:util";
import { UsageError } from "./errors.ts";

export interface OptionSpec {
  readonly type: "string" | "boolean";
  readonly description: string;
  readonly default?: string | boolean;
  readonly placeholder?: string;
}

export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  readonly examples?: readonly string[];
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number>;
}

export function helpText(cmd: Command): string {
  const lines = [`bevan ${cmd.name}: ${cmd.summary}`, "", `Usage: ${cmd.usage}`, "", "Options:"];
  for (const [name, spec] of Object.entries({
    ...cmd.options,
    help: { type: "boolean", description: "Show this help." } as OptionSpec,
  })) {
    const flag = spec.type === "string" ? `--${name} ${spec.placeholder ?? "VALUE"}` : `--${name}`;
    const def = spec.default !== undefined && spec.default !== false ? ` (default: ${spec.default})` : "";
    lines.push(`  ${flag.padEnd(26)} ${spec.description}${def}`);
  }
  if (cmd.examples?.length) lines.push("", "Examples:", ...cmd.examples.map((e) => `  ${e}`));
  return `${lines.join("\n")}\n`;
}

export function parseCommand(cmd: Command, argv: string[]) {
  const options: Record<string, { type: "string" | "boolean" }> = { help: { type: "boolean" } };
  for (const [name, spec] of Object.entries(cmd.options)) options[name] = { type: spec.type };
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options,
      allowPositionals: true,
      strict: true,
      allowNegative: true,
    });
    const withDefaults: Record<string, string | boolean | undefined> = {};
    for (const [name, spec] of Object.entries(cmd.options))
      withDefaults[name] = (values[name] as string | boolean | undefined) ?? spec.default;
    withDefaults.help = values.help as boolean | undefined;
    return { values: withDefaults, positionals };
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\nRun \`bevan ${cmd.name} --help\` for the options.`);
  }
}

export function requireString(
  values: Record<string, string | boolean | undefined>,
  name: string,
  cmd: string,
): string {
  const v = values[name];
  if (typeof v !== "string" || v === "")
    throw new UsageError(`--${name} is required. Run \`bevan ${cmd} --help\` for the options.`);
  return v;
}

export function intOption(
  values: Record<string, string | boolean | undefined>,
  name: string,
  min: number,
  max: number,
): number {
  const raw = values[name];
  const n = typeof raw === "string" ? Number(raw.replaceAll("_", "").replaceAll(",", "")) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(
      `--${name} must be a whole number from ${min.toLocaleString("en-GB")} to ${max.toLocaleString("en-GB")} (got '${raw}')`,
    );
  }
  return n;
}

export function dateOption(
  values: Record<string, string | boolean | undefined>,
  name: string,
): string | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== "string" || !isCalendarDate(raw)) {
    throw new UsageError(`--${name} must be a date in the form YYYY-MM-DD (got '${raw}')`);
  }
  return raw;
}

/** YYYY-MM-DD naming a real day (not 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const t = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === text;
}
