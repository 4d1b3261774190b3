// Between JavaScript values and Trino's wire format: parameters are rendered as typed literals
// (Trino's own EXECUTE … USING takes literals too), and result values are decoded by their
// column's type into what the DuckDB warehouse returns for the same SQL, so callers cannot
// tell the engines apart.
import type { Dialect } from "../dialect/dialect.ts";
import type { Params, SqlValue } from "../engine.ts";
import type { TrinoColumn } from "./protocol.ts";

function literal(value: SqlValue, d: Dialect): string {
  if (value === null) return "NULL";
  switch (typeof value) {
    case "string":
      return d.stringLiteral(value);
    case "bigint":
      return value.toString();
    case "boolean":
      return value ? "TRUE" : "FALSE";
    case "number":
      return Number.isSafeInteger(value) ? String(value) : d.doubleLiteral(value);
    default:
      throw new TypeError(`cannot bind a ${typeof value} as a query parameter`);
  }
}

/**
 * `sql` with its parameters (`?` in order, or `$name`) replaced by literals. String literals,
 * quoted identifiers and comments are left alone, so a `?` or `$` inside them is not a parameter.
 */
export function inlineParams(sql: string, params: Params | undefined, d: Dialect): string {
  if (params === undefined) return sql;
  const positional = Array.isArray(params) ? params : null;
  let next = 0;
  let out = "";
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] as string;
    if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < sql.length) {
        if (sql[j] === c) {
          if (sql[j + 1] === c) j += 2;
          else break;
        } else j++;
      }
      out += sql.slice(i, j + 1);
      i = j + 1;
    } else if (c === "-" && sql[i + 1] === "-") {
      const end = sql.indexOf("\n", i);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop;
    } else if (c === "?" && positional) {
      if (next >= positional.length) throw new RangeError("more ? placeholders than parameters");
      out += literal(positional[next++] as SqlValue, d);
      i++;
    } else if (c === "$" && !positional && /[A-Za-z_]/.test(sql[i + 1] ?? "")) {
      const name = /^[A-Za-z_]\w*/.exec(sql.slice(i + 1))?.[0] ?? "";
      const named = params as Record<string, SqlValue>;
      if (!(name in named)) throw new RangeError(`no value for parameter $${name}`);
      out += literal(named[name] as SqlValue, d);
      i += name.length + 1;
    } else {
      out += c;
      i++;
    }
  }
  if (positional && next !== positional.length) throw new RangeError("fewer ? placeholders than parameters");
  return out;
}

/** The statements of a script, split at semicolons outside literals and comments. */
export function splitStatements(sql: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (c === "'" || c === '"') {
      const close = c;
      i++;
      while (i < sql.length && !(sql[i] === close && sql[i + 1] !== close)) i += sql[i] === close ? 2 : 1;
      i++;
    } else if (c === "-" && sql[i + 1] === "-") {
      const end = sql.indexOf("\n", i);
      i = end < 0 ? sql.length : end;
    } else if (c === ";") {
      parts.push(sql.slice(start, i));
      start = ++i;
    } else i++;
  }
  parts.push(sql.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== "");
}

export type Format = "all" | "json";

type Decode = (value: unknown) => unknown;

/** How a value of a Trino type is returned: as DuckDB's `all` (JS values) or `json` (JSON-safe) would. */
export function decoder(type: string, format: Format): Decode {
  const t = type.toLowerCase();
  const base = t.replace(/\(.*$/s, "").trim();
  switch (base) {
    case "bigint":
      return format === "all" ? (v) => (typeof v === "bigint" ? v : BigInt(v as number)) : (v) => String(v);
    case "integer":
    case "smallint":
    case "tinyint":
      return (v) => Number(v);
    case "double":
    case "real":
      // NaN and the infinities arrive as strings.
      return (v) => (typeof v === "string" ? Number(v) : v);
    case "decimal":
      return format === "all" ? (v) => Number(v) : (v) => String(v);
    case "date":
      return format === "all" ? (v) => new Date(`${v as string}T00:00:00Z`) : (v) => v;
    case "array": {
      const inner = decoder(t.slice(t.indexOf("(") + 1, t.lastIndexOf(")")), format);
      return (v) => (v as unknown[]).map((x) => (x === null ? null : inner(x)));
    }
    default:
      return (v) => v;
  }
}

/** Rows as objects keyed by column name, each value decoded by its column's type. */
export function decodeRows<T>(
  columns: readonly TrinoColumn[],
  rows: readonly (readonly unknown[])[],
  format: Format,
): T[] {
  const decoders = columns.map((c) => decoder(c.type, format));
  return rows.map((r) => {
    const o: Record<string, unknown> = {};
    columns.forEach((c, i) => {
      const v = r[i];
      o[c.name] = v === null || v === undefined ? null : (decoders[i] as Decode)(v);
    });
    return o as T;
  });
}
