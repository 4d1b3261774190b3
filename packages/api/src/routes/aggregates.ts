// Aggregate endpoints: the organisation tree, population and register prevalence, each for
// the caller's scope (optionally narrowed to one organisation in it) and disclosed by role.
import { wilsonLower, wilsonUpper } from "@bevan/methods";
import {
  asOfDate,
  type Breakdown,
  type OrgNode,
  orgTree,
  population,
  registerCatalogue,
  registerPrevalence,
  type ScopedWarehouse,
} from "@bevan/query";
import type { Principal } from "@bevan/state";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { principalOf } from "../auth/access.ts";
import type { ApiContext } from "../context.ts";
import { disclose, disclosureNote, policyFor } from "../disclosure.ts";
import { HttpError, notFound } from "../http-error.ts";
import {
  ErrorBody,
  OrgCode,
  OrgNodeSchema,
  OrgQuery,
  PopulationResponse,
  PrevalenceResponse,
  RegisterCode,
} from "../schemas.ts";

/** The caller's warehouse, narrowed to `org` when given; 404 when `org` is not in scope. */
export async function scopedTo(
  ctx: ApiContext,
  principal: Principal,
  org?: string,
): Promise<ScopedWarehouse> {
  const sw = ctx.scopedFor(principal);
  if (!org) return sw;
  const find = (nodes: OrgNode[]): OrgNode | undefined => {
    for (const n of nodes) {
      if (n.code === org) return n;
      const c = find(n.children);
      if (c) return c;
    }
    return undefined;
  };
  const node = find(await orgTree(sw));
  if (!node?.inScope) throw notFound(`organisation ${org}`);
  return sw.narrow({ level: node.level, code: node.code });
}

export async function builtAsOf(sw: ScopedWarehouse): Promise<string> {
  const asOf = await asOfDate(sw);
  if (!asOf) throw new HttpError(503, "not_built", "the warehouse has not been built yet: run `bevan build`");
  return asOf;
}

export function aggregateRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    "/api/organisations",
    {
      schema: {
        tags: ["aggregates"],
        summary: "The organisation hierarchy within your scope",
        response: {
          200: Type.Object({ organisations: Type.Array(OrgNodeSchema) }),
          401: ErrorBody,
          403: ErrorBody,
        },
      },
      config: { access: "aggregates:read" },
    },
    async (request) => ({ organisations: await orgTree(ctx.scopedFor(principalOf(request))) }),
  );

  app.get(
    "/api/registers",
    {
      schema: {
        tags: ["aggregates"],
        summary: "The registers Bevan builds (codes, names, minimum ages)",
        response: {
          200: Type.Object({
            registers: Type.Array(
              Type.Object({ code: Type.String(), name: Type.String(), minAge: Type.Number() }),
            ),
          }),
        },
      },
      config: { access: "aggregates:read" },
    },
    async () => ({ registers: registerCatalogue() }),
  );

  app.get(
    "/api/population",
    {
      schema: {
        tags: ["aggregates"],
        summary: "Registered population in your scope, broken down by one dimension",
        querystring: OrgQuery,
        response: { 200: PopulationResponse, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
      config: { access: "aggregates:read" },
    },
    async (request) => {
      const principal = principalOf(request);
      const q = request.query as { org?: string; breakdown?: Breakdown };
      const sw = await scopedTo(ctx, principal, q.org);
      const asOf = await builtAsOf(sw);
      const result = await population(sw, q.breakdown ?? "all");
      const policy = policyFor(principal, ctx.disclosure);
      const d = disclose(
        result.registered.map((g) => g.cell),
        policy,
      );
      return {
        asOf,
        breakdown: result.breakdown,
        disclosure: disclosureNote(policy),
        total: d.total,
        groups: result.registered.map((g, i) => ({
          group: g.group,
          registered: d.cells[i] ?? { value: null, suppressed: true },
        })),
      };
    },
  );

  app.get(
    "/api/prevalence",
    {
      schema: {
        tags: ["aggregates"],
        summary: "Register prevalence with Wilson 95% confidence intervals",
        querystring: Type.Object(
          {
            register: RegisterCode,
            org: Type.Optional(OrgCode),
            breakdown: Type.Optional(OrgQuery.properties.breakdown),
          },
          { additionalProperties: false },
        ),
        response: { 200: PrevalenceResponse, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
      config: { access: "aggregates:read" },
    },
    async (request) => {
      const principal = principalOf(request);
      const q = request.query as { register: string; org?: string; breakdown?: Breakdown };
      const catalogue = registerCatalogue();
      const rule = catalogue.find((r) => r.code === q.register);
      if (!rule)
        throw new HttpError(
          400,
          "unknown_register",
          `unknown register; use one of ${catalogue.map((r) => r.code).join(", ")}`,
        );
      const sw = await scopedTo(ctx, principal, q.org);
      const asOf = await builtAsOf(sw);
      const rows = await registerPrevalence(sw, rule.code, rule.minAge, q.breakdown ?? "all");
      const policy = policyFor(principal, ctx.disclosure);
      const num = disclose(
        rows.map((r) => r.numerator),
        policy,
      );
      const den = disclose(
        rows.map((r) => r.denominator),
        policy,
      );
      return {
        asOf,
        register: q.register,
        minAge: rule.minAge,
        breakdown: q.breakdown ?? "all",
        disclosure: disclosureNote(policy),
        groups: rows.map((r, i) => {
          const n = num.cells[i] ?? { value: null, suppressed: true };
          const d = den.cells[i] ?? { value: null, suppressed: true };
          const ok = n.value !== null && d.value !== null && d.value > 0 && !n.suppressed && !d.suppressed;
          return {
            group: r.group,
            numerator: n,
            denominator: d,
            prevalence: ok ? (n.value as number) / (d.value as number) : null,
            ci95: ok
              ? {
                  lower: wilsonLower(n.value as number, d.value as number, 0.95),
                  upper: wilsonUpper(n.value as number, d.value as number, 0.95),
                }
              : null,
          };
        }),
      };
    },
  );
}
