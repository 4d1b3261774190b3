// Fair shares: a budget the user enters divided between the practices or PCNs in scope by the
// formula chosen, beside raw capitation and age–sex weighting, with last year's spend, the
// distance from target and a pace-of-change path; the formulas' out-of-time validation; and
// patient-specific budgets for the people with the highest expected cost (audited).
import { FORMULA_NAMES, FORMULAS, type Formula, toPence } from "@bevan/allocation";
import { REGISTER_NAMES, type RegisterCode } from "@bevan/domain";
import { addMagnitudeCells, orgNames, practicesInScope } from "@bevan/query";
import { allocateBudget, allocationReportOf, allocationUnits, patientBudgets } from "@bevan/resources";
import type { FastifyInstance } from "fastify";
import { principalOf } from "../../auth/access.ts";
import type { ApiContext } from "../../context.ts";
import { disclose, discloseOne, disclosureNote, policyFor } from "../../disclosure.ts";
import { HttpError } from "../../http-error.ts";
import { ErrorBody } from "../../schemas.ts";
import { AnalyticsOrgQuery } from "../../schemas-analytics.ts";
import { scopedTo } from "../aggregates.ts";
import { identities } from "../patients.ts";
import { discloseMoneyBreakdown, MONEY_NOTE, moneyCell } from "./money.ts";
import {
  AllocationQuery,
  AllocationResponse,
  BudgetsQuery,
  BudgetsResponse,
  ValidationResponse,
} from "./schemas.ts";
import { costedAsOf, NONE, peopleCell, RESPONSES } from "./spend.ts";

const notFitted = () =>
  new HttpError(
    503,
    "allocation_not_built",
    "the fair-share formulas have not been fitted: `bevan build` fits them when the data hold two years of history",
  );

