// OIDC sign-in (NHS CIS2 is OIDC): authorisation-code flow with PKCE (S256), state and
// nonce, through openid-client. The identity provider says who the user is; what they may
// do comes from Bevan's own policy data: an unprovisioned subject is refused.
import { loadPrincipal, saveOidcFlow, startSession, takeOidcFlow, userForOidcSubject } from "@bevan/state";
import type { FastifyInstance } from "fastify";
import * as client from "openid-client";
import { Type } from "typebox";
import type { ApiContext } from "../context.ts";
import { HttpError } from "../http-error.ts";
import { ErrorBody } from "../schemas.ts";
import type { registerAccess } from "./access.ts";
import { type SecureCookies, setSessionCookies } from "./cookies.ts";

export interface OidcSettings {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret?: string;
  /** Where the provider sends the browser back: this server's /api/auth/oidc/callback. */
  readonly redirectUri: string;
  readonly scope?: string;
  /** Only for a provider on loopback in tests and development: allow plain HTTP. */
  readonly allowInsecure?: boolean;
  /** Where to send the browser after sign-in. */
  readonly afterSignIn?: string;
}

export async function oidcRoutes(
  app: FastifyInstance,
  ctx: ApiContext,
  settings: OidcSettings,
  opts: {
    secureCookies: SecureCookies;
    signInLimit: { max: number; windowMs: number };
    access: ReturnType<typeof registerAccess>;
  },
): Promise<void> {
  let config: client.Configuration | null = null;
  const configuration = async () => {
    if (!config) {
      const execute = settings.allowInsecure ? [client.allowInsecureRequests] : [];
      config = await client.discovery(
        new URL(settings.issuer),
        settings.clientId,
        settings.clientSecret,
        settings.clientSecret ? client.ClientSecretPost(settings.clientSecret) : client.None(),
        { execute },
      );
    }
    return config;
  };

  app.get(
    "/api/auth/oidc/start",
    {
      schema: { tags: ["auth"], summary: "Start OIDC sign-in (redirects to the identity provider)" },
      config: {
        access: "public",
        rateLimit: { max: opts.signInLimit.max, timeWindow: opts.signInLimit.windowMs },
      },
    },
    async (_request, reply) => {
      const c = await configuration();
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      await saveOidcFlow(ctx.state, { state, codeVerifier, nonce });
      const url = client.buildAuthorizationUrl(c, {
        redirect_uri: settings.redirectUri,
        scope: settings.scope ?? "openid profile",
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: "S256",
        state,
        nonce,
      });
      return reply.redirect(url.href, 302);
    },
  );

  app.get(
    "/api/auth/oidc/callback",
    {
      schema: {
        tags: ["auth"],
        summary: "OIDC redirect target: exchanges the code, starts a session",
        querystring: Type.Object({
          code: Type.Optional(Type.String({ maxLength: 2000 })),
          state: Type.String({ maxLength: 200 }),
          iss: Type.Optional(Type.String({ maxLength: 500 })),
          error: Type.Optional(Type.String({ maxLength: 200 })),
          error_description: Type.Optional(Type.String({ maxLength: 1000 })),
        }),
        response: { 400: ErrorBody, 403: ErrorBody },
      },
      config: {
        access: "public",
        rateLimit: { max: opts.signInLimit.max, timeWindow: opts.signInLimit.windowMs },
      },
    },
    async (request, reply) => {
      const q = request.query as { state: string };
      const flow = await takeOidcFlow(ctx.state, q.state);
      if (!flow)
        throw new HttpError(
          400,
          "oidc_state",
          "this sign-in link has expired or was already used: start again",
        );
      const c = await configuration();
      const current = new URL(settings.redirectUri);
      current.search = new URLSearchParams(request.query as Record<string, string>).toString();
      let claims: client.IDToken | undefined;
      try {
        const tokens = await client.authorizationCodeGrant(c, current, {
          pkceCodeVerifier: flow.codeVerifier,
          expectedState: q.state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        });
        claims = tokens.claims();
      } catch {
        await ctx.record(request, {
          action: "auth.sign-in-failed",
          principal: null,
          params: { method: "oidc", reason: "answer not verified" },
          rowCount: 0,
        });
        throw new HttpError(
          400,
          "oidc_failed",
          "the identity provider's answer could not be verified: start sign-in again",
        );
      }
      if (!claims) throw new HttpError(400, "oidc_failed", "the identity provider returned no ID token");
      const userId = await userForOidcSubject(ctx.state, claims.iss, claims.sub);
      if (!userId) {
        await ctx.record(request, {
          action: "auth.sign-in-failed",
          principal: null,
          // Who the identity provider says it was: an issuer and subject, not a person's name.
          params: {
            method: "oidc",
            reason: "not provisioned or disabled",
            issuer: claims.iss,
            subject: claims.sub,
          },
          rowCount: 0,
        });
        throw new HttpError(
          403,
          "not_provisioned",
          "you signed in, but have no Bevan account: ask an administrator to add you",
        );
      }
      const previousId = request.sessionId ?? undefined;
      if (previousId) opts.access.forget(previousId);
      const { id, session } = await startSession(ctx.state, userId, { previousId });
      setSessionCookies(request, reply, opts.secureCookies, { id, csrfToken: session.csrfToken });
      request.log.info({ event: "sign-in", method: "oidc" }, "signed in");
      await ctx.record(request, {
        action: "auth.sign-in",
        principal: await loadPrincipal(ctx.state, userId),
        params: { method: "oidc" },
        rowCount: 0,
      });
      return reply.redirect(settings.afterSignIn ?? "/", 302);
    },
  );
}
