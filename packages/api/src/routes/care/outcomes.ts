// Outcomes monitoring for a person on a caseload: the quarters before and since they joined
// the pathway, from the warehouse through the caller's view of that one person (audited like
// a patient read), with the patient-reported measures the coordinator recorded.
import { personEpisodes, personMeasures } from "@bevan/care";
import { personOutcomes } from "@bevan/care-query";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { principalOf } from "../../auth/access.ts";
import type { ApiContext } from "../../context.ts";
import { ErrorBody, PersonId } from "../../schemas.ts";
import { builtAsOf } from "../aggregates.ts";
import { auditCare, personInScope } from "./people.ts";
import { OutcomesResponse } from "./views.ts";

export function outcomeRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    "/api/care/people/:personId/outcomes",
    {
      schema: {
        tags: ["care"],
        summary:
          "A person's outcomes in each 13-week quarter before and since joining the pathway, and the measures recorded with them (identifiable, audited)",
        params: Type.Object({ personId: PersonId }),
        response: { 200: OutcomesResponse, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
      config: { access: "care:read" },
    },
    async (request) => {
      const principal = principalOf(request);
      const { personId } = request.params as { personId: string };
      const person = await personInScope(ctx, principal, personId);
      const episodes = await personEpisodes(ctx.state, person.personId);
      // The latest episode that reached the pathway: its first day in red is the join date.
      const joined = episodes.find((e) => e.pathwayStart)?.pathwayStart ?? null;
      const sw = ctx.scopedFor(principal).forPerson(BigInt(person.personId));
      const asOf = await builtAsOf(sw);
      const quarters = joined ? await personOutcomes(sw, joined, asOf) : [];
      const measures = await personMeasures(ctx.state, person.personId);
      await auditCare(ctx, request, "care.outcomes", { personId }, [person.personId]);
      return {
        joined,
        dataTo: asOf,
        quarters,
        measures: measures.map((m) => ({ measure: m.measure, value: m.value, recordedOn: m.recordedOn })),
      };
    },
  );
}
