// `bevan`: the command-line entry point.
import { type Command, helpText, parseCommand } from "./command.ts";
import { isUserError, logInternalError } from "./errors.ts";

/**
 * Every command, loaded only when it runs: importing all of them (DuckDB, the API, the
 * models) costs seconds that `bevan audit verify` or `bevan users list` should not pay.
 * A new command is one line here.
 */
export const COMMAND_LOADERS: Readonly<Record<string, () => Promise<Command>>> = {
  demo: async () => (await import("./commands/demo.ts")).demoCommand,
  generate: async () => (await import("./commands/generate.ts")).generateCommand,
  ingest: async () => (await import("./commands/ingest.ts")).ingestCommand,
  quarantine: async () => (await import("./commands/quarantine.ts")).quarantineCommand,
  dq: async () => (await import("./commands/dq.ts")).dqCommand,
  build: async () => (await import("./commands/build.ts")).buildCommand,
  summary: async () => (await import("./commands/summary.ts")).summaryCommand,
  costs: async () => (await import("./commands/costs.ts")).costsCommand,
  allocation: async () => (await import("./commands/allocation.ts")).allocationCommand,
  codelists: async () => (await import("./commands/codelists.ts")).codelistsCommand,
  score: async () => (await import("./commands/score.ts")).scoreCommand,
  model: async () => (await import("./commands/model.ts")).modelCommand,
  realism: async () => (await import("./commands/realism.ts")).realismCommand,
  cohort: async () => (await import("./commands/cohort.ts")).cohortCommand,
  serve: async () => (await import("./commands/serve.ts")).serveCommand,
  dictionary: async () => (await import("./commands/dictionary.ts")).dictionaryCommand,
  audit: async () => (await import("./commands/audit.ts")).auditCommand,
  users: async () => (await import("./commands/users.ts")).usersCommand,
  state: async () => (await import("./commands/state.ts")).stateCommand,
  imaging: async () => (await import("./commands/imaging.ts")).imagingCommand,
  export: async () => (await import("./commands/export.ts")).exportCommand,
  trino: async () => (await import("./commands/trino.ts")).trinoCommand,
};

/** Every command, in the order `bevan --help` lists them. */
export async function loadCommands(): Promise<Command[]> {
  return Promise.all(Object.values(COMMAND_LOADERS).map((load) => load()));
}

async function overview(): Promise<string> {
  const lines = [
    "bevan: open population health management for integrated care systems",
    "",
    "Usage: bevan <command> [options]",
    "",
    "Commands:",
  ];
  for (const c of await loadCommands()) lines.push(`  ${c.name.padEnd(12)} ${c.summary}`);
  lines.push("", "Run `bevan <command> --help` for a command's options.");
  return `${lines.join("\n")}\n`;
}

export async function main(argv: string[]): Promise<number> {
  // Everything bevan writes (warehouse, state, keys, extracts, logs) is its owner's only,
  // whatever the umask it was started with.
  process.umask(0o077);
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(await overview());
    return name === undefined ? 2 : 0;
  }
  if (name === "--version") {
    process.stdout.write("bevan 0.1.0\n");
    return 0;
  }
  const load = Object.hasOwn(COMMAND_LOADERS, name) ? COMMAND_LOADERS[name] : undefined;
  if (!load) {
    process.stderr.write(`bevan: unknown command '${name}'\n\n${await overview()}`);
    return 2;
  }
  const cmd = await load();
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
