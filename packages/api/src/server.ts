// The HTTP server: Fastify with TypeBox schemas on every route, the OpenAPI document,
// sessions and policy-driven access, audited patient-level reads, suppressed aggregates,
// security headers, structured logs without patient data, and an error handler that never
// returns internals.

import { openEngine, whileWanted } from "@bevan/engine";
import { checkPolicy, DEFAULT_DISCLOSURE, type DisclosurePolicy } from "@bevan/query";
import { postgresCohortStore, type SavedCohortStore, type SqlClient } from "@bevan/state";
import cookie from "@fastify/cookie";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import { TypeBoxValidatorCompiler } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyInstance, LogController } from "fastify";
import { registerAccess } from "./auth/access.ts";
import type { SecureCookies } from "./auth/cookies.ts";
import { type OidcSettings, oidcRoutes } from "./auth/oidc.ts";
import { registerCohortAccess } from "./cohort-access.ts";
import type { CohortEngine } from "./cohort-engine.ts";
import { stateCohortStore } from "./cohort-store-adapter.ts";
import { createContext } from "./context.ts";
import { errorHandler, HttpError } from "./http-error.ts";
import { irCohortEngine } from "./ir-cohort-engine.ts";
import { registerJsonParser } from "./json-body.ts";
import { QueryBudget, type QueryBudgetOptions } from "./query-budget.ts";
import type { ReidentificationLookup } from "./reidentification.ts";
import { administrationRoutes } from "./routes/administration/index.ts";
import { aggregateRoutes } from "./routes/aggregates.ts";
import { authRoutes } from "./routes/auth.ts";
import { businessCaseRoutes } from "./routes/business-cases/index.ts";
import { careRoutes } from "./routes/care/index.ts";
import { cohortAnalysisRoutes } from "./routes/cohort-analysis.ts";
import { attritionRoutes } from "./routes/cohort-builder/attrition.ts";
import { codeRoutes } from "./routes/cohort-builder/codes.ts";
import { cohortMemberRoutes } from "./routes/cohort-members.ts";
import { cohortSharingRoutes } from "./routes/cohort-sharing.ts";
import { cohortRoutes } from "./routes/cohorts.ts";
import { contractRoutes } from "./routes/contracts/index.ts";
import { dataStatusRoutes } from "./routes/data-status.ts";
import { diagnosticsRoutes } from "./routes/diagnostics/index.ts";
import { disclosureLogRoutes } from "./routes/disclosure/disclosure-log.ts";
import { inequalityRoutes } from "./routes/inequalities.ts";
import { overviewRoutes } from "./routes/overview.ts";
import { patientRoutes } from "./routes/patients.ts";
import { modelCardRoutes } from "./routes/presentation/model-card.ts";
import { printRoutes } from "./routes/presentation/print.ts";
import { resourceRoutes } from "./routes/resources/index.ts";
import { segmentationRoutes } from "./routes/segmentation.ts";
import { statusRoutes } from "./routes/status.ts";
import { timelineRoutes } from "./routes/timeline.ts";
import { variationRoutes } from "./routes/variation.ts";
import { signInOptionsRoute, webAppRoutes } from "./routes/web-app.ts";
import { cohortListRoutes } from "./routes/worklists/cohort-lists.ts";
import { worklistRoutes } from "./routes/worklists/worklists.ts";
import { registerSmallCountAudit } from "./small-count-audit.ts";

export interface ServerOptions {
  /** The built warehouse, opened read-only: a DuckDB file, or a Trino schema (trino://HOST:PORT/CATALOG/SCHEMA). */
  readonly db: string;
  /** Application state (PGlite or PostgreSQL), already migrated; the caller closes it. */
  readonly state: SqlClient;
  /** Pseudonym → NHS number, for direct-care roles; without it NHS numbers are null. */
  readonly reidentification?: ReidentificationLookup | null;
  readonly cohorts?: CohortEngine;
  readonly cohortStore?: SavedCohortStore;
  readonly disclosure?: DisclosurePolicy;
  /** The budget for free-form cohort questions by roles without direct care (query-budget.ts). */
  readonly queryBudget?: Partial<QueryBudgetOptions>;
  /** Username/password sign-in (the embedded default's demo users). */
  readonly localSignIn?: boolean;
  /** Usernames to list on the front page as demo accounts. */
  readonly demoUsers?: readonly string[];
  readonly oidc?: OidcSettings;
  readonly secureCookies?: SecureCookies;
  /** Behind a TLS-terminating proxy: trust X-Forwarded-* for protocol and client address. */
  readonly trustProxy?: boolean;
  readonly logger?: boolean;
  /** Largest accepted request body in bytes (default 64 KiB). */
  readonly bodyLimit?: number;
  readonly signInLimit?: { readonly max: number; readonly windowMs: number };
  /** Fill the analytics caches in the background after start (a long-running server; not tests). */
  readonly warmCaches?: boolean;
  /** The built web application (packages/web/dist) to serve at `/`; without it `/` is the status page. */
  readonly webRoot?: string | null;
}

/** How long `close()` lets requests in flight finish before interrupting their reads. */
const CLOSE_GRACE_MS = 10_000;

