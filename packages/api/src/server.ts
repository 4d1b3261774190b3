// The embedded HTTP server. This first version serves health/readiness, a suppressed
// summary and a status page; authentication, scopes and audit arrive with issue 8.
import { Warehouse } from "@bevan/engine";
import { summarise, suppressCount, type WarehouseSummary } from "@bevan/query";
import Fastify, { type FastifyInstance } from "fastify";
import { STATUS_CSS, statusPageHtml } from "./status-page.ts";

export interface ServerOptions {
  readonly db: string;
  readonly logger?: boolean;
}

export async function createServer(
  options: ServerOptions,
): Promise<{ app: FastifyInstance; close: () => Promise<void> }> {
  const wh = await Warehouse.open(options.db, { readOnly: true });
  let summary: WarehouseSummary | null = null;
  try {
    summary = await summarise(wh);
  } catch {
    summary = null;
  }
  const app = Fastify({ logger: options.logger ? { level: "info" } : false });
  app.addHook("onSend", async (_req, reply) => {
    reply.header("X-Content-Type-Options", "nosniff");
    reply.header("Referrer-Policy", "no-referrer");
    reply.header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
  });
  app.setErrorHandler((error, request, reply) => {
    const e: Error & { statusCode?: number } = error instanceof Error ? error : new Error("non-Error thrown");
    const status = e.statusCode ?? 500;
    if (status < 500) return reply.status(status).send({ error: e.message });
    request.log.error({ reference: request.id, name: e.name }, "internal error");
    return reply.status(500).send({ error: `internal error, reference ${request.id}` });
  });
  app.get("/api/health", async () => ({ status: "ok" }));
  app.get("/api/ready", async (_req, reply) =>
    summary ? { status: "ready", asOf: summary.asOf } : reply.status(503).send({ status: "not built" }),
  );
  app.get("/api/summary", async (_req, reply) => {
    if (!summary)
      return reply.status(503).send({ error: "the warehouse has not been built: run `bevan build`" });
    return {
      asOf: summary.asOf,
      persons: {
        registered: suppressCount(summary.persons.registered),
        deceased: suppressCount(summary.persons.deceased),
      },
      organisations: summary.organisations,
      registers: Object.fromEntries(
        Object.entries(summary.registers).map(([code, r]) => {
          const count = suppressCount(r.count);
          return [code, { count, prevalence: count.suppressed ? null : r.prevalence, minAge: r.minAge }];
        }),
      ),
      activity: {
        emergencyAdmissions12m: suppressCount(summary.activity.emergencyAdmissions12m),
        emergencyAdmissionsPer1000: summary.activity.emergencyAdmissionsPer1000,
      },
    };
  });
  app.get("/status.css", async (_req, reply) => reply.type("text/css").send(STATUS_CSS));
  app.get("/", async (_req, reply) =>
    reply
      .type("text/html; charset=utf-8")
      .send(
        statusPageHtml(
          summary,
          "This is the embedded server's status page; the web application arrives with the web issue.",
        ),
      ),
  );
  return {
    app,
    close: async () => {
      await app.close();
      wh.close();
    },
  };
}
