// Caseloads as aggregates, for roles without direct care (commissioners, analysts): how many
// people are in triage, on each stage of the pathway and in monitoring, by practice, counted
// as distinct people in the warehouse (within the caller's scope) and disclosed by the
// cell-key method. Nobody is named; derived figures come from the published counts only.
import { listEpisodes } from "@bevan/care";
import { cellSql, orgNames, readCell } from "@bevan/query";
import type { FastifyInstance } from "fastify";
import { principalOf } from "../../auth/access.ts";
import type { ApiContext } from "../../context.ts";
import { disclose, disclosureNote, policyFor } from "../../disclosure.ts";
import { ErrorBody } from "../../schemas.ts";
import { CareSummaryResponse } from "./views.ts";

const GROUPS = ["triage", "red", "amber", "green", "monitoring"] as const;
const GROUP_NAMES: Record<(typeof GROUPS)[number], string> = {
  triage: "Referred, awaiting triage",
  red: "Red: identify and assess (weeks 1–4)",
  amber: "Amber: plan together (weeks 5–8)",
  green: "Green: self-management (weeks 9–13)",
  monitoring: "Discharged, 3-monthly monitoring",
};

export function careSummaryRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    "/api/care/summary",
    {
      schema: {
        tags: ["care"],
        summary:
          "People on care coordination caseloads in your scope by stage and practice (disclosed by role)",
        response: {
          200: CareSummaryResponse,
          401: ErrorBody,
          403: ErrorBody,
        },
      },
      config: { access: "aggregates:read" },
    },
    async (request) => {
      const principal = principalOf(request);
      const policy = policyFor(principal, ctx.disclosure);
      const open = await listEpisodes(ctx.state, { statuses: ["triage", "active", "monitoring"] });
      const sw = ctx.scopedFor(principal);
      const values = open.map(
        (e) => `(${BigInt(e.personId)}, '${e.status === "active" ? e.stage : e.status}')`,
      );
      const rows = values.length
        ? await sw.all<Record<string, unknown> & { grp: string; practice_code: string }>(
            `SELECT c.grp, p.practice_code, ${cellSql("p", "people")}
             FROM (VALUES ${values.join(", ")}) AS c(person_id, grp)
             JOIN scoped_person_asof p ON p.person_id = c.person_id
             GROUP BY c.grp, p.practice_code`,
          )
        : [];
      const add = (a: { n: number; key: number }, b: { n: number; key: number }) => ({
        n: a.n + b.n,
        key: a.key + b.key,
      });
      const byStage = new Map(GROUPS.map((g) => [g as string, { n: 0, key: 0 }]));
      const byPractice = new Map<string, { n: number; key: number }>();
      for (const r of rows) {
        const c = readCell(r, "people");
        byStage.set(r.grp, add(byStage.get(r.grp) ?? { n: 0, key: 0 }, c));
        byPractice.set(r.practice_code, add(byPractice.get(r.practice_code) ?? { n: 0, key: 0 }, c));
      }
      const stages = disclose(
        GROUPS.map((g) => byStage.get(g) ?? { n: 0, key: 0 }),
        policy,
      );
      const practices = [...byPractice.keys()].sort();
      const perPractice = disclose(
        practices.map((p) => byPractice.get(p) ?? { n: 0, key: 0 }),
        policy,
      );
      const names = await orgNames(sw, practices);
      return {
        disclosure: disclosureNote(policy),
        stages: GROUPS.map((g, i) => ({
          stage: g,
          name: GROUP_NAMES[g],
          people: stages.cells[i] ?? { value: null, suppressed: true },
        })),
        total: stages.total,
        byPractice: practices.map((code, i) => ({
          code,
          name: names.get(code) ?? null,
          people: perPractice.cells[i] ?? { value: null, suppressed: true },
        })),
      };
    },
  );
}