export async function createServer(
  options: ServerOptions,
): Promise<{ app: FastifyInstance; close: () => Promise<void> }> {
  const disclosure = checkPolicy(options.disclosure ?? DEFAULT_DISCLOSURE);
  const wh = await openEngine(options.db, { readOnly: true });
  const app = Fastify({
    logger: options.logger
      ? {
          level: "info",
          // Requests are logged by route template, never by URL: paths and query strings can hold person ids.
          serializers: { req: () => ({}), res: () => ({}) },
        }
      : false,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimit ?? 64 * 1024,
    trustProxy: options.trustProxy ?? false,
    genReqId: () => crypto.randomUUID().slice(0, 8).toUpperCase(),
    routerOptions: { maxParamLength: 200 },
  });
  app.setValidatorCompiler(TypeBoxValidatorCompiler);
  // Each request's warehouse reads are cancelled if its client hangs up before the answer:
  // abandoned requests (a client's timeout) then free the read pool instead of queueing.
  app.addHook("onRequest", (_request, reply, done) => {
    const wanted = new AbortController();
    reply.raw.once("close", () => {
      if (!reply.raw.writableFinished) wanted.abort();
    });
    whileWanted(wanted.signal, done);
  });
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((_request, reply) =>
    reply
      .status(404)
      .send({ error: { code: "not_found", message: "no such endpoint: see /api/openapi.json" } }),
  );
  app.addHook("onResponse", async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? "(unmatched)",
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
        role: request.principal?.role.code ?? null,
      },
      "request",
    );
  });
  app.addHook("onSend", async (request, reply) => {
    reply.header("X-Content-Type-Options", "nosniff");
    reply.header("Referrer-Policy", "no-referrer");
    reply.header("X-Frame-Options", "DENY");
    reply.header("Cross-Origin-Opener-Policy", "same-origin");
    reply.header("Cross-Origin-Resource-Policy", "same-origin");
    reply.header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    reply.header(
      "Content-Security-Policy",
      "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    );
    if (request.protocol === "https")
      reply.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    if (request.url.startsWith("/api/")) reply.header("Cache-Control", "no-store");
  });
  // PostgreSQL text cannot hold NUL: refuse it at the door rather than fail in the database.
  app.addHook("onRequest", async (request) => {
    if (/%00/.test(request.url))
      throw new HttpError(400, "invalid_request", "NUL characters are not accepted in requests");
  });
  registerJsonParser(app);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Bevan API",
        version: "0.1.0",
        description:
          "Population health management API. Sign in (local demo users or OIDC), then every query is limited to your scope; aggregates are suppressed for non-direct-care roles; patient-level reads are audited.",
      },
      components: {
        securitySchemes: { session: { type: "apiKey", in: "cookie", name: "bevan_session" } },
      },
      security: [{ session: [] }],
    },
  });
  const access = registerAccess(app, options.state);
  const cohortStore = options.cohortStore ?? postgresCohortStore(options.state);
  const ctx = createContext({
    warehouse: wh,
    state: options.state,
    disclosure,
    reidentification: options.reidentification ?? null,
    cohorts: options.cohorts ?? irCohortEngine(wh, stateCohortStore(cohortStore)),
    cohortStore,
    budget: new QueryBudget(options.state, options.queryBudget),
  });
  const secureCookies = options.secureCookies ?? "auto";
  const signInLimit = options.signInLimit ?? { max: 10, windowMs: 60_000 };
  statusRoutes(app, ctx, { demoUsers: options.demoUsers ?? [], frontPage: !options.webRoot });
  signInOptionsRoute(app, {
    localSignIn: options.localSignIn ?? false,
    oidc: Boolean(options.oidc),
    demoUsers: options.demoUsers ?? [],
  });
  if (options.webRoot) {
    webAppRoutes(app, options.webRoot);
    printRoutes(app);
  }
  authRoutes(app, ctx, { localSignIn: options.localSignIn ?? false, secureCookies, signInLimit, access });
  if (options.oidc) await oidcRoutes(app, ctx, options.oidc, { secureCookies, signInLimit, access });
  registerCohortAccess(app, ctx, ctx.cohortAccess);
  registerSmallCountAudit(app, ctx);
  aggregateRoutes(app, ctx);
  patientRoutes(app, ctx);
  cohortRoutes(app, ctx);
  cohortAnalysisRoutes(app, ctx);
  cohortMemberRoutes(app, ctx);
  cohortSharingRoutes(app, ctx);
  attritionRoutes(app, ctx);
  codeRoutes(app, ctx);
  cohortListRoutes(app, ctx);
  worklistRoutes(app, ctx);
  disclosureLogRoutes(app, ctx);
  overviewRoutes(app, ctx);
  segmentationRoutes(app, ctx);
  modelCardRoutes(app, ctx);
  dataStatusRoutes(app, ctx);
  variationRoutes(app, ctx);
  inequalityRoutes(app, ctx);
  timelineRoutes(app, ctx);
  resourceRoutes(app, ctx);
  diagnosticsRoutes(app, ctx);
  businessCaseRoutes(app, ctx);
  contractRoutes(app, ctx);
  careRoutes(app, ctx);
  administrationRoutes(app, ctx, access);
  await app.ready();
  let warming: Promise<unknown> = Promise.resolve();
  // Warming stops at shutdown: its reads are cancelled rather than waited for.
  const warmingWanted = new AbortController();
  if (options.warmCaches) {
    ctx.caches = "warming";
    warming = whileWanted(warmingWanted.signal, async () => {
      for (const warm of ctx.warmers) {
        if (warmingWanted.signal.aborted) break;
        await warm().catch(() => undefined);
      }
      ctx.caches = "warm";
    });
  }
  return {
    app,
    close: async () => {
      warmingWanted.abort();
      // Requests in flight get CLOSE_GRACE_MS to finish.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        app.close(),
        new Promise((resolve) => {
          timer = setTimeout(resolve, CLOSE_GRACE_MS);
        }),
      ]);
      clearTimeout(timer);
      // Reads still running (warming, or a request past the grace period) are interrupted
      // before the warehouse closes: closing DuckDB under a running query can hang the process.
      await wh.reads.stop();
      await warming;
      wh.close();
    },
  };
}
