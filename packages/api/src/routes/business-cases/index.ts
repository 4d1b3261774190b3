// The Business cases area's API: the worked examples and the inputs a case may set, and a
// case's run — its baseline taken from the caller's scope of the warehouse when it names a
// cohort (a saved cohort or a definition), every figure disclosed to the caller's role before
// the model sees it, so a case on a small cohort cannot reveal what its counts would.
import {
  type BusinessCase,
  BusinessCaseValidationError,
  EXAMPLE_IDS,
  exampleCase,
  INPUTS,
  runBusinessCase,
  validateBusinessCase,
} from "@bevan/finance";
import {
  ACTIVITIES,
  type Activity,
  type BaselineFigures,
  baselineInputs,
  type CohortUse,
  type CohortUseFigures,
  CostsNotBuiltError,
  cohortBaselineCells,
} from "@bevan/finance-query";
import {
  type CohortDefinition,
  type DisclosurePolicy,
  resolveSavedCohorts,
  validateCohort,
} from "@bevan/query";
import { PdfRenderer } from "@bevan/reports";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { principalOf } from "../../auth/access.ts";
import { cohortCall } from "../../cohort-errors.ts";
import { stateCohortStore } from "../../cohort-store-adapter.ts";
import type { ApiContext } from "../../context.ts";
import { discloseMagnitude, discloseOne, disclosureNote, policyFor, shown } from "../../disclosure.ts";
import { HttpError } from "../../http-error.ts";
import { admitCount } from "../../query-budget.ts";
import { ErrorBody } from "../../schemas.ts";
import { savedVersion } from "../cohorts.ts";
import { businessCaseHtml } from "./report.ts";
import { ExamplesResponse, RunBody, RunResponse } from "./schemas.ts";

const responses = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 503: ErrorBody };

const finite = (x: number) => (Number.isFinite(x) ? x : null);

function disclosedUse(u: CohortUse, policy: DisclosurePolicy | null): CohortUseFigures {
  const year = (y: 0 | 1) => {
    const events = {} as Record<Activity, number | null>;
    const cost = {} as Record<Activity, number | null>;
    for (const a of Object.keys(ACTIVITIES) as Activity[]) {
      events[a] = shown(discloseOne(u.years[y].events[a], policy));
      cost[a] = shown(discloseMagnitude(u.years[y].cost[a], policy));
    }
    return { events, cost, bedDays: shown(discloseMagnitude(u.years[y].bedDays, policy)) };
  };
  return { asOf: u.asOf, people: shown(discloseOne(u.people, policy)), years: { 0: year(0), 1: year(1) } };
}

/** Validates and runs the case in the request body for its caller (shared by run and report). */
async function runCase(ctx: ApiContext, request: FastifyRequest) {
  const principal = principalOf(request);
  const policy = policyFor(principal, ctx.disclosure);
  let c: BusinessCase;
  try {
    c = validateBusinessCase((request.body as { case: unknown }).case);
  } catch (error) {
    if (error instanceof BusinessCaseValidationError)
      throw new HttpError(400, "invalid_case", "The business case is not valid.", error.issues);
    throw error;
  }
  let baseline = null;
  let fromCohort: Record<string, number> = {};
  if (c.cohort) {
    if (c.cohort.file)
      throw new HttpError(
        400,
        "invalid_case",
        "A case sent to the API names its cohort as a saved cohort or an inline definition, not a file.",
      );
    const named = c.cohort.saved
      ? (await savedVersion(ctx, c.cohort.saved, c.cohort.version)).definition
      : c.cohort.definition;
    const sw = ctx.scopedFor(principal);
    // Validates, resolves saved cohorts and refuses scores the build has not made; for
    // roles without direct care, a free-form aggregate counted against the query budget.
    const run = await cohortCall(() => ctx.cohorts.count(sw, named, [], { sketch: policy !== null }));
    if (policy) await admitCount(ctx.budget, principal, "count", named, run);
    const def: CohortDefinition = await cohortCall(async () =>
      resolveSavedCohorts(validateCohort(named), stateCohortStore(ctx.cohortStore)),
    );
    const data = run.data;
    const costed = await sw.all<{ n: number | bigint }>(
      "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'person_cost'",
    );
    let cells: Awaited<ReturnType<typeof cohortBaselineCells>>;
    try {
      cells = await cohortBaselineCells(sw, def, data.buildAsOf, Number(costed[0]?.n ?? 0) > 0);
    } catch (error) {
      if (error instanceof CostsNotBuiltError) throw new HttpError(503, "costs_not_built", error.message);
      throw error;
    }
    const figures: BaselineFigures = {
      asOf: cells.asOf,
      now: disclosedUse(cells.now, policy),
      yearBefore: cells.yearBefore ? disclosedUse(cells.yearBefore, policy) : null,
      scores: cells.scores,
    };
    const b = baselineInputs(figures, c.baselineFrom ?? "following-year");
    fromCohort = b.fromCohort;
    baseline = { cohortName: def.name, ...b };
  }
  try {
    const result = runBusinessCase(c, { fromCohort });
    return { disclosure: disclosureNote(policy), result, baseline, principal };
  } catch (error) {
    if (error instanceof BusinessCaseValidationError)
      throw new HttpError(
        400,
        "invalid_case",
        baseline?.notes.length
          ? `The case needs inputs the data could not give: ${baseline.notes.join(" ")}`
          : "The business case is not valid.",
        error.issues,
      );
    throw error;
  }
}

