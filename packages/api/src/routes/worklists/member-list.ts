// One way to serve any cohort as a list to act on (a worklist, a saved cohort's members):
// a page filtered, sorted and paged by the warehouse, the reasons in words, NHS numbers for
// direct-care roles, and exports of the whole list. Each page and each export is one audit
// event holding the people it returned, written before the answer.
import { formatReason, type MemberFilters, orgNames, type ReasonColumn } from "@bevan/query";
import type { Principal } from "@bevan/state";
import { type Cell, type ListFile, toCsv, toNhsNumberList, toXlsx } from "@bevan/worklists";
import type { FastifyReply, FastifyRequest } from "fastify";
import { cohortCall } from "../../cohort-errors.ts";
import type { ApiContext, PatientRead } from "../../context.ts";
import { HttpError } from "../../http-error.ts";
import { scopedTo } from "../aggregates.ts";
import { identities } from "../patients.ts";
import type { ExportQuery, ListQuery, ListResponse } from "./schemas.ts";

/** What is being listed, and how its reads are audited. */
export interface ListSource {
  readonly title: string;
  readonly definition: unknown;
  /** e.g. "Saved cohort 'X', version 2" or "Worklist inhaler-duplication v1". */
  readonly provenance: string;
  readonly reasonLabels?: Readonly<Record<string, string>>;
  /** What to do, for worklists: a column in exports. */
  readonly action?: string;
  readonly audit: {
    readonly list: PatientRead["action"];
    readonly export: PatientRead["action"];
    readonly params: Record<string, unknown>;
    readonly cohortId?: string;
    readonly cohortVersion?: number;
  };
}

function filtersOf(q: ListQuery | ExportQuery): MemberFilters {
  return {
    ...(q.sex ? { sexes: [q.sex] } : {}),
    ...(q.ageMin !== undefined ? { ageMin: q.ageMin } : {}),
    ...(q.ageMax !== undefined ? { ageMax: q.ageMax } : {}),
    ...(q.imd ? { imdQuintiles: [...new Set(q.imd.split(",").map(Number))] } : {}),
  };
}

function auditParams(q: ListQuery | ExportQuery): Record<string, unknown> {
  const { org, sort, desc, sex, ageMin, ageMax, imd } = q;
  return { org: org ?? null, sort: sort ?? "person", desc: desc ?? false, sex, ageMin, ageMax, imd };
}

const label = (src: ListSource, r: { path: string; label: string }) => src.reasonLabels?.[r.path] ?? r.label;

function checkSort(sort: string, reasons: readonly ReasonColumn[]): void {
  if (/^r[0-9]+$/.test(sort) && !reasons.some((r) => r.id === sort))
    throw new HttpError(
      400,
      "invalid_request",
      `this list has no column '${sort}': sort by person, age, sex, practice, deprivation, ethnicity${reasons.length ? ` or ${reasons.map((r) => r.id).join(", ")}` : ""}`,
    );
}

export async function listPage(
  ctx: ApiContext,
  request: FastifyRequest,
  principal: Principal,
  src: ListSource,
  q: ListQuery,
): Promise<ListResponse> {
  if (q.ageMin !== undefined && q.ageMax !== undefined && q.ageMin > q.ageMax)
    throw new HttpError(400, "invalid_request", "'ageMin' must not be above 'ageMax'");
  const sw = await scopedTo(ctx, principal, q.org);
  const page = { limit: q.limit ?? 50, offset: q.offset ?? 0 };
  const sort = q.sort ?? "person";
  const run = await cohortCall(() =>
    ctx.cohorts.memberPage(sw, src.definition, { sort, desc: q.desc ?? false, page, filters: filtersOf(q) }),
  );
  checkSort(sort, run.reasons);
  const ids = run.page.rows.map((r) => BigInt(r.personId));
  const who = await identities(ctx, principal, ids);
  const names = await orgNames(sw, [...new Set(run.page.rows.map((r) => r.practiceCode))]);
  await ctx.auditRead(request, {
    action: src.audit.list,
    params: { ...src.audit.params, ...auditParams(q), ...page },
    ...(src.audit.cohortId ? { cohortId: src.audit.cohortId } : {}),
    ...(src.audit.cohortVersion ? { cohortVersion: src.audit.cohortVersion } : {}),
    personIds: ids,
  });
  return {
    asOf: run.asOf,
    data: run.data,
    identity: who.kind,
    total: run.page.total,
    ...page,
    sort,
    desc: q.desc ?? false,
    reasons: run.reasons.map((r) => ({ id: r.id, label: label(src, r), path: r.path })),
    rows: run.page.rows.map((r) => ({
      personId: r.personId,
      ...(who.kind === "identified" ? { nhsNumber: who.numbers.get(BigInt(r.personId)) ?? null } : {}),
      age: r.age,
      sex: r.sex,
      practiceCode: r.practiceCode,
      practiceName: names.get(r.practiceCode) ?? null,
      pcnCode: r.pcnCode,
      imdQuintile: r.imdQuintile,
      ethnicityGroup: r.ethnicityGroup,
      reasons: Object.fromEntries(
        run.reasons
          .map((c) => [c.id, formatReason(c.node, r.reasons[c.id])] as const)
          .filter(([, text]) => text !== ""),
      ),
    })),
  };
}

