// Who is calling, and may they? The session cookie resolves to a Principal (role and scopes
// from policy data); every route declares what it needs in `config.access`, and a route
// that declares nothing is refused (deny by default). State-changing requests from a
// session must carry its CSRF token.

import type { DisclosurePolicy, ScopedWarehouse } from "@bevan/query";
import {
  can,
  findSession,
  loadPrincipal,
  type Permission,
  type Principal,
  type SqlClient,
} from "@bevan/state";
import type {} from "@fastify/cookie";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { forbidden, HttpError, unauthenticated } from "../http-error.ts";

/** "public": anyone; "signed-in": any principal; a permission: principals whose role has it. */
export type Access = "public" | "signed-in" | Permission;

declare module "fastify" {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
    sessionId: string | null;
    csrfToken: string | null;
  }
}

export const SESSION_COOKIE = "bevan_session";
export const CSRF_COOKIE = "bevan_csrf";
export const CSRF_HEADER = "x-csrf-token";
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const PRINCIPAL_TTL_MS = 5_000;

export interface AccessCache {
  /** Drops one session's cached principal (sign-out). */
  forget(sessionId: string): void;
  /** Drops every cached principal of a user (disabled, or role or scopes changed). */
  forgetUser(userId: string): void;
}

export function registerAccess(app: FastifyInstance, state: SqlClient): AccessCache {
  // Policy is read per session at most every few seconds: a role or scope change applies
  // within PRINCIPAL_TTL_MS, and a sign-out at once (the cache entry is dropped).
  const cache = new Map<string, { principal: Principal | null; csrf: string | null; until: number }>();
  app.decorateRequest("principal", null);
  app.decorateRequest("sessionId", null);
  app.decorateRequest("csrfToken", null);
  app.addHook("onRequest", async (request) => {
    const id = request.cookies?.[SESSION_COOKIE];
    if (!id || id.length > 100) return;
    const now = Date.now();
    let hit = cache.get(id);
    if (!hit || hit.until < now) {
      const session = await findSession(state, id);
      const principal = session ? await loadPrincipal(state, session.userId) : null;
      hit = { principal, csrf: session?.csrfToken ?? null, until: now + PRINCIPAL_TTL_MS };
      if (cache.size > 10_000) cache.clear();
      cache.set(id, hit);
    }
    if (!hit.principal) return;
    request.principal = hit.principal;
    request.sessionId = id;
    request.csrfToken = hit.csrf;
  });
  app.addHook("preValidation", async (request) => {
    const access = request.routeOptions.config?.access;
    if (access === undefined) {
      // Unknown routes have no options; Fastify answers them 404 itself.
      if (request.routeOptions.url === undefined) return;
      throw new HttpError(403, "forbidden", "this route declares no access rule, so it is refused");
    }
    if (access === "public") return;
    if (!request.principal) throw unauthenticated();
    if (UNSAFE.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== "string" || sent !== request.csrfToken)
        throw new HttpError(
          403,
          "csrf",
          `state-changing requests need the ${CSRF_HEADER} header from sign-in`,
        );
    }
    if (access !== "signed-in" && !can(request.principal, access)) throw forbidden(describe(access));
  });
  return {
    forget: (sessionId) => cache.delete(sessionId),
    forgetUser: (userId) => {
      for (const [id, hit] of cache) if (hit.principal?.userId === userId) cache.delete(id);
    },
  };
}

function describe(p: Permission): string {
  const what: Record<Permission, string> = {
    "aggregates:read": "aggregate reports",
    "patients:read": "patient-level data",
    "cohorts:read": "cohorts",
    "cohorts:write": "saving cohorts",
    "cohorts:members": "cohort member lists",
    "data-quality:read": "data-quality reports",
    "audit:read": "the audit trail",
    "users:manage": "user administration",
    "care:read": "caseloads and care plans",
    "care:write": "changing caseloads and care plans",
  };
  return what[p];
}

/** The caller's principal on a route that required one. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthenticated();
  return request.principal;
}

/** The disclosure policy for the caller: none for direct-care roles, the configured one otherwise. */
export function disclosureFor(
  principal: Principal | null,
  policy: DisclosurePolicy,
): DisclosurePolicy | null {
  return principal?.role.directCare ? null : policy;
}

export type ScopedFor = (principal: Principal) => ScopedWarehouse;
