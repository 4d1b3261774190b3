// Opening application state: PGlite in a folder (embedded default) or a PostgreSQL server
// (production), migrated to the current schema either way.
import { mkdirSync } from "node:fs";
import { migrate } from "./migrate.ts";
import { openPglite, openPostgres, type SqlClient } from "./sql.ts";

export type StateLocation =
  | { readonly kind: "pglite"; readonly dir?: string }
  | { readonly kind: "postgres"; readonly url: string };

export class StateOpenError extends Error {
  constructor(where: string, cause: unknown) {
    const detail = (cause as { code?: string })?.code;
    super(
      `cannot open application state at ${where}${detail ? ` (${detail})` : ""}: check that the PostgreSQL server is running and the connection string is right, or omit --database-url to use the embedded PGlite state`,
      { cause },
    );
    this.name = "StateOpenError";
  }
}

export async function openState(location: StateLocation): Promise<SqlClient> {
  let db: SqlClient;
  if (location.kind === "pglite") {
    if (location.dir) mkdirSync(location.dir, { recursive: true });
    db = await openPglite(location.dir);
  } else {
    try {
      db = await openPostgres(location.url);
    } catch (error) {
      throw new StateOpenError(redactUrl(location.url), error);
    }
  }
  await migrate(db);
  return db;
}

/** A connection string without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "the given connection string";
  }
}
