// Sign-in and sign-out. Local sign-in (username and password) is for the embedded default's
// demo users; production signs in through OIDC (oidc.ts). Either way the session is new at
// sign-in (any presented session is ended first) and sign-in attempts are rate limited.
import { endSession, loadPrincipal, type Principal, startSession, verifyPassword } from "@bevan/state";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { principalOf, type registerAccess } from "../auth/access.ts";
import { clearSessionCookies, type SecureCookies, setSessionCookies } from "../auth/cookies.ts";
import type { ApiContext } from "../context.ts";
import { HttpError } from "../http-error.ts";
import { ErrorBody, Me, SignInBody } from "../schemas.ts";

export interface AuthRouteOptions {
  readonly localSignIn: boolean;
  readonly secureCookies: SecureCookies;
  readonly signInLimit: { readonly max: number; readonly windowMs: number };
  readonly access: ReturnType<typeof registerAccess>;
}

export function authRoutes(app: FastifyInstance, ctx: ApiContext, opts: AuthRouteOptions): void {
  app.post(
    "/api/auth/sign-in",
    {
      schema: {
        tags: ["auth"],
        summary: "Local sign-in (embedded default; demo users)",
        body: SignInBody,
        response: { 200: Me, 401: ErrorBody, 404: ErrorBody, 429: ErrorBody },
      },
      config: {
        access: "public",
        rateLimit: { max: opts.signInLimit.max, timeWindow: opts.signInLimit.windowMs },
      },
    },
    async (request, reply) => {
      if (!opts.localSignIn)
        throw new HttpError(
          404,
          "local_sign_in_disabled",
          "local sign-in is off here: sign in at /api/auth/oidc/start",
        );
      const { username, password } = request.body as { username: string; password: string };
      const userId = await verifyPassword(ctx.state, username, password);
      if (!userId) {
        // The attempt is on the record; the name only if it is a user's (a password typed
        // into the username box is not kept).
        const known = (
          await ctx.state.query<{ id: string; disabled: boolean }>(
            "SELECT id, disabled FROM users WHERE username = $1",
            [username],
          )
        )[0];
        await ctx.record(request, {
          action: "auth.sign-in-failed",
          principal: null,
          userId: known?.id ?? null,
          username: known ? username : null,
          params: {
            method: "local",
            reason: !known ? "unknown user" : known.disabled ? "disabled" : "wrong password",
          },
          rowCount: 0,
        });
        throw new HttpError(401, "bad_credentials", "the username or password is wrong");
      }
      const previousId = request.sessionId ?? undefined;
      if (previousId) opts.access.forget(previousId);
      const { id, session } = await startSession(ctx.state, userId, { previousId });
      setSessionCookies(request, reply, opts.secureCookies, { id, csrfToken: session.csrfToken });
      request.log.info({ event: "sign-in", method: "local" }, "signed in");
      const principal = await loadPrincipal(ctx.state, userId);
      if (!principal) throw new Error("signed-in user has no principal");
      await ctx.record(request, {
        action: "auth.sign-in",
        principal,
        params: { method: "local" },
        rowCount: 0,
      });
      return meBody(principal, session.csrfToken);
    },
  );

  app.post(
    "/api/auth/sign-out",
    {
      schema: {
        tags: ["auth"],
        summary: "End the session",
        response: { 200: Type.Object({ signedOut: Type.Boolean() }) },
      },
      config: { access: "signed-in" },
    },
    async (request, reply) => {
      if (request.sessionId) {
        await ctx.record(request, { action: "auth.sign-out", params: {}, rowCount: 0 });
        opts.access.forget(request.sessionId);
        await endSession(ctx.state, request.sessionId);
      }
      clearSessionCookies(request, reply, opts.secureCookies);
      return { signedOut: true };
    },
  );

  app.get(
    "/api/auth/me",
    {
      schema: {
        tags: ["auth"],
        summary: "The signed-in user, role, scopes and CSRF token",
        response: { 200: Me, 401: ErrorBody },
      },
      config: { access: "signed-in" },
    },
    async (request) => meBody(principalOf(request), request.csrfToken ?? ""),
  );
}

function meBody(p: Principal, csrfToken: string) {
  return {
    username: p.username,
    displayName: p.displayName,
    isDemo: p.isDemo,
    role: {
      code: p.role.code,
      name: p.role.name,
      directCare: p.role.directCare,
      purpose: p.role.purpose,
      patientData: p.role.patientData,
      permissions: [...p.role.permissions],
    },
    scopes: p.scopes.map((s) => ({ level: s.level, code: s.code })),
    csrfToken,
  };
}