export function allocationRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    "/api/resources/allocation",
    {
      schema: {
        tags: ["resources"],
        summary:
          "A budget divided by fair shares between practices or PCNs, to the penny, with distance from target",
        querystring: AllocationQuery,
        response: { 200: AllocationResponse, ...RESPONSES },
      },
      config: { access: "aggregates:read" },
    },
    async (request) => {
      const principal = principalOf(request);
      const q = request.query as {
        org?: string;
        budget: number;
        level?: "practice" | "pcn";
        formula?: Formula;
        years?: number;
      };
      const level = q.level ?? "practice";
      const formula = q.formula ?? "need";
      const sw = await scopedTo(ctx, principal, q.org);
      const asOf = await costedAsOf(sw);
      const report = await allocationReportOf(sw);
      if (!report) throw notFitted();
      if (formula === "need_supply" && report.supplyNote)
        throw new HttpError(
          400,
          "formula_unavailable",
          `the model with last year's cost is not available: ${report.supplyNote}`,
        );
      const policy = policyFor(principal, ctx.disclosure);
      const units = await allocationUnits(sw, asOf, level);
      if (units.length === 0)
        throw new HttpError(404, "no_units", "there are no practices with registered people in this scope");
      const registered = disclose(
        units.map((u) => peopleCell(u.registered, u.registeredKey)),
        policy,
      );
      const spend = units.map((u) => moneyCell(u.actualPeople, u.actualKey, u.actual, u.actualTop));
      const actual = discloseMoneyBreakdown(spend, addMagnitudeCells(...spend), policy);
      const result = allocateBudget(
        units,
        new Map(units.map((u, i) => [u.code, actual.cells[i]?.value ?? null])),
        {
          budgetPence: toPence(q.budget),
          formula,
          years: q.years ?? 3,
        },
      );
      const names = await orgNames(
        sw,
        units.map((u) => u.code),
      );
      return {
        asOf,
        disclosure: disclosureNote(policy),
        moneyNote: MONEY_NOTE,
        level,
        formula,
        formulas: FORMULAS.map((f) => ({
          code: f,
          name: FORMULA_NAMES[f],
          available: f !== "need_supply" || report.supplyNote === null,
        })),
        budgetPence: result.budgetPence,
        years: result.years,
        remainderRule: result.remainderRule,
        sumOfTargetsPence: result.totals[formula] ?? 0,
        units: result.units.map((u, i) => ({
          code: u.code,
          name: names.get(u.code) ?? u.code,
          registered: registered.cells[i] ?? NONE,
          share: u.share,
          targetPence: u.targetPence,
          targets: u.targets,
          actual: actual.cells[i] ?? NONE,
          currentPence: u.currentPence,
          distanceFromTarget: u.distanceFromTarget,
          path: [...u.path],
        })),
        validation: report.formulas.map((f) => ({
          formula: f.formula,
          name: f.name,
          r2Person: f.r2Person,
          r2Practice: f.r2Practice,
          r2Pcn: f.r2Pcn,
        })),
      };
    },
  );

  app.get(
    "/api/resources/validation",
    {
      schema: {
        tags: ["resources"],
        summary:
          "The fair-share formulas' out-of-time validation: R², calibration, residuals by group, coefficients",
        querystring: AnalyticsOrgQuery,
        response: { 200: ValidationResponse, ...RESPONSES },
      },
      config: { access: "aggregates:read" },
    },
    async (request) => {
      const principal = principalOf(request);
      const sw = await scopedTo(ctx, principal, (request.query as { org?: string }).org);
      const asOf = await costedAsOf(sw);
      const report = await allocationReportOf(sw);
      if (!report) throw notFitted();
      const policy = policyFor(principal, ctx.disclosure);
      const practices = await practicesInScope(sw);
      const practiceNames = await orgNames(sw, [...practices]);
      const threshold = policy?.threshold ?? 1;
      return {
        asOf,
        disclosure: disclosureNote(policy),
        moneyNote: MONEY_NOTE,
        trainedAt: report.trainedAt,
        validatedAt: report.validatedAt,
        trainRows: report.trainRows,
        testRows: report.testRows,
        outcomePods: [...report.outcomePods],
        priorPods: [...report.priorPods],
        supplyNote: report.supplyNote,
        formulas: report.formulas.map((f) => {
          const groups = (dim: "imdQuintile" | "ethnicity" | "practice") =>
            f.residuals[dim]
              .map((g) => ({ g, label: f.residualLabels[dim][g.group] ?? String(g.group) }))
              // Residuals by practice: only the caller's practices.
              .filter(({ label }) => dim !== "practice" || practices.has(label))
              .map(({ g, label }) => {
                const small = g.n < threshold;
                return {
                  group: dim === "practice" ? (practiceNames.get(label) ?? label) : label,
                  ...(dim === "practice" ? { code: label } : {}),
                  n: discloseOne(g.n, policy),
                  meanActual: small ? null : g.meanActual,
                  meanPredicted: small ? null : g.meanPredicted,
                  meanResidual: small ? null : g.meanResidual,
                  ci95:
                    small || g.lower === null || g.upper === null ? null : { lower: g.lower, upper: g.upper },
                  ratio: small ? null : g.ratio,
                };
              });
          return {
            formula: f.formula,
            name: f.name,
            r2Person: f.r2Person,
            r2Practice: f.r2Practice,
            r2Pcn: f.r2Pcn,
            calibration: f.calibration.map((c) => ({ ...c })),
            residuals: {
              imd_quintile: groups("imdQuintile"),
              ethnicity: groups("ethnicity"),
              practice: groups("practice"),
            },
            coefficients: (report.coefficients[f.formula] ?? []).map((t) => ({
              ...t,
              name: termName(t.term),
            })),
          };
        }),
      };
    },
  );

  app.get(
    "/api/resources/budgets",
    {
      schema: {
        tags: ["resources"],
        summary:
          "Patient-specific budgets: expected cost next year with a range, highest first (patient-level, audited)",
        querystring: BudgetsQuery,
        response: { 200: BudgetsResponse, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 503: ErrorBody },
      },
      config: { access: "patients:read" },
    },
    async (request) => {
      const principal = principalOf(request);
      const q = request.query as {
        org?: string;
        formula?: "need" | "need_supply";
        limit?: number;
        offset?: number;
      };
      const sw = await scopedTo(ctx, principal, q.org);
      await costedAsOf(sw);
      const report = await allocationReportOf(sw);
      if (!report) throw notFitted();
      const formula = q.formula ?? (report.supplyNote ? "need" : "need_supply");
      const page = { limit: q.limit ?? 50, offset: q.offset ?? 0 };
      const r = await patientBudgets(sw, formula, page);
      const ids = r.rows.map((x) => BigInt(x.personId));
      const who = await identities(ctx, principal, ids);
      await ctx.auditRead(request, {
        action: "patient.list",
        params: { view: "resources.budgets", formula, org: q.org ?? null, ...page },
        personIds: ids,
      });
      const bands = report.budgetBands[formula];
      return {
        total: r.total,
        identity: who.kind,
        formula,
        range: bands
          ? `${Math.round(100 * bands.lowQuantile)}th to ${Math.round(100 * bands.highQuantile)}th percentile of what people with a similar expected cost cost in the year to ${report.asOf}, scaled to this person's expected cost`
          : "",
        rows: r.rows.map((x) =>
          who.kind === "identified" ? { ...x, nhsNumber: who.numbers.get(BigInt(x.personId)) ?? null } : x,
        ),
      };
    },
  );
}

/** A model term as a finance lead reads it ("register HF" → "Heart failure register"). */
export function termName(term: string): string {
  if (term === "(intercept)")
    return "Baseline: a girl aged 0–4 in the least deprived quintile, on no register";
  const ageSex = /^age_sex: (female|male) (.*)$/.exec(term);
  if (ageSex) return `${ageSex[1] === "female" ? "Female" : "Male"} aged ${ageSex[2]?.replace("-", "–")}`;
  const register = /^register (.*)$/.exec(term);
  if (register) return `${REGISTER_NAMES[register[1] as RegisterCode] ?? register[1]} register`;
  const imd = /^IMD quintile (\d)$/.exec(term);
  if (imd) return `Deprivation quintile ${imd[1]}${imd[1] === "1" ? " (most deprived)" : ""}`;
  if (term === "IMD unknown") return "Deprivation not known";
  return term.charAt(0).toUpperCase() + term.slice(1);
}
