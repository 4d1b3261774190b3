// `--engine trino://HOST:PORT/CATALOG/SCHEMA`: the commands that read or build a warehouse run
// on a schema of a Trino cluster instead of a DuckDB file (`--db`).
import { type Engine, isTrinoAddress, openEngine, Warehouse } from "@bevan/engine";
import type { OptionSpec } from "./command.ts";
import { exists } from "./config.ts";
import { UsageError } from "./errors.ts";

export const ENGINE_OPTION: OptionSpec = {
  type: "string",
  description: "Run on a Trino schema instead of --db: trino://HOST:PORT/CATALOG/SCHEMA (see `bevan trino`).",
  placeholder: "URL",
};

/** The warehouse `--engine` or `--db` names (exactly one of them). */
export async function openTarget(
  values: Record<string, string | boolean | undefined>,
  command: string,
  options: { readOnly?: boolean; mustExist?: boolean } = {},
): Promise<Engine> {
  const engine = typeof values.engine === "string" ? values.engine : undefined;
  const db = typeof values.db === "string" ? values.db : undefined;
  if (engine && db) throw new UsageError("give --db or --engine, not both");
  if (engine) {
    if (!isTrinoAddress(engine))
      throw new UsageError(
        `--engine takes a Trino address, trino://HOST:PORT/CATALOG/SCHEMA (got '${engine}')`,
      );
    return openEngine(engine, { readOnly: options.readOnly ?? false });
  }
  if (!db)
    throw new UsageError(`--db (or --engine) is required. Run \`bevan ${command} --help\` for the options.`);
  if (options.mustExist !== false && !exists(db))
    throw new UsageError(`no warehouse at ${db}: create one with \`bevan ingest\` and \`bevan build\``);
  return Warehouse.open(db, { readOnly: options.readOnly ?? false });
}
