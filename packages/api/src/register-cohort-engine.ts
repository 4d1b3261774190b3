// The interim cohort engine until the cohort language (issue 7) is wired in: a cohort is
// people registered and alive on every listed register, optionally within an age range:
// { "kind": "registers", "all": ["HYP", "DM"], "minAge": 65 }. Every query goes through the
// caller's ScopedWarehouse.
import { REGISTER_CODES } from "@bevan/domain";
import type { Breakdown, GroupCount } from "@bevan/query";
import type { CohortEngine } from "./cohort-engine.ts";

interface RegistersCohort {
  readonly kind: "registers";
  readonly all: readonly string[];
  readonly minAge?: number;
  readonly maxAge?: number;
}

const BREAKDOWN_SQL: Record<Breakdown, string> = {
  all: "'all'",
  practice: "p.practice_code",
  pcn: "p.pcn_code",
  place: "p.place_code",
  age_band: "p.age_band",
  sex: "p.sex",
  imd_quintile: "CAST(p.imd_quintile AS VARCHAR)",
  ethnicity_group: "p.ethnicity_group",
};

function parse(definition: unknown): RegistersCohort | string {
  const d = definition as Partial<RegistersCohort> | null;
  if (!d || typeof d !== "object" || d.kind !== "registers")
    return 'the definition must be an object with "kind": "registers"';
  if (!Array.isArray(d.all) || d.all.length === 0 || d.all.length > 10)
    return '"all" must list 1 to 10 register codes';
  for (const r of d.all)
    if (!(REGISTER_CODES as readonly string[]).includes(r))
      return `"all" names an unknown register; use one of ${REGISTER_CODES.join(", ")}`;
  for (const k of ["minAge", "maxAge"] as const) {
    const v = d[k];
    if (v !== undefined && (!Number.isInteger(v) || v < 0 || v > 130))
      return `"${k}" must be a whole number from 0 to 130`;
  }
  const extra = Object.keys(d).filter((k) => !["kind", "all", "minAge", "maxAge"].includes(k));
  if (extra.length > 0) return `unknown field "${extra[0]}"`;
  return d as RegistersCohort;
}

function where(c: RegistersCohort): { sql: string; params: Record<string, string | number> } {
  const params: Record<string, string | number> = {};
  const parts = ["p.registered"];
  c.all.forEach((r, i) => {
    params[`r${i}`] = r;
    parts.push(
      `p.person_id IN (SELECT person_id FROM scoped_register WHERE scoped_register.register = $r${i})`,
    );
  });
  if (c.minAge !== undefined) {
    params.minAge = c.minAge;
    parts.push("p.age >= $minAge");
  }
  if (c.maxAge !== undefined) {
    params.maxAge = c.maxAge;
    parts.push("p.age <= $maxAge");
  }
  return { sql: parts.join(" AND "), params };
}

function valid(definition: unknown): RegistersCohort {
  const c = parse(definition);
  if (typeof c === "string") throw new Error("cohort definition was not validated");
  return c;
}

export const registerCohortEngine: CohortEngine = {
  validate(definition) {
    const c = parse(definition);
    return typeof c === "string" ? c : null;
  },
  async breakdown(sw, definition, by) {
    const w = where(valid(definition));
    const rows = await sw.all<{ grp: string | null; n: bigint }>(
      `SELECT ${BREAKDOWN_SQL[by]} AS grp, count(*) AS n FROM scoped_person_asof p WHERE ${w.sql} GROUP BY 1 ORDER BY 1`,
      w.params,
    );
    return rows.map((r): GroupCount => ({ group: r.grp ?? "unknown", count: Number(r.n) }));
  },
  async members(sw, definition, page) {
    const w = where(valid(definition));
    const total = await sw.one<{ n: bigint }>(
      `SELECT count(*) AS n FROM scoped_person_asof p WHERE ${w.sql}`,
      w.params,
    );
    const rows = await sw.all<{ person_id: bigint }>(
      `SELECT p.person_id FROM scoped_person_asof p WHERE ${w.sql} ORDER BY p.person_id LIMIT ${Math.trunc(page.limit)} OFFSET ${Math.trunc(page.offset)}`,
      w.params,
    );
    return { total: Number(total.n), personIds: rows.map((r) => BigInt(r.person_id)) };
  },
};
