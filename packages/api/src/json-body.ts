// The JSON body parser: refuses nesting deeper than MAX_DEPTH (so no validator or
// serialiser recursion can overflow), NUL characters (PostgreSQL text cannot hold them) and
// prototype-pollution keys, each with a 400 the caller can act on.
import type { FastifyInstance } from "fastify";
import { HttpError } from "./http-error.ts";

export const MAX_DEPTH = 32;

function depthWithinLimit(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > MAX_DEPTH) return false;
    } else if (c === 125 || c === 93) depth--;
  }
  return true;
}

export function registerJsonParser(app: FastifyInstance): void {
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) => {
    const text = body as string;
    if (!depthWithinLimit(text))
      return done(
        new HttpError(400, "invalid_request", `the JSON body is nested deeper than ${MAX_DEPTH} levels`),
      );
    if (text.includes("\u0000") || /\\u0000/i.test(text))
      return done(new HttpError(400, "invalid_request", "NUL characters are not accepted in requests"));
    try {
      done(
        null,
        text === ""
          ? undefined
          : JSON.parse(text, (key, value) => {
              if (key === "__proto__" || key === "constructor") throw new SyntaxError("forbidden key");
              return value;
            }),
      );
    } catch {
      done(new HttpError(400, "invalid_json", "the request body is not valid JSON"));
    }
  });
}
