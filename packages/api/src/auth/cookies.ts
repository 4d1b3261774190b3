// Session cookies: HttpOnly, SameSite=Strict, Path=/, Secure on HTTPS (or when forced), and
// a readable CSRF cookie the web app echoes in the X-CSRF-Token header.

import { SESSION_HOURS } from "@bevan/state";
import type {} from "@fastify/cookie";
import type { FastifyReply, FastifyRequest } from "fastify";
import { CSRF_COOKIE, SESSION_COOKIE } from "./access.ts";

export type SecureCookies = boolean | "auto";

function secure(request: FastifyRequest, setting: SecureCookies): boolean {
  return setting === "auto" ? request.protocol === "https" : setting;
}

export function setSessionCookies(
  request: FastifyRequest,
  reply: FastifyReply,
  setting: SecureCookies,
  session: { id: string; csrfToken: string },
): void {
  const common = {
    path: "/",
    sameSite: "strict" as const,
    secure: secure(request, setting),
    maxAge: SESSION_HOURS * 3600,
  };
  reply.setCookie(SESSION_COOKIE, session.id, { ...common, httpOnly: true });
  reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false });
}

export function clearSessionCookies(
  request: FastifyRequest,
  reply: FastifyReply,
  setting: SecureCookies,
): void {
  const common = { path: "/", sameSite: "strict" as const, secure: secure(request, setting) };
  reply.clearCookie(SESSION_COOKIE, { ...common, httpOnly: true });
  reply.clearCookie(CSRF_COOKIE, common);
}
