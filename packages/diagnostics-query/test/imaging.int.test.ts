// The imaging network on the shared 20,000-person warehouse: the census against counts worked
// out independently in plain SQL; published DM01 returns shown exactly as published; trusts
// that differ as planted; a trust-scoped analyst who sees that trust only; and the demand
// forecast's 80% intervals back-tested on the synthetic history.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { backtest } from "@bevan/diagnostics";
import { parseCsvObjects } from "@bevan/domain";
import { Warehouse } from "@bevan/engine";
import { ScopedWarehouse } from "@bevan/query";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SHARED_DATA } from "../../../test/paths.ts";
import { censusFigures, DM01_TEST_CODES, imagingCensus } from "../src/census.ts";
import { demandRateCells, demographicIndex, practiceReferrals } from "../src/demand.ts";
import { DM01_FOLDER, publishedReturns } from "../src/dm01-returns.ts";
import { currentNetwork, forecastLists, listBaselines, networkHistory } from "../src/planning.ts";

const AS_OF = "2026-03-31";
let wh: Warehouse;
let ics: ScopedWarehouse;

beforeAll(async () => {
  wh = await Warehouse.open(inject("demo").db, { readOnly: true });
  const [icb] = await wh.all<{ org_code: string }>(
    "SELECT org_code FROM organisation WHERE org_type = 'icb'",
  );
  ics = new ScopedWarehouse(wh, { grants: [{ level: "icb", code: icb?.org_code ?? "" }] });
});
afterAll(() => wh?.close());

describe("the DM01-style census", () => {
  it("reproduces counts worked out independently in plain SQL, month by month and trust by trust", async () => {
    const rows = await imagingCensus(ics, { from: "2024-01", to: "2026-03", by: ["trust"] });
    const plain = await wh.all<{ m: string; trust: string; waiting: bigint; w6: bigint; w13: bigint }>(`
      WITH months AS (SELECT last_day(CAST(m AS DATE)) AS c FROM range(DATE '2024-01-01', DATE '2026-04-01', INTERVAL 1 MONTH) t(m))
      SELECT strftime(c, '%Y-%m') AS m, trust_code AS trust, count(*) AS waiting,
        count(*) FILTER (WHERE c - request_date >= 42) AS w6, count(*) FILTER (WHERE c - request_date >= 91) AS w13
      FROM imaging_request, months
      WHERE test IN ('mri', 'ct', 'non_obstetric_ultrasound', 'dexa', 'barium_enema') AND priority <> 'planned'
        AND request_date <= c AND (test_date IS NULL OR test_date > c)
      GROUP BY ALL ORDER BY 1, 2`);
    expect(plain.length).toBe(27 * 4);
    expect(rows.length).toBe(plain.length);
    for (const p of plain) {
      const r = rows.find((x) => x.month === p.m && x.trust === p.trust);
      const f = censusFigures(r?.weeks ?? []);
      expect([f.waiting, f.over6, f.over13], `${p.m} ${p.trust}`).toEqual([
        Number(p.waiting),
        Number(p.w6),
        Number(p.w13),
      ]);
    }
  });

  it("has trusts that differ as planted: one over 20% waiting 6+ weeks, one under 5%", async () => {
    const rows = await imagingCensus(ics, { from: "2026-03", to: "2026-03", by: ["trust"] });
    const shares = rows.map((r) => {
      const f = censusFigures(r.weeks);
      return { trust: r.trust, share: f.over6 / f.waiting, waiting: f.waiting };
    });
    expect(shares.some((s) => s.share > 0.2)).toBe(true);
    expect(shares.some((s) => s.share < 0.05)).toBe(true);
    expect(DM01_TEST_CODES).toHaveLength(5);
  });

  it("counts by site and modality add up to the trust's", async () => {
    const [bySite, byTrust] = await Promise.all([
      imagingCensus(ics, { from: "2026-03", to: "2026-03", by: ["trust", "site", "modality"] }),
      imagingCensus(ics, { from: "2026-03", to: "2026-03", by: ["trust"] }),
    ]);
    for (const t of byTrust) {
      const sum = bySite
        .filter((r) => r.trust === t.trust)
        .reduce((a, r) => a + censusFigures(r.weeks).waiting, 0);
      expect(sum).toBe(censusFigures(t.weeks).waiting);
    }
  });
});

