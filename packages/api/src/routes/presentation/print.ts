// A PDF of any page of the web app, as the caller sees it: Chromium (through @bevan/reports)
// opens the page on this server with the caller's own session cookie, waits until its data
// have loaded, and prints it with the print stylesheet. Nothing is rendered that the caller
// could not open in the browser, and the page's own API reads are audited as theirs. One
// PDF at a time per server: printing is CPU-heavy and the machine is shared.
import type { AddressInfo } from "node:net";
import { PdfRenderer } from "@bevan/reports";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { principalOf } from "../../auth/access.ts";
import { HttpError } from "../../http-error.ts";
import { ErrorBody } from "../../schemas.ts";

const PrintQuery = Type.Object({
  path: Type.String({
    description: "The web app's page, as in the address bar: /population, /variation?indicator=…",
    maxLength: 2000,
  }),
  landscape: Type.Optional(Type.Boolean({ default: true })),
});

/** A path of the web app on this server (never another origin, never the API itself). */
export function pagePath(path: string): string | null {
  if (!path.startsWith("/") || path.startsWith("//") || path.includes("\\")) return null;
  const url = new URL(path, "http://localhost");
  if (url.origin !== "http://localhost" || url.pathname.startsWith("/api/") || url.pathname === "/api")
    return null;
  return `${url.pathname}${url.search}`;
}

/** `Population overview` → `population-overview.pdf`. */
export const pdfName = (path: string) =>
  `bevan${
    path
      .split("?")[0]
      ?.replace(/[^a-z0-9]+/gi, "-")
      .replace(/-+$/, "") || "-home"
  }.pdf`;

export function printRoutes(app: FastifyInstance): void {
  let renderer: PdfRenderer | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  app.addHook("onClose", async () => {
    await renderer?.close();
  });
  app.get(
    "/api/print",
    {
      schema: {
        tags: ["reports"],
        summary:
          "A PDF of a page of the web app as the caller sees it (Chromium's print-to-PDF with the caller's session)",
        querystring: PrintQuery,
        response: { 400: ErrorBody, 401: ErrorBody },
      },
      config: { access: "signed-in" },
    },
    async (request, reply) => {
      const q = request.query as { path: string; landscape?: boolean };
      const path = pagePath(q.path);
      if (!path)
        throw new HttpError(400, "bad_path", "path must be a page of this web app, such as /population");
      const address = app.server.address() as AddressInfo | null;
      if (!address || typeof address === "string")
        throw new HttpError(503, "not_listening", "the server is not listening on a port");
      const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
      const origin = `http://${host === "0.0.0.0" ? "127.0.0.1" : host === "[::]" ? "[::1]" : host}:${address.port}`;
      const cookies = Object.entries(request.cookies ?? {})
        .filter((entry): entry is [string, string] => typeof entry[1] === "string")
        .map(([name, value]) => ({ name, value }));
      const who = principalOf(request);
      const scope = who.scopes.map((s) => `${s.level} ${s.code}`).join(", ") || "no scope";
      const footer = `Bevan ${path.split("?")[0]} — printed ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC for ${who.displayName} (${who.role.name}; ${scope}); figures as shown to this user, after disclosure control`;
      renderer ??= new PdfRenderer();
      const r = renderer;
      const job = queue.then(() =>
        r.fromUrl(`${origin}${path}`, {
          cookies,
          footer,
          landscape: q.landscape ?? true,
          readySelector: "html[data-bevan-ready]",
          timeoutMs: 60_000,
        }),
      );
      queue = job.catch(() => undefined);
      const pdf = await job;
      return reply
        .type("application/pdf")
        .header("Content-Disposition", `attachment; filename="${pdfName(path)}"`)
        .header("Cache-Control", "no-store")
        .send(Buffer.from(pdf));
    },
  );
}
