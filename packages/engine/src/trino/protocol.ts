// Trino's client protocol over HTTP (POST /v1/statement, then follow nextUri until the query
// ends), with Node's fetch. Chosen over the npm `trino-client` (0.2.9) because that client
// parses every page with plain JSON.parse, so a BIGINT past 2^53 (every pseudonymous person
// key: 63 bits) comes back rounded without an error (trinodb/trino-js-client issue 983), and
// it takes no AbortSignal. Here numbers keep their source text and are decoded by the
// column's Trino type; a caller that leaves cancels the query on the cluster.

/** Where and as whom statements run. */
export interface TrinoSession {
  /** http://host:port of the coordinator. */
  readonly server: string;
  readonly user: string;
  readonly catalog: string;
  readonly schema: string;
  /** Session properties sent with every statement. */
  readonly properties?: Readonly<Record<string, string>>;
}

export interface TrinoColumn {
  readonly name: string;
  /** Trino's type signature, e.g. `bigint`, `varchar(12)`, `decimal(10,2)`, `array(varchar)`. */
  readonly type: string;
}

export interface TrinoResult {
  readonly columns: readonly TrinoColumn[];
  /** Values as sent: numbers that a double cannot hold exactly stay bigints. */
  readonly rows: readonly (readonly unknown[])[];
  readonly queryId: string;
}

/** A statement Trino refused or failed: the message is Trino's (it may quote SQL, never log it to users). */
export class TrinoQueryError extends Error {
  readonly errorName: string;
  readonly errorType: string;
  readonly queryId: string;
  constructor(message: string, errorName: string, errorType: string, queryId: string) {
    super(message);
    this.name = "TrinoQueryError";
    this.errorName = errorName;
    this.errorType = errorType;
    this.queryId = queryId;
  }
}

/** The coordinator did not answer (not running, wrong port). */
export class TrinoUnreachableError extends Error {
  readonly server: string;
  constructor(server: string, cause: unknown) {
    super(
      `cannot reach Trino at ${server}: is the cluster running? (\`bevan trino status\`; start it with \`bevan trino start\`)`,
      { cause },
    );
    this.name = "TrinoUnreachableError";
    this.server = server;
  }
}

interface QueryResults {
  id: string;
  nextUri?: string;
  columns?: TrinoColumn[];
  data?: unknown[][];
  error?: { message: string; errorName: string; errorType: string };
}

/** JSON.parse that keeps integers a double cannot hold as bigints (from their source text). */
export function parseExact(text: string): unknown {
  return JSON.parse(text, (_key, value, context?: { source?: string }) =>
    typeof value === "number" &&
    !Number.isSafeInteger(value) &&
    context?.source &&
    /^-?\d+$/.test(context.source)
      ? BigInt(context.source)
      : value,
  );
}

function headers(session: TrinoSession): Record<string, string> {
  const h: Record<string, string> = {
    "X-Trino-User": session.user,
    "X-Trino-Source": "bevan",
    "X-Trino-Catalog": session.catalog,
    "X-Trino-Schema": session.schema,
    "X-Trino-Time-Zone": "UTC",
  };
  const props = Object.entries(session.properties ?? {});
  if (props.length > 0)
    h["X-Trino-Session"] = props.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join(",");
  return h;
}

async function request(
  session: TrinoSession,
  url: string,
  init: { method: string; body?: string },
): Promise<QueryResults> {
  let response: Response;
  for (let attempt = 0; ; attempt++) {
    try {
      response = await fetch(url, { ...init, headers: headers(session) });
    } catch (error) {
      throw new TrinoUnreachableError(session.server, error);
    }
    // 429/502/503/504: the coordinator is busy or starting; the protocol says to retry.
    if ([429, 502, 503, 504].includes(response.status) && attempt < 20) {
      await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** Math.min(attempt, 6)));
      continue;
    }
    break;
  }
  const text = await response.text();
  if (!response.ok) {
    throw new TrinoQueryError(
      `Trino answered HTTP ${response.status}: ${text.slice(0, 200)}`,
      "HTTP_ERROR",
      "EXTERNAL",
      "",
    );
  }
  return parseExact(text) as QueryResults;
}

/**
 * Runs one statement to completion and returns its columns and rows. When `signal` aborts,
 * the query is cancelled on the cluster and an AbortError is thrown.
 */
export async function runStatement(
  session: TrinoSession,
  sql: string,
  signal?: AbortSignal,
): Promise<TrinoResult> {
  signal?.throwIfAborted();
  let page = await request(session, `${session.server}/v1/statement`, { method: "POST", body: sql });
  const rows: unknown[][] = [];
  let columns: readonly TrinoColumn[] = [];
  for (;;) {
    if (page.columns) columns = page.columns;
    if (page.data) for (const r of page.data) rows.push(r);
    if (page.error)
      throw new TrinoQueryError(page.error.message, page.error.errorName, page.error.errorType, page.id);
    if (!page.nextUri) break;
    if (signal?.aborted) {
      await fetch(page.nextUri, { method: "DELETE", headers: headers(session) }).catch(() => undefined);
      signal.throwIfAborted();
    }
    page = await request(session, page.nextUri, { method: "GET" });
  }
  return { columns, rows, queryId: page.id };
}
