// User administration for administrators: list users and roles, add a user, disable or
// re-enable one, change a role or scopes, all held to separation of duties
// (@bevan/state separation-of-duties.ts): a change nobody else has approved never gives an
// administrator, or an account an administrator could sign in as, patient data. Such a
// change is answered 202 with the request a second administrator approves. Every call is
// audited (who did what to which user; never a password), every change is CSRF-protected,
// and scopes must name organisations of the right level in the warehouse.
import {
  AccessRequestError,
  BreakGlassError,
  checkRole,
  checkScope,
  createUser,
  findUser,
  grantUser,
  InvalidGrantError,
  judge,
  listRoles,
  listUsers,
  type Role,
  readsPatients,
  requestAccess,
  type ScopeGrant,
  setUserDisabled,
  UnknownUserError,
  UserExistsError,
} from "@bevan/state";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { type Static, Type } from "typebox";
import { type AccessCache, principalOf } from "../../auth/access.ts";
import type { ApiContext } from "../../context.ts";
import { HttpError } from "../../http-error.ts";
import { ErrorBody } from "../../schemas.ts";
import {
  AdminOrganisation,
  GrantBody,
  NewUserBody,
  PendingResponse,
  RoleSchema,
  Username,
  UserSchema,
} from "../../schemas-governance.ts";

const UserParams = Type.Object({ username: Username });
const UserResponse = Type.Object({ user: UserSchema });

/** User-fixable state errors become coded 4xx answers; anything else stays internal. */
export async function asHttp<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UnknownUserError) throw new HttpError(404, "not_found", error.message);
    if (error instanceof UserExistsError) throw new HttpError(409, "conflict", error.message);
    if (error instanceof InvalidGrantError) throw new HttpError(400, "invalid_request", error.message);
    if (error instanceof AccessRequestError || error instanceof BreakGlassError)
      throw new HttpError(error.code === "not_found" ? 404 : 409, error.code, error.message);
    throw error;
  }
}

/** The organisation table's type for a scope level (a trust scope names an acute trust). */
const orgTypeOf = (level: string) => (level === "trust" ? "acute_trust" : level);

/** Scopes name organisations of their level in the warehouse (reference data, not person-level). */
export async function checkOrganisations(
  ctx: ApiContext,
  request: FastifyRequest,
  scopes: readonly ScopeGrant[],
) {
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
    if (!rows.some((r) => r.org_code === s.code && r.org_type === orgTypeOf(s.level)))
      throw new InvalidGrantError(`no ${s.level} with code ${s.code} in the warehouse's organisations`);
}

async function roleOf(ctx: ApiContext, code: string): Promise<Role> {
  const role = (await listRoles(ctx.state)).find((r) => r.code === code);
  if (!role) await checkRole(ctx.state, code);
  return role as Role;
}

