// The web application (packages/web, built by Vite into dist/): its files at their paths and
// index.html for every other GET outside /api/ (the app routes in the browser). The server
// only reads the directory it is given; without one, `/` stays the status page.
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { HttpError } from "../http-error.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
};

/** Sign-in options the app needs before anyone is signed in (public, no data). */
export function signInOptionsRoute(
  app: FastifyInstance,
  opts: { localSignIn: boolean; oidc: boolean; demoUsers: readonly string[] },
): void {
  app.get(
    "/api/auth/options",
    {
      schema: {
        tags: ["auth"],
        summary:
          "How to sign in here (local demo sign-in, OIDC, the demo usernames if any) and whether this request is signed in",
        response: {
          200: Type.Object({
            localSignIn: Type.Boolean(),
            oidc: Type.Boolean(),
            demoUsers: Type.Array(Type.String()),
            signedIn: Type.Boolean(),
          }),
        },
      },
      config: { access: "public" },
    },
    async (request) => ({
      localSignIn: opts.localSignIn,
      oidc: opts.oidc,
      demoUsers: [...opts.demoUsers],
      // Lets the app ask "who am I?" only when there is a session, rather than draw a 401.
      signedIn: request.principal !== null,
    }),
  );
}

export function webAppRoutes(app: FastifyInstance, root: string): void {
  const base = normalize(root + sep);
  const file = async (path: string): Promise<Buffer | null> => {
    const full = normalize(join(base, path));
    if (!full.startsWith(base)) return null; // no escaping the directory with ../
    try {
      return (await stat(full)).isFile() ? await readFile(full) : null;
    } catch {
      return null;
    }
  };
  const hidden = { hide: true };
  app.get("/*", { schema: hidden, config: { access: "public" } }, async (request, reply) => {
    const path = decodeURIComponent((request.url.split("?")[0] ?? "/").replace(/^\/+/, ""));
    if (path.startsWith("api/"))
      throw new HttpError(404, "not_found", "no such endpoint: see /api/openapi.json");
    // Browsers ask for /favicon.ico whatever the page links; the design system's icon lives in images/.
    const body = path ? await file(path === "favicon.ico" ? "images/favicon.ico" : path) : null;
    if (body) {
      // Vite puts a content hash in every asset's name, so they never change.
      if (path.startsWith("assets/")) reply.header("Cache-Control", "public, max-age=31536000, immutable");
      return reply.type(TYPES[extname(path)] ?? "application/octet-stream").send(body);
    }
    if (
      extname(path) !== "" &&
      (path.startsWith("assets/") || path.startsWith("images/") || path === "favicon.ico")
    )
      throw new HttpError(404, "not_found", "no such file");
    const index = await file("index.html");
    if (!index)
      throw new HttpError(
        404,
        "not_found",
        "the web application is not built: run `npm run build -w @bevan/web`",
      );
    return reply
      .header("Cache-Control", "no-cache")
      .type(TYPES[".html"] as string)
      .send(index);
  });
}
