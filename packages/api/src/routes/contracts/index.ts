// The Contracts area's API: the example outcome-based contract, and a contract evaluated on the
// caller's scope — each party's list and indicator counts disclosed by role before the
// achievements, intervals and payments are worked out from them.
import { ContractValidationError, evaluateContract, exampleContract, validateContract } from "@bevan/finance";
import { contractCells } from "@bevan/finance-query";
import { resolveSavedCohorts, validateCohort } from "@bevan/query";
import type { FastifyInstance } from "fastify";
import { type Static, Type } from "typebox";
import { principalOf } from "../../auth/access.ts";
import { cohortCall } from "../../cohort-errors.ts";
import { stateCohortStore } from "../../cohort-store-adapter.ts";
import type { ApiContext } from "../../context.ts";
import { discloseOne, disclosureNote, policyFor, shown } from "../../disclosure.ts";
import { HttpError } from "../../http-error.ts";
import { admitCount } from "../../query-budget.ts";
import { Disclosure, ErrorBody } from "../../schemas.ts";

const responses = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 503: ErrorBody };
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const N = Nullable(Type.Number());
const Summary = Type.Object({
  p10: Type.Number(),
  p50: Type.Number(),
  p90: Type.Number(),
  mean: Type.Number(),
});

export const ContractResponse = Type.Object({
  disclosure: Disclosure,
  asOf: Type.String(),
  contract: Type.Unknown(),
  result: Type.Object({
    name: Type.String(),
    runs: Type.Number(),
    seed: Type.Number(),
    value: Type.Number(),
    contingentShare: Type.Number(),
    totalEarned: Type.Number(),
    parties: Type.Array(
      Type.Object({
        code: Type.String(),
        name: Type.String(),
        listSize: N,
        value: N,
        contingent: N,
        earned: N,
        expected: Nullable(Summary),
        indicators: Type.Array(
          Type.Object({
            id: Type.String(),
            numerator: N,
            denominator: N,
            achievement: N,
            lower: N,
            upper: N,
            earned: N,
            probabilityMet: N,
          }),
        ),
      }),
    ),
  }),
});
export type ContractEvaluateResponse = Static<typeof ContractResponse>;

export function contractRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    "/api/contracts/example",
    {
      schema: {
        tags: ["contracts"],
        summary:
          "The example outcome-based contract shipped with Bevan (packages/finance/contract.schema.json)",
        response: { 200: Type.Object({ contract: Type.Unknown() }), ...responses },
      },
      config: { access: "aggregates:read" },
    },
    async () => ({ contract: exampleContract() }),
  );

  app.post(
    "/api/contracts/evaluate",
    {
      schema: {
        tags: ["contracts"],
        summary:
          "Evaluate a contract in your scope: each party's achievement with its 95% interval, the payment earned and the payment to expect from noise alone (counts disclosed by role)",
        body: Type.Object({ contract: Type.Unknown() }),
        response: { 200: ContractResponse, ...responses },
      },
      config: { access: "aggregates:read" },
    },
    async (request) => {
      const principal = principalOf(request);
      const policy = policyFor(principal, ctx.disclosure);
      const body = (request.body as { contract: unknown }).contract;
      let c: ReturnType<typeof validateContract>;
      try {
        c = validateContract(body);
      } catch (error) {
        if (error instanceof ContractValidationError)
          throw new HttpError(400, "invalid_contract", "The contract is not valid.", error.issues);
        throw error;
      }
      const sw = ctx.scopedFor(principal);
      const store = stateCohortStore(ctx.cohortStore);
      const indicators = [];
      let asOf = "";
      for (const i of c.indicators) {
        const pair = { id: i.id, numerator: i.numerator, denominator: i.denominator };
        for (const def of [pair.numerator, pair.denominator]) {
          // Validates, resolves and checks scores; counted against the query budget for planning roles.
          const run = await cohortCall(() => ctx.cohorts.count(sw, def, [], { sketch: policy !== null }));
          asOf = run.data.buildAsOf;
          if (policy) await admitCount(ctx.budget, principal, "count", def, run);
        }
        indicators.push({
          id: i.id,
          numerator: await cohortCall(async () => resolveSavedCohorts(validateCohort(i.numerator), store)),
          denominator: await cohortCall(async () =>
            resolveSavedCohorts(validateCohort(i.denominator), store),
          ),
        });
      }
      const cells = await contractCells(sw, c.parties.level, c.parties.codes, indicators, asOf);
      const result = evaluateContract(
        c,
        cells.map((p) => ({
          code: p.code,
          name: p.name,
          listSize: shown(discloseOne(p.list, policy)),
          counts: Object.fromEntries(
            Object.entries(p.counts).map(([id, k]) => [
              id,
              {
                numerator: shown(discloseOne(k.numerator, policy)),
                denominator: shown(discloseOne(k.denominator, policy)),
              },
            ]),
          ),
        })),
      );
      return { disclosure: disclosureNote(policy), asOf, contract: c, result };
    },
  );
}
