// Public routes: health, readiness, the suppressed ICS summary, the front page and the
// OpenAPI document.
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import type { ApiContext } from "../context.ts";
import { type PublicSummary, publicSummary } from "../public-summary.ts";
import { SIGN_IN_JS, STATUS_CSS, statusPageHtml } from "../status-page.ts";

export function statusRoutes(
  app: FastifyInstance,
  ctx: ApiContext,
  opts: { demoUsers: readonly string[]; frontPage: boolean },
): void {
  let cached: Promise<PublicSummary | null> | null = null;
  // The warehouse is read-only while served, so the public summary is computed once.
  const summary = () => {
    cached ??= ctx
      .publicScope()
      .then((sw) => publicSummary(sw, ctx.disclosure))
      .catch((error: unknown) => {
        cached = null; // try again on the next request rather than failing forever
        throw error;
      });
    return cached;
  };
  const hidden = { hide: true };

  app.get(
    "/api/health",
    {
      schema: {
        tags: ["status"],
        summary: "Liveness",
        response: { 200: Type.Object({ status: Type.Literal("ok") }) },
      },
      config: { access: "public" },
    },
    async () => ({ status: "ok" as const }),
  );

  app.get(
    "/api/ready",
    {
      schema: {
        tags: ["status"],
        summary: "Readiness: the warehouse is built and application state answers",
        response: {
          200: Type.Object({
            status: Type.Literal("ready"),
            asOf: Type.String(),
            state: Type.String(),
            caches: Type.Union([Type.Literal("warming"), Type.Literal("warm")], {
              description:
                "`warming` while the analytics caches fill after start: answers are slower until `warm`",
            }),
          }),
          503: Type.Object({ status: Type.String(), reason: Type.String() }),
        },
      },
      config: { access: "public" },
    },
    async (_request, reply) => {
      try {
        await ctx.state.query("SELECT 1 AS ok");
      } catch {
        return reply.status(503).send({ status: "not ready", reason: "application state is not answering" });
      }
      const s = await summary();
      if (!s)
        return reply.status(503).send({ status: "not ready", reason: "the warehouse has not been built" });
      return { status: "ready" as const, asOf: s.asOf, state: ctx.state.kind, caches: ctx.caches };
    },
  );

  app.get(
    "/api/summary",
    {
      schema: {
        tags: ["status"],
        summary: "Headline numbers for the whole ICS, suppressed for any audience",
        response: { 200: Type.Unknown(), 503: Type.Unknown() },
      },
      config: { access: "public" },
    },
    async (_request, reply) => {
      const s = await summary();
      if (!s)
        return reply.status(503).send({
          error: { code: "not_built", message: "the warehouse has not been built: run `bevan build`" },
        });
      return s;
    },
  );

  app.get("/api/openapi.json", { schema: hidden, config: { access: "public" } }, async () => app.swagger());
  app.get("/status.css", { schema: hidden, config: { access: "public" } }, async (_r, reply) =>
    reply.type("text/css").send(STATUS_CSS),
  );
  app.get("/sign-in.js", { schema: hidden, config: { access: "public" } }, async (_r, reply) =>
    reply.type("text/javascript").send(SIGN_IN_JS),
  );
  if (!opts.frontPage) return; // the web application serves `/`
  app.get("/", { schema: hidden, config: { access: "public" } }, async (_r, reply) =>
    reply
      .type("text/html; charset=utf-8")
      .send(statusPageHtml(await summary(), { demoUsers: opts.demoUsers })),
  );
}
