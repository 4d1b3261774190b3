// The caseload: the team's board (triage queue ordered by risk, the pathway by stage,
// monitoring), referral from a worklist, cohort, risk list or the patient view, and each
// change to an episode (consent, checklist, assignment, moves along the pathway,
// monitoring contacts, re-referral). People outside the caller's scope are never shown;
// every read and change is one audit event; a change made from a stale version gets 409.
import {
  assign,
  CONSENT_STATES,
  type Consent,
  coordinatorLoads,
  type Episode,
  getEpisode,
  getPlans,
  listEpisodes,
  monitoringContact,
  moveEpisode,
  recordConsent,
  refer,
  reRefer,
  STAGES,
  tick,
} from "@bevan/care";
import type { Principal } from "@bevan/state";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { principalOf } from "../../auth/access.ts";
import type { ApiContext } from "../../context.ts";
import { HttpError, notFound } from "../../http-error.ts";
import { ErrorBody, PersonId } from "../../schemas.ts";
import { ConflictBody, careCall } from "./errors.ts";
import { auditCare, peopleInScope, personInScope } from "./people.ts";
import { CaseloadResponse, EpisodeSchema, episodeView } from "./views.ts";

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Version = Type.Integer({
  minimum: 1,
  description: "The episode version you are changing (from the board)",
});
const EpisodeParams = Type.Object({ id: Type.String({ pattern: "^[0-9a-f-]{36}$" }) });
const Errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ConflictBody,
  422: ErrorBody,
};