export function adminUserRoutes(app: FastifyInstance, ctx: ApiContext, access: AccessCache): void {
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
      await ctx.record(request, { action: "user.list", params: {}, rowCount: users.length });
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
    async () => ({
      roles: (await listRoles(ctx.state)).map((r) => ({ ...r, readsPatients: readsPatients(r) })),
    }),
  );

  app.get(
    "/api/admin/organisations",
    {
      schema: {
        tags: ["administration"],
        summary:
          "Every organisation a scope can name (ICB, place, PCN, practice, trust), for granting scopes",
        response: { 200: Type.Object({ organisations: Type.Array(AdminOrganisation) }), 403: ErrorBody },
      },
      config: { access: "users:manage" },
    },
    async () => {
      const ics = await ctx.publicScope();
      const rows = await ics.all<{
        org_code: string;
        org_name: string;
        org_type: string;
        parent_code: string | null;
      }>(
        `SELECT org_code, org_name, org_type, parent_code FROM organisation
         WHERE org_type IN ('icb', 'place', 'pcn', 'practice', 'acute_trust') ORDER BY org_type, org_name`,
      );
      return {
        organisations: rows.map((r) => ({
          code: r.org_code,
          name: r.org_name,
          level: r.org_type === "acute_trust" ? "trust" : r.org_type,
          parent: r.parent_code,
        })),
      };
    },
  );

  app.post(
    "/api/admin/users",
    {
      schema: {
        tags: ["administration"],
        summary:
          "Add a user with a role and scopes; a local password (embedded default) or an OIDC subject. 202 when a second administrator must approve it (the user is created disabled until then)",
        body: NewUserBody,
        response: { 201: UserResponse, 202: PendingResponse, 400: ErrorBody, 403: ErrorBody, 409: ErrorBody },
      },
      config: { access: "users:manage" },
    },
    async (request, reply) => {
      const body = request.body as Static<typeof NewUserBody>;
      const actor = principalOf(request);
      const role = await asHttp(() => roleOf(ctx, body.role));
      const decision = judge(
        actor,
        null,
        { role, roleChanges: true, addScopes: body.scopes as ScopeGrant[] },
        { password: body.password !== undefined, username: body.username },
      );
      if (decision.kind === "refused") throw new HttpError(409, "separation_of_duties", decision.why);
      const user = await asHttp(async () => {
        await checkOrganisations(ctx, request, body.scopes as ScopeGrant[]);
        await createUser(ctx.state, {
          username: body.username,
          displayName: body.displayName,
          role: body.role,
          scopes: body.scopes as ScopeGrant[],
          ...(body.password === undefined ? {} : { password: body.password }),
          ...(body.oidc === undefined ? {} : { oidc: body.oidc }),
        });
        // Until a second administrator approves, the account exists but cannot sign in.
        if (decision.kind === "needs-approval") await setUserDisabled(ctx.state, body.username, true);
        return findUser(ctx.state, body.username);
      });
      const pending =
        decision.kind === "needs-approval"
          ? await requestAccess(ctx.state, {
              kind: "create",
              userId: user.id,
              role: user.role,
              addScopes: user.scopes,
              removeScopes: [],
              why: decision.why,
              requestedBy: actor.userId,
            })
          : null;
      await ctx.record(request, {
        action: "user.create",
        params: {
          username: user.username,
          role: user.role,
          scopes: user.scopes,
          signIn: user.signIn,
          ...(pending ? { pendingApproval: pending.id } : {}),
        },
        rowCount: 1,
      });
      if (pending) return reply.status(202).send({ pending: true, request: pending, user });
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
            : "Re-enable a disabled user (not one waiting for a second administrator's approval)",
          params: UserParams,
          response: { 200: UserResponse, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
        },
        config: { access: "users:manage" },
      },
      async (request) => {
        const { username } = request.params as { username: string };
        const actor = principalOf(request);
        if (username === actor.username)
          throw new HttpError(409, "conflict", `you cannot ${verb} yourself: ask another administrator`);
        if (!disabled) {
          // Enabling an account created for approval would be the approval itself.
          const target = await asHttp(() => findUser(ctx.state, username));
          const waiting = await ctx.state.query(
            "SELECT 1 FROM access_requests WHERE user_id = $1 AND kind = 'create' AND status = 'pending'",
            [target.id],
          );
          if (waiting.length > 0)
            throw new HttpError(
              409,
              "separation_of_duties",
              `${username} is waiting for a second administrator's approval: approve or reject the request instead`,
            );
        }
        const user = await asHttp(() => setUserDisabled(ctx.state, username, disabled));
        access.forgetUser(user.id);
        await ctx.record(request, { action: `user.${verb}`, params: { username }, rowCount: 1 });
        return { user };
      },
    );
  }

  app.post(
    "/api/admin/users/:username/grant",
    {
      schema: {
        tags: ["administration"],
        summary:
          "Change a user's role, add or remove scopes; narrowing ends their sessions. 202 when a second administrator must approve it",
        params: UserParams,
        body: GrantBody,
        response: {
          200: UserResponse,
          202: PendingResponse,
          400: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
        },
      },
      config: { access: "users:manage" },
    },
    async (request, reply) => {
      const { username } = request.params as { username: string };
      const body = request.body as Static<typeof GrantBody>;
      const actor = principalOf(request);
      const target = await asHttp(() => findUser(ctx.state, username));
      const current = await roleOf(ctx, target.role);
      const next = body.role === undefined ? current : await asHttp(() => roleOf(ctx, body.role as string));
      const addScopes = (body.addScopes ?? []) as ScopeGrant[];
      const removeScopes = (body.removeScopes ?? []) as ScopeGrant[];
      const decision = judge(
        actor,
        { user: target, role: current },
        { role: next, roleChanges: next.code !== current.code, addScopes },
      );
      const params = { username, role: body.role ?? null, added: addScopes, removed: removeScopes };
      if (decision.kind === "refused") {
        await ctx.record(request, {
          action: "user.grant-refused",
          params: { ...params, why: decision.why },
          rowCount: 0,
        });
        throw new HttpError(409, "separation_of_duties", decision.why);
      }
      await asHttp(() => checkOrganisations(ctx, request, addScopes));
      if (decision.kind === "needs-approval") {
        const pending = await requestAccess(ctx.state, {
          kind: "grant",
          userId: target.id,
          role: body.role ?? null,
          addScopes,
          removeScopes,
          why: decision.why,
          requestedBy: actor.userId,
        });
        await ctx.record(request, {
          action: "access.request",
          params: { ...params, request: pending.id },
          rowCount: 1,
        });
        return reply.status(202).send({ pending: true, request: pending, user: target });
      }
      const user = await asHttp(() =>
        grantUser(ctx.state, username, {
          ...(body.role === undefined ? {} : { role: body.role }),
          add: addScopes,
          remove: removeScopes,
        }),
      );
      access.forgetUser(user.id);
      await ctx.record(request, { action: "user.grant", params, rowCount: 1 });
      return { user };
    },
  );
}
