// Where the server's application state lives: a PostgreSQL server when a connection string
// is given (--database-url or BEVAN_DATABASE_URL), else PGlite in a folder beside the
// warehouse (the embedded default).
import { dirname, join, resolve } from "node:path";
import { openState, type SqlClient } from "@bevan/state";

export const STATE_OPTIONS = {
  state: {
    type: "string",
    description:
      "PGlite application-state folder (default: state/ beside the warehouse), or a postgres:// connection string.",
    placeholder: "DIR",
  },
  "database-url": {
    type: "string",
    description: "PostgreSQL connection string for application state (or BEVAN_DATABASE_URL).",
    placeholder: "URL",
  },
} as const;

export function stateDirFor(warehousePath: string): string {
  return join(dirname(resolve(warehousePath)), "state");
}

export async function openAppState(
  values: Record<string, string | boolean | undefined>,
  warehousePath?: string,
): Promise<{ db: SqlClient; where: string }> {
  const stateIsUrl = typeof values.state === "string" && isPostgresUrl(values.state);
  const url =
    typeof values["database-url"] === "string"
      ? values["database-url"]
      : stateIsUrl
        ? String(values.state)
        : process.env.BEVAN_DATABASE_URL;
  if (url) return { db: await openState({ kind: "postgres", url }), where: "PostgreSQL" };
  const dir =
    typeof values.state === "string"
      ? resolve(values.state)
      : warehousePath
        ? stateDirFor(warehousePath)
        : undefined;
  if (!dir) throw new Error("no application state location");
  return { db: await openState({ kind: "pglite", dir }), where: dir };
}

/** `--state postgres://…` names a PostgreSQL server, like --database-url. */
export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//i.test(value);
}
