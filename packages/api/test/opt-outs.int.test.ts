// Opt-outs by purpose: people with a type 1 or National Data Opt-out (the generator's
// opt_outs.csv) are left out of everything a planning role sees — patient lists, patient
// records, aggregates — while a direct-care role still sees them; the data status shows how
// many, never who. The counts' truth is SQL on the warehouse, read before the server opens it.
import { Warehouse } from "@bevan/engine";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type RoleCode, startApi } from "./harness.ts";

type Api = Awaited<ReturnType<typeof startApi>>;
let api: Api;
const sessions = new Map<RoleCode, { cookie: string; csrf: string }>();
const truth = { type1: 0, national: 0, either: 0 };

beforeAll(async () => {
  const demo = inject("demo");
  const wh = await Warehouse.open(demo.db, { readOnly: true });
  try {
    const o = await wh.one<{ t: bigint; n: bigint; e: bigint }>(
      `SELECT count(*) FILTER (WHERE type1_opt_out) AS t, count(*) FILTER (WHERE national_data_opt_out) AS n,
              count(*) AS e FROM opt_out`,
    );
    Object.assign(truth, { type1: Number(o.t), national: Number(o.n), either: Number(o.e) });
  } finally {
    wh.close();
  }
  api = await startApi(demo);
  for (const role of ["ics_analyst", "clinician", "administrator"] as const)
    sessions.set(role, await api.signIn(role));
}, 120_000);
afterAll(async () => api.close());

const get = (role: RoleCode, url: string) => {
  const s = sessions.get(role);
  return api.app.inject({ url, headers: { cookie: s?.cookie ?? "", "x-csrf-token": s?.csrf ?? "" } });
};

describe("opt-outs", () => {
  it("the generator opts out a few percent, at about the national rates", () => {
    // 20,000 people: type 1 about 2.7%, the National Data Opt-out about 5.4%.
    expect(truth.type1 / 20_000).toBeGreaterThan(0.02);
    expect(truth.type1 / 20_000).toBeLessThan(0.035);
    expect(truth.national / 20_000).toBeGreaterThan(0.045);
    expect(truth.national / 20_000).toBeLessThan(0.065);
  });

  it("leaves opted-out people out of an analyst's patient list and records; a clinician sees them", async () => {
    const practice = api.subjects.practiceIn;
    const list = async (role: RoleCode, offset = 0) =>
      (
        await get(role, `/api/patients?register=HYP&practice=${practice}&limit=500&offset=${offset}`)
      ).json() as {
        total: number;
        rows: { personId: string }[];
      };
    const byClinician = await list("clinician");
    const byAnalyst = await list("ics_analyst");
    expect(byClinician.total).toBeGreaterThan(byAnalyst.total);
    const seen = new Set(byAnalyst.rows.map((p) => p.personId));
    const hidden = byClinician.rows.filter((p) => !seen.has(p.personId));
    expect(hidden.length).toBe(byClinician.total - byAnalyst.total);
    // Each one the analyst cannot see is opted out: the clinician reads their record, the analyst gets 404.
    const first = hidden[0]?.personId ?? "";
    expect((await get("clinician", `/api/patients/${first}`)).statusCode).toBe(200);
    expect((await get("ics_analyst", `/api/patients/${first}`)).statusCode).toBe(404);
  });

  it("shows how many opted out on the data status, never who", async () => {
    const res = await get("administrator", "/api/data-status");
    expect(res.statusCode).toBe(200);
    const body = res.json() as { optOuts: { type1: number; national: number; either: number } };
    expect(body.optOuts).toEqual({ type1: truth.type1, national: truth.national, either: truth.either });
    expect(JSON.stringify(body)).not.toContain("person_id");
  });
});