describe("published DM01 returns", () => {
  it("show the published 6+ week percentages exactly, and agree with the published counts", async () => {
    const returns = await publishedReturns(ics);
    const file = (name: string) =>
      parseCsvObjects(readFileSync(join(SHARED_DATA, DM01_FOLDER, name), "utf8"));
    const may = file("england_diagnostic_wait_times.csv").filter((r) => r["% waiting 6+ weeks"] !== "");
    const dec = file("nhs_eng_diagnostics_processed_2021-02.csv").filter(
      (r) => !["", "NA"].includes(r.perc_waiting_6_plus_weeks ?? ""),
    );
    expect(may.length).toBeGreaterThan(150);
    for (const r of may) {
      const got = returns.find((x) => x.period === "2021-05" && x.providerCode === r["Trust Code"]);
      expect(got?.share6Plus, r["Trust Code"]).toBe(Number(r["% waiting 6+ weeks"]));
      // The counts give the same share to the 15 significant figures published.
      expect(Number(((got?.waiting6Plus ?? 0) / (got?.waitingTotal ?? 1)).toPrecision(15))).toBe(
        got?.share6Plus,
      );
    }
    for (const r of dec) {
      const got = returns.find((x) => x.period === "2020-12" && x.providerCode === r.code);
      expect(got?.share6Plus, r.code).toBe(Number(r.perc_waiting_6_plus_weeks));
    }
    // Monthly totals from April to November 2020, for real trusts of the network.
    const r0a = returns.filter(
      (x) => x.providerCode === "R0A" && x.period >= "2020-04" && x.period <= "2020-11",
    );
    expect(r0a).toHaveLength(8);
  });
});

describe("scopes", () => {
  it("a trust-scoped analyst sees that trust's requests and no one's GP record", async () => {
    const trust = new ScopedWarehouse(wh, { grants: [{ level: "trust", code: "RM3" }] });
    const rows = await imagingCensus(trust, { from: "2026-03", to: "2026-03", by: ["trust"] });
    expect(rows.map((r) => r.trust)).toEqual(["RM3"]);
    const all = await imagingCensus(ics, { from: "2026-03", to: "2026-03", by: ["trust"] });
    expect(rows[0]?.weeks).toEqual(all.find((r) => r.trust === "RM3")?.weeks);
    const [people] = await trust.all<{ n: bigint }>("SELECT count(*) AS n FROM scoped_person_asof");
    expect(Number(people?.n)).toBe(0);
    const nobody = new ScopedWarehouse(wh, { grants: [] });
    expect(await imagingCensus(nobody, { from: "2026-03", to: "2026-03", by: ["trust"] })).toEqual([]);
  });
});

describe("demand and planning inputs", () => {
  it("back-test: 80% intervals of the weekly demand forecast cover 75–85% of held-back weeks", async () => {
    const history = await networkHistory(ics, AS_OF);
    expect(history).not.toBeNull();
    if (!history) return;
    const index = await demographicIndex(ics, AS_OF);
    const exposure = history.weeks.map((w) => index.at(w));
    // Lists with at least one request a week: smaller ones are all zeros and ones, where any interval covers by luck.
    const series = history.lists
      .filter((l) => l.requests.reduce((a, b) => a + b, 0) / l.requests.length >= 1)
      .map((l) => ({ weeks: history.weeks, counts: l.requests, exposure }));
    expect(series.length).toBeGreaterThanOrEqual(12);
    const b = backtest(series, { horizon: 26, origins: [52, 26], seed: 2026, draws: 1000 });
    expect(b.covered80).toBeGreaterThanOrEqual(0.75);
    expect(b.covered80).toBeLessThanOrEqual(0.85);
  });

  it("demand rates per 1,000 rise with age, and practices are set against what their age and sex mix expects", async () => {
    const cells = await demandRateCells(ics, AS_OF, "age_band");
    const rate = (band: string) => {
      const c = cells.find((x) => x.group === band && x.modality === null);
      return c ? c.requests / c.people : 0;
    };
    expect(rate("70-74")).toBeGreaterThan(rate("20-24"));
    const practices = await practiceReferrals(ics, AS_OF);
    const o = practices.reduce((a, p) => a + p.observed, 0);
    const e = practices.reduce((a, p) => a + p.expected, 0);
    expect(o).toBeGreaterThan(100);
    expect(Math.abs(o - e) / o).toBeLessThan(1e-9);
  });

  it("builds the Monte Carlo's lists and the network for mutual aid from the data", async () => {
    const history = await networkHistory(ics, AS_OF);
    if (!history) throw new Error("no history");
    const forecasts = await forecastLists(ics, AS_OF, history, { horizon: 52, seed: 1, draws: 200 });
    const baselines = await listBaselines(ics, AS_OF, history, forecasts, 52);
    expect(baselines.length).toBe(24);
    for (const b of baselines) {
      expect(b.demand).toHaveLength(52);
      expect(b.capacity).toHaveLength(52);
    }
    const network = await currentNetwork(ics, AS_OF, history, { maxTravelMinutes: 45 });
    expect(network.sites.length).toBe(8);
    const rm3 = network.sites.filter((s) => s.trust === "RM3").flatMap((s) => s.modalities);
    expect(rm3.reduce((a, m) => a + m.backlog.slice(6).reduce((x, y) => x + y, 0), 0)).toBeGreaterThan(0);
  });
});
