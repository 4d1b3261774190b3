// `bevan`: the command-line entry point.
import { type Command, helpText, parseCommand } from "./command.ts";
import { auditCommand } from "./commands/audit.ts";
import { buildCommand } from "./commands/build.ts";
import { codelistsCommand } from "./commands/codelists.ts";
import { cohortCommand } from "./commands/cohort.ts";
import { demoCommand } from "./commands/demo.ts";
import { dictionaryCommand } from "./commands/dictionary.ts";
import { dqCommand } from "./commands/dq.ts";
import { generateCommand } from "./commands/generate.ts";
import { ingestCommand } from "./commands/ingest.ts";
import { modelCommand } from "./commands/model.ts";
import { quarantineCommand } from "./commands/quarantine.ts";
import { realismCommand } from "./commands/realism.ts";
import { scoreCommand } from "./commands/score.ts";
import { serveCommand } from "./commands/serve.ts";
import { summaryCommand } from "./commands/summary.ts";
import { usersCommand } from "./commands/users.ts";
import { isUserError, logInternalError } from "./errors.ts";

export const COMMANDS: readonly Command[] = [
  demoCommand,
  generateCommand,
  ingestCommand,
  quarantineCommand,
  dqCommand,
  buildCommand,
  summaryCommand,
  codelistsCommand,
  scoreCommand,
  modelCommand,
  realismCommand,
  cohortCommand,
  serveCommand,
  dictionaryCommand,
  auditCommand,
  usersCommand,
];

function overview(): string {
  const lines = [
    "bevan: open population health management for integrated care systems",
    "",
    "Usage: bevan <command> [options]",
    "",
    "Commands:",
  ];
  for (const c of COMMANDS) lines.push(`  ${c.name.padEnd(12)} ${c.summary}`);
  lines.push("", "Run `bevan <command> --help` for a command's options.");
  return `${lines.join("\n")}\n`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(overview());
    return name === undefined ? 2 : 0;
  }
  if (name === "--version") {
    process.stdout.write("bevan 0.1.0\n");
    return 0;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    process.stderr.write(`bevan: unknown command '${name}'\n\n${overview()}`);
    return 2;
  }
  try {
    const { values, positionals } = parseCommand(cmd, rest);
    if (values.help) {
      process.stdout.write(helpText(cmd));
      return 0;
    }
    return await cmd.run(values, positionals);
  } catch (error) {
    if (isUserError(error)) {
      process.stderr.write(`bevan ${cmd.name}: ${error.message}\n`);
      return 2;
    }
    const reference = logInternalError(error);
    process.stderr.write(
      `bevan ${cmd.name}: internal error, reference ${reference} (details in data/logs/errors.log)\n`,
    );
    return 1;
  }
}
