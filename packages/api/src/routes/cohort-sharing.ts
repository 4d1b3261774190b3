// Sharing a saved cohort: its owner chooses private, a team (named colleagues, each viewing
// or also saving versions) or scope-wide (read-only for everyone whose scope overlaps the
// owner's). Colleagues to choose from are users who may read cohorts in an overlapping scope.
// A change of sharing is audited.
import { listRoles, listUsers, type ScopeGrant, type Sharing } from "@bevan/state";
import type { FastifyInstance } from "fastify";
import { type Static, Type } from "typebox";
import { principalOf } from "../auth/access.ts";
import { overlaps, summaryFor } from "../cohort-access.ts";
import type { ApiContext } from "../context.ts";
import { HttpError } from "../http-error.ts";
import { CohortSummary, ErrorBody } from "../schemas.ts";
import { ShareCandidate, SharingBody } from "../schemas-governance.ts";
import { IdParams } from "./cohorts.ts";

export function cohortSharingRoutes(app: FastifyInstance, ctx: ApiContext): void {
  /** Users a cohort may be shared with, by username: enabled, able to read cohorts, scope overlapping. */
  const candidates = async (request: Parameters<typeof principalOf>[0]) => {
    const me = principalOf(request);
    const roles = new Map((await listRoles(ctx.state)).map((r) => [r.code, r]));
    const parents = await ctx.cohortAccess.parents();
    return (await listUsers(ctx.state))
      .filter(
        (u) =>
          u.id !== me.userId &&
          !u.disabled &&
          roles.get(u.role)?.permissions.includes("cohorts:read") &&
          overlaps(me.scopes, u.scopes, parents),
      )
      .map((u) => ({
        id: u.id,
        username: u.username,
        displayName: u.displayName,
        role: roles.get(u.role)?.name ?? u.role,
        canEdit: roles.get(u.role)?.permissions.includes("cohorts:write") ?? false,
      }));
  };

  app.get(
    "/api/cohorts/share-candidates",
    {
      schema: {
        tags: ["cohorts"],
        summary:
          "Colleagues you can share a cohort with: users who can read cohorts in a scope overlapping yours",
        response: { 200: Type.Object({ users: Type.Array(ShareCandidate) }), 403: ErrorBody },
      },
      config: { access: "cohorts:write" },
    },
    async (request) => ({
      users: (await candidates(request)).map(({ id: _id, ...u }) => u),
    }),
  );

  app.put(
    "/api/cohorts/:id/sharing",
    {
      schema: {
        tags: ["cohorts"],
        summary:
          "Choose who sees a cohort you own: private, a team (each member viewing, or also saving versions), or everyone in your scope (read-only)",
        params: IdParams,
        body: SharingBody,
        response: {
          200: Type.Object({ cohort: CohortSummary }),
          400: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
        },
      },
      config: { access: "cohorts:write" },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const body = request.body as Static<typeof SharingBody>;
      const me = principalOf(request);
      const team = body.sharing === "team" ? (body.team ?? []) : [];
      if (body.sharing === "team" && team.length === 0)
        throw new HttpError(
          400,
          "invalid_request",
          "name at least one colleague to share with, or keep it private",
        );
      const known = new Map((await candidates(request)).map((u) => [u.username, u]));
      const members = team.map((m) => {
        const u = known.get(m.username);
        if (!u)
          throw new HttpError(
            400,
            "invalid_request",
            `${m.username} cannot be given this cohort: share only with colleagues who can read cohorts in your area (GET /api/cohorts/share-candidates)`,
          );
        if (m.canEdit && !u.canEdit)
          throw new HttpError(
            400,
            "invalid_request",
            `${m.username}'s role cannot save cohorts: share it with them to view`,
          );
        return { userId: u.id, canEdit: m.canEdit };
      });
      const saved = await ctx.cohortStore.setSharing(id, {
        sharing: body.sharing as Sharing,
        sharedScopes: me.scopes as ScopeGrant[],
        team: members,
      });
      if (!saved) throw new HttpError(404, "not_found", "no such cohort");
      await ctx.record(request, {
        action: "cohort.share",
        params: { sharing: body.sharing, team, ...(body.sharing === "scope" ? { scopes: me.scopes } : {}) },
        cohortId: id,
        rowCount: 0,
      });
      return { cohort: await summaryFor(ctx.cohortAccess, me, saved) };
    },
  );
}