/** Display names of users, by id. */
export async function userNames(
  ctx: ApiContext,
  ids: readonly (string | null)[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  if (!wanted.length) return new Map();
  const rows = await ctx.state.query<{ id: string; display_name: string }>(
    "SELECT id, display_name FROM users WHERE id = ANY(string_to_array($1, ','))",
    [wanted.join(",")],
  );
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** The coordinators of the caller's team: users who may change care records and share one of the caller's organisations. */
async function teamCoordinators(ctx: ApiContext, principal: Principal, assigned: readonly string[]) {
  const rows = await ctx.state.query<{ id: string }>(
    `SELECT DISTINCT u.id FROM users u
     JOIN role_permissions rp ON rp.role_code = u.role_code AND rp.permission = 'care:write'
     JOIN user_scopes s ON s.user_id = u.id
     WHERE NOT u.disabled AND s.org_code = ANY(string_to_array($1, ','))`,
    [principal.scopes.map((s) => s.code).join(",")],
  );
  return coordinatorLoads(ctx.state, [...new Set([...rows.map((r) => r.id), ...assigned, principal.userId])]);
}

/** An episode the caller may change: its person is registered in the caller's scope. */
async function episodeInScope(ctx: ApiContext, principal: Principal, id: string): Promise<Episode> {
  const e = await getEpisode(ctx.state, id);
  if (!e) throw notFound("that care coordination episode");
  await personInScope(ctx, principal, e.personId);
  return e;
}

export function caseloadRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    "/api/care/caseload",
    {
      schema: {
        tags: ["care"],
        summary:
          "The team's caseload: triage queue by risk, the pathway by stage, monitoring (identifiable, audited)",
        querystring: Type.Object(
          { closed: Type.Optional(Type.Boolean({ description: "Include closed episodes" })) },
          { additionalProperties: false },
        ),
        response: {
          200: CaseloadResponse,
          ...Errors,
        },
      },
      config: { access: "care:read" },
    },
    async (request) => {
      const principal = principalOf(request);
      const { closed } = request.query as { closed?: boolean };
      const episodes = await listEpisodes(ctx.state, {
        statuses: closed ? ["triage", "active", "monitoring", "closed"] : ["triage", "active", "monitoring"],
      });
      const people = await peopleInScope(
        ctx,
        principal,
        episodes.map((e) => e.personId),
      );
      const mine = episodes.filter((e) => people.has(e.personId));
      const plans = await getPlans(
        ctx.state,
        mine.map((e) => e.personId),
      );
      const names = await userNames(
        ctx,
        mine.map((e) => e.coordinatorId),
      );
      const entries = mine.map((e) => ({
        person: people.get(e.personId) as NonNullable<ReturnType<typeof people.get>>,
        episode: episodeView(
          e,
          plans.get(e.personId)?.content ?? null,
          names.get(e.coordinatorId ?? "") ?? null,
        ),
      }));
      // Triage by risk (highest first), then referral order.
      entries.sort(
        (a, b) =>
          (b.person.admissionRisk ?? -1) - (a.person.admissionRisk ?? -1) ||
          a.episode.referredAt.localeCompare(b.episode.referredAt),
      );
      await auditCare(ctx, request, "care.caseload", { closed: closed ?? false }, [
        ...new Set(mine.map((e) => e.personId)),
      ]);
      const coordinators = await teamCoordinators(
        ctx,
        principal,
        mine.flatMap((e) => (e.coordinatorId ? [e.coordinatorId] : [])),
      );
      return { today: new Date().toISOString().slice(0, 10), entries, coordinators };
    },
  );

  app.post(
    "/api/care/episodes",
    {
      schema: {
        tags: ["care"],
        summary: "Refer a person in your scope to the caseload's triage queue, with a reason (audited)",
        body: Type.Object(
          {
            personId: PersonId,
            reason: Text(500),
            source: Type.Union(
              ["worklist", "cohort", "risk-list", "audit", "patient-view"].map((s) => Type.Literal(s)),
            ),
            sourceRef: Type.Optional(Type.String({ maxLength: 200 })),
            consent: Type.Optional(Type.Union(CONSENT_STATES.map((c) => Type.Literal(c)))),
          },
          { additionalProperties: false },
        ),
        response: { 201: EpisodeSchema, ...Errors },
      },
      config: { access: "care:write" },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const b = request.body as {
        personId: string;
        reason: string;
        source: string;
        sourceRef?: string;
        consent?: Consent;
      };
      const person = await personInScope(ctx, principal, b.personId);
      const e = await careCall(() =>
        refer(ctx.state, {
          personId: person.personId,
          teamCode: person.practiceCode,
          source: b.source,
          sourceRef: b.sourceRef ?? null,
          reason: b.reason,
          ...(b.consent ? { consent: b.consent } : {}),
          by: principal.userId,
        }),
      );
      await auditCare(ctx, request, "care.refer", { source: b.source, sourceRef: b.sourceRef ?? null }, [
        person.personId,
      ]);
      reply.status(201);
      return episodeView(e, null, null);
    },
  );

  const change = (
    path: string,
    summary: string,
    body: ReturnType<typeof Type.Object>,
    run: (e: Episode, b: Record<string, unknown>, by: string) => Promise<Episode>,
  ) =>
    app.post(
      `/api/care/episodes/:id/${path}`,
      {
        schema: {
          tags: ["care"],
          summary: `${summary} (audited; 409 if the episode changed since your version)`,
          params: EpisodeParams,
          body,
          response: { 200: EpisodeSchema, ...Errors },
        },
        config: { access: "care:write" },
      },
      async (request) => {
        const principal = principalOf(request);
        const { id } = request.params as { id: string };
        const b = request.body as Record<string, unknown>;
        const e = await episodeInScope(ctx, principal, id);
        const after = await careCall(() => run(e, b, principal.userId));
        await auditCare(ctx, request, "care.episode", { change: path, episode: id, ...summarised(b) }, [
          e.personId,
        ]);
        const plans = await getPlans(ctx.state, [after.personId]);
        const names = await userNames(ctx, [after.coordinatorId]);
        return episodeView(
          after,
          plans.get(after.personId)?.content ?? null,
          names.get(after.coordinatorId ?? "") ?? null,
        );
      },
    );

  const o = (b: Record<string, unknown>, by: string) => ({ version: b.version as number, by });

  change(
    "move",
    "Move along the pathway: accept into red, advance to the next stage, discharge to monitoring, or close",
    Type.Object(
      {
        version: Version,
        move: Type.Union([
          Type.Literal("accept"),
          Type.Literal("advance"),
          Type.Literal("discharge"),
          Type.Literal("close"),
        ]),
        reason: Type.Optional(Text(500)),
      },
      { additionalProperties: false },
    ),
    async (e, b, by) => {
      const kind = b.move as "accept" | "advance" | "discharge" | "close";
      if (kind === "close" && !b.reason)
        throw new HttpError(400, "invalid_request", "say why the episode is closed ('reason')");
      const plan = (await getPlans(ctx.state, [e.personId])).get(e.personId)?.content ?? null;
      const move = kind === "close" ? { kind, reason: b.reason as string } : { kind };
      return moveEpisode(ctx.state, e.id, move, plan, o(b, by));
    },
  );
  change(
    "consent",
    "Record the person's consent to care coordination (declined or withdrawn closes the episode)",
    Type.Object(
      { version: Version, consent: Type.Union(CONSENT_STATES.map((c) => Type.Literal(c))) },
      { additionalProperties: false },
    ),
    (e, b, by) => recordConsent(ctx.state, e.id, b.consent as Consent, o(b, by)),
  );
  change(
    "checklist",
    "Tick or untick an item of a stage's checklist",
    Type.Object(
      {
        version: Version,
        stage: Type.Union(STAGES.map((s) => Type.Literal(s))),
        item: Type.String({ pattern: "^[a-z0-9-]{1,40}$" }),
        done: Type.Boolean(),
      },
      { additionalProperties: false },
    ),
    (e, b, by) =>
      tick(
        ctx.state,
        e.id,
        { stage: b.stage as "red", id: b.item as string, done: b.done as boolean },
        o(b, by),
      ),
  );
  change(
    "assign",
    "Assign the episode to a coordinator of the team ('me' for yourself; null to unassign)",
    Type.Object(
      { version: Version, coordinatorId: Type.Union([Type.String({ maxLength: 100 }), Type.Null()]) },
      { additionalProperties: false },
    ),
    async (e, b, by) => {
      const to = b.coordinatorId === "me" ? by : (b.coordinatorId as string | null);
      if (to) {
        const ok = await ctx.state.query(
          `SELECT 1 FROM users u JOIN role_permissions rp ON rp.role_code = u.role_code AND rp.permission = 'care:write'
           WHERE u.id = $1 AND NOT u.disabled`,
          [to],
        );
        if (!ok.length) throw new HttpError(422, "invalid_request", "that user cannot hold a caseload");
      }
      return assign(ctx.state, e.id, to, o(b, by));
    },
  );
  change(
    "monitoring",
    "Record a 3-monthly monitoring contact and set the next one",
    Type.Object({ version: Version, note: Text(1000) }, { additionalProperties: false }),
    (e, b, by) => monitoringContact(ctx.state, e.id, b.note as string, o(b, by)),
  );
  change(
    "re-refer",
    "Re-refer a person discharged or closed: a new episode opens in triage",
    Type.Object({ version: Version, reason: Text(500) }, { additionalProperties: false }),
    (e, b, by) => reRefer(ctx.state, e.id, b.reason as string, o(b, by)),
  );
}

/** What an audit event records of a change: its kind and settings, not free text. */
function summarised(b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ["version", "move", "consent", "stage", "item", "done", "coordinatorId"])
    if (k in b) out[k] = b[k];
  return out;
}
