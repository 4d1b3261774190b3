// OIDC sign-in against a real OpenID provider (the oidc-provider package) on loopback:
// authorisation code with PKCE (S256), state and nonce; the subject must be provisioned in
// Bevan's policy data; a state value works once.
import { createServer as createHttpServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createUser, openState, type SqlClient } from "@bevan/state";
import Provider from "oidc-provider";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createServer } from "../src/server.ts";
import { findSubjects } from "./harness.ts";

const CLIENT_ID = "bevan";
const REDIRECT = "http://127.0.0.1:8080/api/auth/oidc/callback";
let http: Server;
let issuer = "";
let nextSubject = "gp-0001";
let state: SqlClient;
let api: Awaited<ReturnType<typeof createServer>>;
let lastAuthUrl = "";

beforeAll(async () => {
  http = createHttpServer();
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        token_endpoint_auth_method: "none",
        redirect_uris: [REDIRECT],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        application_type: "native",
      },
    ],
    cookies: { keys: ["test-only-cookie-key"] },
    findAccount: async (_ctx: unknown, sub: string) => ({ accountId: sub, claims: async () => ({ sub }) }),
    pkce: { required: () => true },
  });
  const callback = provider.callback();
  // The provider's interaction step, automated: whoever `nextSubject` names signs in and consents.
  http.on("request", async (req, res) => {
    if (!req.url?.startsWith("/interaction/")) return callback(req, res);
    const details = await provider.interactionDetails(req, res);
    const grant = new provider.Grant({ accountId: nextSubject, clientId: CLIENT_ID });
    grant.addOIDCScope(String(details.params.scope));
    const grantId = await grant.save();
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: nextSubject }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  });
  const demo = inject("demo");
  const subjects = await findSubjects(demo.db);
  state = await openState({ kind: "pglite" });
  await createUser(state, {
    username: "dr-oidc",
    displayName: "Dr OIDC",
    role: "clinician",
    scopes: [{ level: "practice", code: subjects.practiceIn }],
    oidc: { issuer, subject: "gp-0001" },
  });
  api = await createServer({
    db: demo.db,
    state,
    oidc: { issuer, clientId: CLIENT_ID, redirectUri: REDIRECT, allowInsecure: true },
  });
});
afterAll(async () => {
  await api?.close();
  await state?.close();
  http?.close();
});

/** Follows the provider's redirects with a cookie jar until it sends the browser back to Bevan. */
async function browse(url: string): Promise<URL> {
  const jar = new Map<string, string>();
  let next = new URL(url);
  for (let hops = 0; hops < 10; hops++) {
    if (next.href.startsWith(REDIRECT)) return next;
    const res = await fetch(next, {
      redirect: "manual",
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const [k, ...v] = (pair ?? "").split("=");
      if (k) jar.set(k.trim(), v.join("="));
    }
    const location = res.headers.get("location");
    if (!location) throw new Error(`provider stopped at ${res.status}`);
    next = new URL(location, next);
  }
  throw new Error("too many redirects");
}

async function signIn(subject: string) {
  nextSubject = subject;
  const start = await api.app.inject("/api/auth/oidc/start");
  expect(start.statusCode).toBe(302);
  lastAuthUrl = String(start.headers.location);
  const back = await browse(lastAuthUrl);
  return { back, res: await api.app.inject(`/api/auth/oidc/callback${back.search}`) };
}

describe("OIDC sign-in", () => {
  it("asks for the code flow with PKCE S256, state and nonce", async () => {
    const start = await api.app.inject("/api/auth/oidc/start");
    const url = new URL(String(start.headers.location));
    expect(url.origin).toBe(issuer);
    expect(url.searchParams.get("response_type")).toBe("code");
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get("state")).toBeTruthy();
    expect(url.searchParams.get("nonce")).toBeTruthy();
  });

  it("signs a provisioned subject in with a session bound to Bevan's own role and scope", async () => {
    const { res } = await signIn("gp-0001");
    expect(res.statusCode).toBe(302);
    const cookie = res.cookies.find((c) => c.name === "bevan_session");
    expect(cookie?.httpOnly).toBe(true);
    const me = await api.app.inject({
      url: "/api/auth/me",
      headers: { cookie: `bevan_session=${cookie?.value}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: "dr-oidc", role: { code: "clinician" } });
  });

  it("refuses a subject the provider knows but Bevan has not provisioned", async () => {
    const { res } = await signIn("stranger-9");
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("not_provisioned");
  });

  it("accepts a state value once: replaying the callback is refused", async () => {
    const { back, res } = await signIn("gp-0001");
    expect(res.statusCode).toBe(302);
    const replay = await api.app.inject(`/api/auth/oidc/callback${back.search}`);
    expect(replay.statusCode).toBe(400);
    expect(replay.json().error.code).toBe("oidc_state");
  });

  it("local sign-in is off when the server is configured for OIDC only", async () => {
    const res = await api.app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { username: "dr-oidc", password: "x" },
    });
    expect(res.statusCode).toBe(404);
  });
});
