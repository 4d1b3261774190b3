// Cohort answers that describe fewer than 8 people are patient reads for a direct-care role:
// its counts are exact, so narrowing a preview to 1–7 people tells them about those people.
// Such an answer (a preview, a saved cohort's count, a monthly timeline) is audited like a
// patient read before it is sent, naming the people it describes. Roles without direct
// care get disclosed counts, where small numbers are withheld, so they are not concerned.
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ApiContext } from "./context.ts";

/** Fewer than this many people in an answer is a patient read for a direct-care role. */
export const SMALL_COUNT = 8;

const ROUTES = new Set([
  "POST /api/cohorts/preview",
  "GET /api/cohorts/:id/count",
  "POST /api/cohorts/timeline",
  "GET /api/cohorts/:id/timeline",
]);

interface CountCell {
  readonly value: number | null;
}

const small = (n: number | null | undefined): n is number =>
  typeof n === "number" && n > 0 && n < SMALL_COUNT;

export function registerSmallCountAudit(app: FastifyInstance, ctx: ApiContext): void {
  app.addHook("preSerialization", async (request: FastifyRequest, reply, payload: unknown) => {
    const route = `${request.method} ${request.routeOptions.url ?? ""}`;
    const p = request.principal;
    if (!ROUTES.has(route) || !p || p.role.purpose !== "direct_care" || reply.statusCode !== 200)
      return payload;
    const body = payload as {
      count?: CountCell;
      total?: CountCell;
      points?: { asOf: string; count: CountCell }[];
      breakdowns?: Record<string, { count?: CountCell }[]>;
      groups?: { group: string; count?: CountCell }[];
      version?: number;
    };
    const total = body.count?.value ?? body.total?.value;
    const monthsSmall = (body.points ?? []).filter((pt) => small(pt.count.value)).map((pt) => pt.asOf);
    const cells = [...Object.values(body.breakdowns ?? {}).flat(), ...(body.groups ?? [])].filter((c) =>
      small(c.count?.value),
    ).length;
    if (!small(total) && monthsSmall.length === 0 && cells === 0) return payload;
    // The people described, named when the cohort itself is small now (a small cell of a
    // larger cohort, or an earlier month, is recorded by its count).
    const now = body.points ? body.points.at(-1)?.count.value : total;
    const definition = small(now) ? await definitionOf(ctx, request) : undefined;
    const members =
      definition === undefined ? null : await ctx.cohorts.members(ctx.scopedFor(p), definition, null);
    const personIds = members && small(members.total) ? members.personIds : [];
    const { id } = (request.params ?? {}) as { id?: string };
    await ctx.record(request, {
      action: "cohort.count-small",
      params: {
        total: total ?? null,
        ...(monthsSmall.length ? { monthsUnder8: monthsSmall } : {}),
        ...(cells ? { cellsUnder8: cells } : {}),
      },
      ...(id ? { cohortId: id, cohortVersion: body.version ?? null } : {}),
      personIds,
      rowCount: personIds.length,
    });
    return payload;
  });
}

/** The definition the answer was about: the body's, or the saved version's. */
async function definitionOf(ctx: ApiContext, request: FastifyRequest): Promise<unknown> {
  const body = request.body as { definition?: unknown } | undefined;
  if (body?.definition !== undefined) return body.definition;
  const { id } = request.params as { id: string };
  const { version } = request.query as { version?: number };
  return (await ctx.cohortStore.version(id, version))?.definition;
}