const SEX: Readonly<Record<string, string>> = { F: "Female", M: "Male", U: "Unknown" };

function scopeText(principal: Principal, q: ExportQuery): string {
  const grants = principal.scopes.map((s) => `${s.level} ${s.code}`).join(", ") || "none";
  const filters = [
    q.org ? `organisation ${q.org}` : null,
    q.sex ? `sex ${SEX[q.sex]}` : null,
    q.ageMin !== undefined || q.ageMax !== undefined ? `age ${q.ageMin ?? 0} to ${q.ageMax ?? "any"}` : null,
    q.imd ? `IMD quintile ${q.imd}` : null,
  ].filter(Boolean);
  return `Your scope (${grants})${filters.length ? `, filtered to ${filters.join(", ")}` : ""}`;
}

const slug = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60) || "list";

export async function listExport(
  ctx: ApiContext,
  request: FastifyRequest,
  reply: FastifyReply,
  principal: Principal,
  src: ListSource,
  q: ExportQuery,
): Promise<FastifyReply> {
  if (q.format === "nhs" && principal.role.patientData !== "identified")
    throw new HttpError(
      403,
      "forbidden",
      "an NHS-number list is for direct-care roles; your role exports pseudonymous ids (CSV or Excel)",
    );
  const sw = await scopedTo(ctx, principal, q.org);
  const sort = q.sort ?? "person";
  const run = await cohortCall(() =>
    ctx.cohorts.memberPage(sw, src.definition, {
      sort,
      desc: q.desc ?? false,
      page: null,
      filters: filtersOf(q),
    }),
  );
  checkSort(sort, run.reasons);
  const rows = run.page.rows;
  const ids = rows.map((r) => BigInt(r.personId));
  const who = await identities(ctx, principal, ids);
  const event = await ctx.auditRead(request, {
    action: src.audit.export,
    params: { ...src.audit.params, ...auditParams(q), format: q.format },
    ...(src.audit.cohortId ? { cohortId: src.audit.cohortId } : {}),
    ...(src.audit.cohortVersion ? { cohortVersion: src.audit.cohortVersion } : {}),
    personIds: ids,
  });
  const stamp = `${slug(src.title)}-${run.asOf}`;
  const disposition = (name: string) => `attachment; filename="${name}"`;
  if (q.format === "nhs") {
    const text = toNhsNumberList(ids.map((id) => who.numbers.get(id) ?? null));
    return reply
      .header("Content-Type", "text/plain; charset=utf-8")
      .header("Content-Disposition", disposition(`${stamp}-nhs-numbers.txt`))
      .send(text);
  }
  const identified = who.kind === "identified";
  const names = await orgNames(sw, [...new Set(rows.map((r) => r.practiceCode))]);
  const file: ListFile = {
    title: src.title,
    columns: [
      ...(identified ? [{ header: "NHS number", type: "text" as const, width: 14 }] : []),
      { header: "Pseudonymous id", type: "text", width: 22 },
      { header: "Age", type: "number", width: 6 },
      { header: "Sex", type: "text", width: 8 },
      { header: "Practice", type: "text", width: 32 },
      { header: "Practice code", type: "text", width: 14 },
      { header: "IMD quintile (1 = most deprived)", type: "number", width: 14 },
      { header: "Ethnic group", type: "text", width: 12 },
      ...run.reasons.map((r) => ({ header: label(src, r), type: "text" as const, width: 40 })),
      ...(src.action ? [{ header: "What to do", type: "text" as const, width: 60 }] : []),
    ],
    rows: rows.map((r): Cell[] => [
      ...(identified ? [who.numbers.get(BigInt(r.personId)) ?? null] : []),
      r.personId,
      r.age,
      SEX[r.sex] ?? r.sex,
      names.get(r.practiceCode) ?? r.practiceCode,
      r.practiceCode,
      r.imdQuintile,
      r.ethnicityGroup,
      ...run.reasons.map((c) => formatReason(c.node, r.reasons[c.id]) || null),
      ...(src.action ? [src.action] : []),
    ]),
    provenance: [
      ["List", src.title],
      ["Definition", src.provenance],
      ["Scope", scopeText(principal, q)],
      ["As of", `${run.asOf} (warehouse built ${run.data.builtAt})`],
      ["People", rows.length.toLocaleString("en-GB")],
      [
        "Disclosure",
        identified
          ? "Patient-identifiable: NHS numbers of patients registered in your direct-care scope. Store and share as confidential patient information."
          : "Pseudonymous ids only (no NHS numbers). Do not attempt to re-identify; counts taken from this list are not suppressed.",
      ],
      [
        "Source",
        "Bevan warehouse: GP record, prescribing, hospital, A&E, community and social-care extracts as loaded and linked",
      ],
      ["Exported by", `${principal.displayName} (${principal.username}, ${principal.role.name})`],
      ["Exported at", new Date().toISOString()],
      ["Audit", `Recorded in the audit trail as event ${event.seq}`],
    ],
  };
  if (q.format === "xlsx")
    return reply
      .header("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      .header("Content-Disposition", disposition(`${stamp}.xlsx`))
      .send(await toXlsx(file));
  return reply
    .header("Content-Type", "text/csv; charset=utf-8")
    .header("Content-Disposition", disposition(`${stamp}.csv`))
    .send(toCsv(file));
}
