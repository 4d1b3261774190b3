// User administration for administrators: list users, add one, disable or re-enable one,
// change a role or scopes. Every call is audited (who did what to which user; never a
// password), every change is CSRF-protected like any state-changing request, and scopes
// must name organisations of the right level that exist in the warehouse.
import {
  appendAudit,
  checkRole,
  checkScope,
  createUser,
  findUser,
  grantUser,
  InvalidGrantError,
  listRoles,
  listUsers,
  type ScopeGrant,
  setUserDisabled,
  UnknownUserError,
  UserExistsError,
} from "@bevan/state";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { type Static, Type } from "typebox";
import { type AccessCache, principalOf } from "../auth/access.ts";
import type { ApiContext } from "../context.ts";
import { HttpError } from "../http-error.ts";
import { ErrorBody, OrgCode, Purpose } from "../schemas.ts";

export const Username = Type.String({
  pattern: "^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$",
  description: "Sign-in name: letters, digits and . _ @ -",
});
export const ScopeGrantSchema = Type.Object(
  {
    level: Type.Union(["icb", "place", "pcn", "practice", "trust"].map((l) => Type.Literal(l))),
    code: OrgCode,
  },
  { additionalProperties: false },
);
export const UserSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  scopes: Type.Array(ScopeGrantSchema),
  disabled: Type.Boolean(),
  isDemo: Type.Boolean(),
  signIn: Type.Union([Type.Literal("password"), Type.Literal("oidc"), Type.Literal("none")]),
  createdAt: Type.String(),
});
export type AdminUser = Static<typeof UserSchema>;
export const NewUserBody = Type.Object(
  {
    username: Username,
    displayName: Type.String({ minLength: 1, maxLength: 200 }),
    role: Type.String({ pattern: "^[a-z_]{1,40}$" }),
    scopes: Type.Array(ScopeGrantSchema, { maxItems: 200 }),
    password: Type.Optional(Type.String({ minLength: 12, maxLength: 200 })),
    oidc: Type.Optional(
      Type.Object(
        {
          issuer: Type.String({ minLength: 1, maxLength: 500 }),
          subject: Type.String({ minLength: 1, maxLength: 500 }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export const GrantBody = Type.Object(
  {
    role: Type.Optional(Type.String({ pattern: "^[a-z_]{1,40}$" })),
    addScopes: Type.Optional(Type.Array(ScopeGrantSchema, { maxItems: 200 })),
    removeScopes: Type.Optional(Type.Array(ScopeGrantSchema, { maxItems: 200 })),
  },
  { additionalProperties: false },
);
export const RoleSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  description: Type.String(),
  purpose: Purpose,
  directCare: Type.Boolean(),
  patientData: Type.Union([Type.Literal("identified"), Type.Literal("pseudonymous"), Type.Literal("none")]),
  permissions: Type.Array(Type.String()),
});
export type AdminRole = Static<typeof RoleSchema>;
const UserParams = Type.Object({ username: Username });
const UserResponse = Type.Object({ user: UserSchema });

/** User-fixable state errors become coded 4xx answers; anything else stays internal. */
async function asHttp<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UnknownUserError) throw new HttpError(404, "not_found", error.message);
    if (error instanceof UserExistsError) throw new HttpError(409, "conflict", error.message);
    if (error instanceof InvalidGrantError) throw new HttpError(400, "invalid_request", error.message);
    throw error;
  }
}

export function adminUserRoutes(app: FastifyInstance, ctx: ApiContext, access: AccessCache): void {
  const audit = (request: FastifyRequest, action: string, params: Record<string, unknown>, rows: number) => {
    const p = principalOf(request);
    return appendAudit(ctx.state, {
      userId: p.userId,
      username: p.username,
      role: p.role.code,
      scope: p.scopes,
      action,
      endpoint: `${request.method} ${request.routeOptions.url ?? ""}`,
      params,
      rowCount: rows,
      personIds: [],
      clientIp: request.ip ?? null,
    });
  };

  // Scopes name organisations of their level in the warehouse (reference data, not person-level).
  const checkOrganisations = async (request: FastifyRequest, scopes: readonly ScopeGrant[]) => {
    for (const s of scopes) checkScope(s);
    if (scopes.length === 0) return;
    const codes = [...new Set(scopes.map((s) => s.code))];
    const rows = await ctx
      .scopedFor(principalOf(request))
      .all<{ org_code: string; org_type: string }>(
        `SELECT org_code, org_type FROM organisation WHERE org_code IN (${codes.map(() => "?").join(", ")})`,
        codes,
      );
    for (const s of scopes)
      if (
        !rows.some(
          (r) => r.org_code === s.code && r.org_type === (s.level === "trust" ? "acute_trust" : s.level),
        )
      )
        throw new InvalidGrantError(`no ${s.level} with code ${s.code} in the warehouse's organisations`);
  };

  app.get(
    "/api/admin/users",
    {
      schema: {
        tags: ["administration"],
        summary: "Every user with role, scopes and status (administrators)",
        response: { 200: Type.Object({ users: Type.Array(UserSchema) }), 403: ErrorBody },
      },
      config: { access: "users:manage" },
    },
    async (request) => {
      const users = await listUsers(ctx.state);
      await audit(request, "user.list", {}, users.length);
      return { users };
    },
  );

  app.get(
    "/api/admin/roles",
    {
      schema: {
        tags: ["administration"],
        summary: "Every role: its purpose, what it may see of patients, and its permissions (administrators)",
        response: { 200: Type.Object({ roles: Type.Array(RoleSchema) }), 403: ErrorBody },
      },
      config: { access: "users:manage" },
    },
    async () => ({ roles: await listRoles(ctx.state) }),
  );

  app.post(
    "/api/admin/users",
    {
      schema: {
        tags: ["administration"],
        summary: "Add a user with a role and scopes; a local password (embedded default) or an OIDC subject",
        body: NewUserBody,
        response: { 201: UserResponse, 400: ErrorBody, 403: ErrorBody, 409: ErrorBody },
      },
      config: { access: "users:manage" },
    },
    async (request, reply) => {
      const body = request.body as Static<typeof NewUserBody>;
      const user = await asHttp(async () => {
        await checkRole(ctx.state, body.role);
        await checkOrganisations(request, body.scopes as ScopeGrant[]);
        await createUser(ctx.state, {
          username: body.username,
          displayName: body.displayName,
          role: body.role,
          scopes: body.scopes as ScopeGrant[],
          ...(body.password === undefined ? {} : { password: body.password }),
          ...(body.oidc === undefined ? {} : { oidc: body.oidc }),
        });
        return findUser(ctx.state, body.username);
      });
      await audit(
        request,
        "user.create",
        { username: user.username, role: user.role, scopes: user.scopes, signIn: user.signIn },
        1,
      );
      return reply.status(201).send({ user });
    },
  );

  for (const [verb, disabled] of [
    ["disable", true],
    ["enable", false],
  ] as const) {
    app.post(
      `/api/admin/users/:username/${verb}`,
      {
        schema: {
          tags: ["administration"],
          summary: disabled
            ? "Disable a user: they can no longer sign in, and their sessions end at once"
            : "Re-enable a disabled user",
          params: UserParams,
          response: { 200: UserResponse, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
        },
        config: { access: "users:manage" },
      },
      async (request) => {
        const { username } = request.params as { username: string };
        if (disabled && username === principalOf(request).username)
          throw new HttpError(409, "conflict", "you cannot disable yourself: ask another administrator");
        const user = await asHttp(() => setUserDisabled(ctx.state, username, disabled));
        access.forgetUser(user.id);
        await audit(request, `user.${verb}`, { username }, 1);
        return { user };
      },
    );
  }

  app.post(
    "/api/admin/users/:username/grant",
    {
      schema: {
        tags: ["administration"],
        summary: "Change a user's role, add or remove scopes; narrowing ends their sessions",
        params: UserParams,
        body: GrantBody,
        response: { 200: UserResponse, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
      config: { access: "users:manage" },
    },
    async (request) => {
      const { username } = request.params as { username: string };
      const body = request.body as Static<typeof GrantBody>;
      const user = await asHttp(async () => {
        await checkOrganisations(request, (body.addScopes ?? []) as ScopeGrant[]);
        return grantUser(ctx.state, username, {
          ...(body.role === undefined ? {} : { role: body.role }),
          add: (body.addScopes ?? []) as ScopeGrant[],
          remove: (body.removeScopes ?? []) as ScopeGrant[],
        });
      });
      access.forgetUser(user.id);
      await audit(
        request,
        "user.grant",
        { username, role: body.role ?? null, added: body.addScopes ?? [], removed: body.removeScopes ?? [] },
        1,
      );
      return { user };
    },
  );
}
