// Who may see and change a saved cohort, enforced in one place for every route under
// /api/cohorts/:id (and every `saved_cohort` a submitted definition names): its owner; the
// team it is shared with (saving new versions only if shared for editing); everyone whose
// scope overlaps the organisations it was shared over (read-only). A cohort you may not see
// answers 404, like one that does not exist; one you may see but not change answers 403.
// Saving a cohort or a version is audited here too (a definition change).
import type { Principal, SavedCohort, ScopeGrant } from "@bevan/state";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { principalOf } from "./auth/access.ts";
import type { ApiContext } from "./context.ts";
import { HttpError, notFound } from "./http-error.ts";

export type CohortNeed = "see" | "edit" | "own";

/** The organisation hierarchy's parent links, read once (the server's warehouse is read-only). */
function parents(ctx: ApiContext): () => Promise<Map<string, string | null>> {
  let cached: Promise<Map<string, string | null>> | null = null;
  return () => {
    cached ??= ctx
      .publicScope()
      .then((ics) =>
        ics.all<{ org_code: string; parent_code: string | null }>(
          "SELECT org_code, parent_code FROM organisation",
        ),
      )
      .then((rows) => new Map(rows.map((r) => [r.org_code, r.parent_code])));
    cached.catch(() => {
      cached = null;
    });
    return cached;
  };
}

/** Whether two sets of scopes share any organisation (one at or under the other). */
export function overlaps(
  a: readonly ScopeGrant[],
  b: readonly ScopeGrant[],
  parentOf: ReadonlyMap<string, string | null>,
): boolean {
  const lineage = (code: string) => {
    const out = new Set<string>();
    for (let c: string | null | undefined = code; c && !out.has(c); c = parentOf.get(c)) out.add(c);
    return out;
  };
  return a.some((x) => b.some((y) => lineage(x.code).has(y.code) || lineage(y.code).has(x.code)));
}

export interface CohortAccess {
  /** May this caller see, change or re-share the cohort? */
  can(principal: Principal, cohort: SavedCohort, need: CohortNeed): Promise<boolean>;
  /** The cohorts this caller may see. */
  visible(principal: Principal): Promise<SavedCohort[]>;
  /** The cohort, if the caller may do `need` with it; else 404 (cannot see) or 403 (cannot change). */
  require(principal: Principal, id: string, need: CohortNeed): Promise<SavedCohort>;
  /** The organisation hierarchy (for sharing candidates). */
  parents(): Promise<Map<string, string | null>>;
}

export function cohortAccess(ctx: ApiContext): CohortAccess {
  const hierarchy = parents(ctx);
  const can = async (p: Principal, c: SavedCohort, need: CohortNeed) => {
    if (c.ownerId === p.userId) return true;
    if (need === "own") return false;
    const member = c.team.find((m) => m.userId === p.userId);
    if (need === "edit")
      return c.sharing === "team" && member?.canEdit === true && p.role.permissions.includes("cohorts:write");
    if (c.sharing === "team") return member !== undefined;
    if (c.sharing === "scope") return overlaps(p.scopes, c.sharedScopes, await hierarchy());
    return false;
  };
  return {
    can,
    parents: hierarchy,
    async visible(p) {
      const all = await ctx.cohortStore.list();
      const out: SavedCohort[] = [];
      for (const c of all) if (await can(p, c, "see")) out.push(c);
      return out;
    },
    async require(p, id, need) {
      const cohort = await ctx.cohortStore.get(id);
      if (!cohort || !(await can(p, cohort, "see"))) throw notFound("that cohort");
      if (need !== "see" && !(await can(p, cohort, need)))
        throw new HttpError(
          403,
          "forbidden",
          need === "own"
            ? "only the cohort's owner can change who it is shared with"
            : "only the cohort's owner, or people it is shared with for editing, can save a new version: save it as a cohort of your own instead",
        );
      return cohort;
    },
  };
}

/** The caller's view of a saved cohort: who owns it, how it is shared, what they may do. */
export async function summaryFor(access: CohortAccess, p: Principal, c: SavedCohort) {
  return {
    id: c.id,
    name: c.name,
    createdAt: c.createdAt,
    latestVersion: c.latestVersion,
    owner: c.owner,
    mine: c.ownerId === p.userId,
    canEdit: await access.can(p, c, "edit"),
    sharing: c.sharing,
    sharedScopes: [...c.sharedScopes],
    team: c.team.map((m) => ({ username: m.username, displayName: m.displayName, canEdit: m.canEdit })),
  };
}

/** The saved cohorts a definition names (`saved_cohort` nodes, at any depth). */
export function referencedCohorts(definition: unknown): string[] {
  const ids = new Set<string>();
  const walk = (v: unknown, depth: number) => {
    if (depth > 64 || v === null || typeof v !== "object") return;
    if (Array.isArray(v)) for (const x of v) walk(x, depth + 1);
    else {
      const o = v as Record<string, unknown>;
      if (o.kind === "saved_cohort" && typeof o.id === "string") ids.add(o.id);
      for (const x of Object.values(o)) walk(x, depth + 1);
    }
  };
  walk(definition, 0);
  return [...ids];
}

/** The need of a route under /api/cohorts/:id, by method and path. */
function needOf(request: FastifyRequest): CohortNeed {
  const url = request.routeOptions.url ?? "";
  if (request.method === "POST" && url.endsWith("/versions")) return "edit";
  if (request.method === "PUT" && url.endsWith("/sharing")) return "own";
  return "see";
}

export function registerCohortAccess(app: FastifyInstance, ctx: ApiContext, access: CohortAccess): void {
  app.addHook("preHandler", async (request) => {
    const url = request.routeOptions.url ?? "";
    if (!url.startsWith("/api/cohorts")) return;
    const principal = principalOf(request);
    if (url.startsWith("/api/cohorts/:id")) {
      const { id } = request.params as { id: string };
      await access.require(principal, id, needOf(request));
    }
    const definition = (request.body as { definition?: unknown } | undefined)?.definition;
    for (const ref of referencedCohorts(definition)) {
      const c = await ctx.cohortStore.get(ref);
      if (!c || !(await access.can(principal, c, "see")))
        throw new HttpError(
          400,
          "invalid_cohort",
          'a "saved_cohort" node names a cohort that does not exist or is not shared with you: use an id listed by GET /api/cohorts',
        );
    }
  });
  // A new cohort or version is a definition change: on the record with who and which.
  app.addHook("onSend", async (request, reply, payload) => {
    const url = request.routeOptions.url ?? "";
    const saved = url === "/api/cohorts" || url === "/api/cohorts/:id/versions";
    if (request.method !== "POST" || !saved || reply.statusCode !== 201 || typeof payload !== "string")
      return payload;
    const v = JSON.parse(payload) as { cohortId: string; version: number };
    const body = request.body as { name?: string; note?: string };
    await ctx.record(request, {
      action: v.version === 1 ? "cohort.create" : "cohort.version",
      params: { ...(body.name ? { name: body.name } : {}), ...(body.note ? { note: body.note } : {}) },
      cohortId: v.cohortId,
      cohortVersion: v.version,
      rowCount: 0,
    });
    return payload;
  });
}
