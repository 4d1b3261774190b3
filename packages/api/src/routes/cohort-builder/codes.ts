// The code picker's look-ups: codelists and codes with their terms, from the codelists the
// warehouse holds (reference data, not patient data). Searching "hba1c" finds the HbA1c
// code set and each HbA1c code with its description.
import { codeSetName } from "@bevan/query";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { principalOf } from "../../auth/access.ts";
import type { ApiContext } from "../../context.ts";
import { notFound } from "../../http-error.ts";
import { ErrorBody } from "../../schemas.ts";
import { Code, Codelist, CodelistResponse, CodeSearchResponse, System } from "./schemas.ts";

type CodelistRow = {
  codelist_id: string;
  coding_system: string;
  source: string;
  version: string | null;
  n: bigint;
};
const codelist = (r: CodelistRow) => ({
  id: r.codelist_id,
  name: codeSetName({ kind: "codelist", id: r.codelist_id }),
  system: r.coding_system,
  source: r.source,
  version: r.version,
  size: Number(r.n),
});

export function codeRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    "/api/codes/search",
    {
      schema: {
        tags: ["codes"],
        summary:
          "Codelists (by name, id or the terms of their codes) and codes (by term or code) that match: the cohort builder's picker",
        querystring: Type.Object(
          {
            q: Type.String({ minLength: 2, maxLength: 100 }),
            system: Type.Optional(System),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: CodeSearchResponse },
      },
      config: { access: "cohorts:read" },
    },
    async (request) => {
      const sw = ctx.scopedFor(principalOf(request));
      const q = request.query as { q: string; system?: string; limit?: number };
      const limit = q.limit ?? 25;
      const like = `%${q.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const params: Record<string, string> = { like };
      const system = q.system ? " AND l.coding_system = $system" : "";
      if (q.system) params.system = q.system;
      const lists = await sw.all<CodelistRow>(
        `SELECT l.codelist_id, l.coding_system, l.source, l.version, count(c.code) AS n
         FROM codelist l LEFT JOIN codelist_code c ON c.codelist_id = l.codelist_id
         WHERE (lower(l.codelist_id) LIKE $like ESCAPE '\\' OR lower(l.source) LIKE $like ESCAPE '\\'
           OR l.codelist_id IN (SELECT t.codelist_id FROM codelist_code t WHERE lower(t.term) LIKE $like ESCAPE '\\'))${system}
         GROUP BY 1, 2, 3, 4
         ORDER BY CASE WHEN lower(l.codelist_id) LIKE $like ESCAPE '\\' OR lower(l.source) LIKE $like ESCAPE '\\' THEN 0 ELSE 1 END, count(c.code), 1
         LIMIT ${limit}`,
        params,
      );
      // The best-matching codes (shortest terms first), then the lists each is in.
      const codes = await sw.all<{ coding_system: string; code: string; term: string | null }>(
        `SELECT l.coding_system, c.code, min(c.term) AS term
         FROM codelist_code c JOIN codelist l ON l.codelist_id = c.codelist_id
         WHERE (lower(c.term) LIKE $like ESCAPE '\\' OR c.code = $exact)${system}
         GROUP BY 1, 2 ORDER BY min(length(c.term)), 3 LIMIT ${limit}`,
        { ...params, exact: q.q.trim() },
      );
      const inLists = codes.length
        ? await sw.all<{ code: string; codelist_id: string }>(
            `SELECT DISTINCT c.code, c.codelist_id FROM codelist_code c WHERE c.code IN (${codes.map((_, i) => `$k${i}`).join(", ")})`,
            Object.fromEntries(codes.map((c, i) => [`k${i}`, c.code])),
          )
        : [];
      return {
        codelists: lists.map(codelist),
        codes: codes.map((c) => ({
          system: c.coding_system,
          code: c.code,
          term: c.term,
          codelists: inLists
            .filter((l) => l.code === c.code)
            .map((l) => l.codelist_id)
            .sort(),
        })),
      };
    },
  );

  app.post(
    "/api/codes/terms",
    {
      schema: {
        tags: ["codes"],
        summary: "The descriptions of codes in one coding system, as the warehouse's codelists give them",
        body: Type.Object(
          {
            system: System,
            codes: Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 5000 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            terms: Type.Array(
              Type.Object({ code: Type.String(), term: Type.Union([Type.String(), Type.Null()]) }),
            ),
          }),
        },
      },
      config: { access: "cohorts:read" },
    },
    async (request) => {
      const sw = ctx.scopedFor(principalOf(request));
      const body = request.body as { system: string; codes: string[] };
      if (body.codes.length === 0) return { terms: [] };
      const codes = [...new Set(body.codes)];
      const found = await sw.all<{ code: string; term: string | null }>(
        `SELECT c.code, min(c.term) AS term FROM codelist_code c JOIN codelist l ON l.codelist_id = c.codelist_id
         WHERE l.coding_system = $system AND c.code IN (${codes.map((_, i) => `$k${i}`).join(", ")}) GROUP BY 1`,
        { system: body.system, ...Object.fromEntries(codes.map((c, i) => [`k${i}`, c])) },
      );
      const byCode = new Map(found.map((r) => [r.code, r.term]));
      return { terms: body.codes.map((code) => ({ code, term: byCode.get(code) ?? null })) };
    },
  );

  app.get(
    "/api/codelists/:id",
    {
      schema: {
        tags: ["codes"],
        summary: "A codelist the warehouse holds, with its codes and their terms",
        params: Type.Object({ id: Type.String({ pattern: "^[A-Za-z0-9/_.-]{1,120}$" }) }),
        response: {
          200: CodelistResponse,
          404: ErrorBody,
        },
      },
      config: { access: "cohorts:read" },
    },
    async (request) => {
      const sw = ctx.scopedFor(principalOf(request));
      const { id } = request.params as { id: string };
      const [list] = await sw.all<CodelistRow>(
        `SELECT l.codelist_id, l.coding_system, l.source, l.version, (SELECT count(*) FROM codelist_code c WHERE c.codelist_id = l.codelist_id) AS n
         FROM codelist l WHERE l.codelist_id = $id`,
        { id },
      );
      if (!list) throw notFound(`codelist ${id}`);
      const codes = await sw.all<{ code: string; term: string | null }>(
        "SELECT code, min(term) AS term FROM codelist_code WHERE codelist_id = $id GROUP BY 1 ORDER BY 2, 1",
        { id },
      );
      return { codelist: codelist(list), codes };
    },
  );
}