export function businessCaseRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    "/api/business-cases/examples",
    {
      schema: {
        tags: ["business cases"],
        summary:
          "The worked examples shipped with Bevan and every input a case may set (labels, units, ranges)",
        response: { 200: ExamplesResponse, ...responses },
      },
      config: { access: "aggregates:read" },
    },
    async () => ({
      examples: EXAMPLE_IDS.map((id) => {
        const c = exampleCase(id);
        return { id, name: String(c.name), description: String(c.description ?? ""), case: c };
      }),
      inputs: INPUTS.map((i) => ({
        path: i.path,
        label: i.label,
        unit: i.unit,
        min: finite(i.min),
        max: finite(i.max),
        neutral: i.neutral,
        required: i.neutral === null,
        fromCohort: i.fromCohort ?? false,
        help: i.help,
      })),
    }),
  );

  app.post(
    "/api/business-cases/run",
    {
      schema: {
        tags: ["business cases"],
        summary:
          "Run a business case: the seeded Monte Carlo of net savings (P10/P50/P90, mean) by year and cumulative, discounted per the Green Book; a named cohort's baseline from your scope, disclosed by role",
        body: RunBody,
        response: { 200: RunResponse, ...responses },
      },
      config: { access: "aggregates:read" },
    },
    async (request) => {
      const r = await runCase(ctx, request);
      return { disclosure: r.disclosure, result: r.result, baseline: r.baseline };
    },
  );

  let renderer: PdfRenderer | null = null;
  app.addHook("onClose", async () => {
    await renderer?.close();
  });
  app.post(
    "/api/business-cases/report",
    {
      schema: {
        tags: ["business cases"],
        summary:
          "A business case's printed summary (PDF): the range, the fan chart, the tornado, the baseline, every input",
        body: RunBody,
        response: { ...responses },
      },
      config: { access: "aggregates:read" },
    },
    async (request, reply) => {
      const r = await runCase(ctx, request);
      const scope =
        r.principal.scopes.map((s) => `${s.level} ${s.code}`).join(", ") || "the cases' own inputs";
      const doc = businessCaseHtml(r.result, r.baseline, {
        scope,
        asOf: r.baseline?.asOf ?? new Date().toISOString().slice(0, 10),
        disclosure: r.disclosure.note,
        generatedFor: r.principal.role.name ?? r.principal.role.code,
      });
      renderer ??= new PdfRenderer();
      const pdf = await renderer.fromHtml(doc, { footer: `Bevan business case · ${r.result.name}` });
      return reply
        .header("content-type", "application/pdf")
        .header("content-disposition", 'attachment; filename="business-case.pdf"')
        .send(Buffer.from(pdf));
    },
  );
}
