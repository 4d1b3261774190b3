// Who a care route may show: people registered in the caller's scope (the warehouse decides,
// never the care tables), with what a coordinator recognises them by, and the one audit event
// each care read or write writes before its answer.
import { orgNames, type ScopedWarehouse } from "@bevan/query";
import { appendAudit, type Principal } from "@bevan/state";
import type { FastifyRequest } from "fastify";
import type { ApiContext } from "../../context.ts";
import { notFound } from "../../http-error.ts";
import { identities } from "../patients.ts";

export interface CarePerson {
  readonly personId: string;
  readonly nhsNumber: string | null;
  readonly age: number;
  readonly sex: string;
  readonly practiceCode: string;
  readonly practiceName: string | null;
  readonly riskTier: string | null;
  readonly admissionRisk: number | null;
}

/** The people among `ids` registered in the caller's scope, by id; others are left out. */
export async function peopleInScope(
  ctx: ApiContext,
  principal: Principal,
  ids: readonly (string | bigint)[],
): Promise<Map<string, CarePerson>> {
  const unique = [...new Set(ids.map((id) => BigInt(id)))];
  if (unique.length === 0) return new Map();
  const sw = ctx.scopedFor(principal).forPeople(unique);
  const rows = await sw.all<{ person_id: bigint; age: number; sex: string; practice_code: string }>(
    "SELECT p.person_id, p.age, p.sex, p.practice_code FROM scoped_person_asof p WHERE p.registered",
  );
  const risk = await riskOf(sw);
  const who = await identities(
    ctx,
    principal,
    rows.map((r) => r.person_id),
  );
  const names = await orgNames(sw, [...new Set(rows.map((r) => r.practice_code))]);
  return new Map(
    rows.map((r) => {
      const id = String(r.person_id);
      const k = risk.get(id);
      return [
        id,
        {
          personId: id,
          nhsNumber: who.numbers.get(r.person_id) ?? null,
          age: Number(r.age),
          sex: r.sex,
          practiceCode: r.practice_code,
          practiceName: names.get(r.practice_code) ?? null,
          riskTier: k?.tier ?? null,
          admissionRisk: k?.risk ?? null,
        },
      ];
    }),
  );
}

async function riskOf(sw: ScopedWarehouse): Promise<Map<string, { tier: string; risk: number }>> {
  try {
    const rows = await sw.all<{ person_id: bigint; risk_tier: string; admission_risk: number }>(
      "SELECT r.person_id, r.risk_tier, r.admission_risk FROM scoped_person_risk r",
    );
    return new Map(
      rows.map((r) => [String(r.person_id), { tier: r.risk_tier, risk: Number(r.admission_risk) }]),
    );
  } catch {
    // A warehouse without risk models: the triage queue falls back to referral order.
    return new Map();
  }
}

/** The one person, registered in the caller's scope, or 404 (out of scope and unknown look alike). */
export async function personInScope(
  ctx: ApiContext,
  principal: Principal,
  personId: string,
): Promise<CarePerson> {
  const found = (await peopleInScope(ctx, principal, [personId])).get(BigInt(personId).toString());
  if (!found) throw notFound("that person");
  return found;
}

export type CareAction =
  | "care.caseload"
  | "care.refer"
  | "care.record"
  | "care.plan.read"
  | "care.plan.write"
  | "care.plan.export"
  | "care.plan.import"
  | "care.episode"
  | "care.measure"
  | "care.outcomes"
  | "care.worklist-action";

/** One audit event for a care read or write (identifiable content, like a patient read). */
export function auditCare(
  ctx: ApiContext,
  request: FastifyRequest,
  action: CareAction,
  params: Record<string, unknown>,
  personIds: readonly (string | bigint)[],
) {
  const p = request.principal;
  return appendAudit(ctx.state, {
    userId: p?.userId ?? null,
    username: p?.username ?? null,
    role: p?.role.code ?? null,
    scope: p?.scopes ?? [],
    action,
    endpoint: `${request.method} ${request.routeOptions.url ?? ""}`,
    params,
    rowCount: personIds.length,
    personIds: personIds.map(String),
    clientIp: request.ip ?? null,
  });
}
