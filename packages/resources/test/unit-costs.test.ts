// Acceptance: every figure in the default unit-cost table cites its source, and every derived
// figure is worked out again here from the published rows it names (data/ncc-2023-24.csv,
// the Drug Tariff prices in its reference, the uplift in its working). A local table is
// checked at the boundary, each problem named with its line and column.
import { readFileSync } from "node:fs";
import { parseCsvObjects } from "@bevan/domain";
import { describe, expect, it } from "vitest";
import {
  BASES,
  currencyCatalogue,
  defaultUnitCosts,
  parseUnitCosts,
  UnitCostTableError,
  unitCostsCsv,
} from "../src/index.ts";

const table = defaultUnitCosts();
const cost = (c: string) => table.find((r) => r.currency === c)?.cost;
const ncc = parseCsvObjects(readFileSync(new URL("../data/ncc-2023-24.csv", import.meta.url), "utf8"));

/** Activity-weighted mean unit cost of an NCC service's rows whose currency starts with a root. */
function weightedMean(service: string, roots: readonly string[]): number {
  let activity = 0;
  let total = 0;
  for (const r of ncc) {
    if (r.service !== service || !roots.some((root) => (r.currency ?? "").startsWith(root))) continue;
    activity += Number(r.activity);
    total += Number(r.activity) * Number(r.unit_cost);
  }
  return total / activity;
}

describe("the default unit-cost table", () => {
  it("is listed in docs/resources.md, every currency at its cost", () => {
    const doc = readFileSync(new URL("../../../docs/resources.md", import.meta.url), "utf8");
    const gbp = (x: number) =>
      x >= 1
        ? `£${x.toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`
        : `£${x.toFixed(4).replace(/0+$/, "")}`;
    for (const r of table) {
      const row = doc.split("\n").find((line) => new RegExp(`^\\|\\s*\`${r.currency}\`\\s*\\|`).test(line));
      expect(row, `${r.currency} is not in docs/resources.md`).toBeDefined();
      expect(row, r.currency).toContain(gbp(r.cost));
    }
  });

  it("cites a source, price year and basis for every figure", () => {
    expect(table.length).toBeGreaterThan(50);
    for (const r of table) {
      expect(r.source.length, r.currency).toBeGreaterThan(20);
      expect(r.priceYear, r.currency).toMatch(/\d{4}/);
      expect(BASES, r.currency).toContain(r.basis);
      expect(r.url, r.currency).toMatch(/^https:\/\//);
      expect(r.reference.length, r.currency).toBeGreaterThan(0);
    }
  });

  it("prices the currencies the rules produce for every hospital, A&E, outpatient, community and GP activity", () => {
    for (const [currency, pod] of currencyCatalogue()) {
      if (["maternity", "other_admission", "diagnostic_imaging"].includes(pod)) continue;
      if (["CHS-OTHER", "SC-MEALS-WEEK"].includes(currency)) continue;
      expect(cost(currency), currency).toBeGreaterThan(0);
    }
  });

  const specialties: [string, readonly string[]][] = [
    ["RESP", ["DZ11", "DZ15", "DZ22", "DZ65"]],
    ["CARD", ["EB03", "EB07", "EB08", "EB10", "EB12"]],
    ["NEUR", ["AA26", "AA29", "AA35"]],
    ["GAST", ["FD01", "FD05", "FD10"]],
    [
      "GEN",
      [
        "DZ11",
        "DZ15",
        "DZ22",
        "DZ65",
        "EB03",
        "EB07",
        "EB08",
        "EB10",
        "EB12",
        "AA26",
        "AA29",
        "AA35",
        "FD01",
        "FD05",
        "FD10",
      ],
    ],
  ];
  for (const [code, roots] of specialties) {
    it(`NEL-${code}: the activity-weighted means of the National Cost Collection rows it names`, () => {
      expect(cost(`NEL-${code}-SS`)).toBeCloseTo(
        weightedMean("Non-Elective Inpatient - Short Stay", roots),
        2,
      );
      expect(cost(`NEL-${code}-LS`)).toBeCloseTo(
        weightedMean("Non-Elective Inpatient - Long Stay", roots),
        2,
      );
    });
  }

  it("A&E, outpatient and community figures are the National Cost Collection rows they name", () => {
    expect(cost("AE-T1")).toBeCloseTo(weightedMean("Emergency Care", ["VB"]), 2);
    const row = (service: string, currency: string) =>
      Number(ncc.find((r) => r.service === service && r.currency === currency)?.unit_cost);
    expect(cost("AE-T3")).toBeCloseTo(row("Emergency Care", "VB11Z"), 2);
    expect(cost("OP-FIRST")).toBeCloseTo(row("Consultant Led", "WF01B"), 2);
    expect(cost("OP-FUP")).toBeCloseTo(row("Consultant Led", "WF01A"), 2);
    expect(cost("CHS-DN")).toBeCloseTo(row("Community Health Service", "N02AF"), 2);
    expect(cost("CHS-FALLS")).toBeCloseTo(row("Community Health Service", "MCCRT"), 2);
  });

  it("the day case is the 2016/17 national average uplifted by the seven annual NHS cost inflation rates it lists", () => {
    const uplift = [1.24, 1.6, 2.14, 2.49, 2.58, 7.32, 4.31].reduce((f, p) => f * (1 + p / 100), 1);
    expect(cost("EL-DC")).toBeCloseTo(738 * uplift, 2);
  });

  it("each medicine's price per unit is its Drug Tariff basic price over its pack size", () => {
    for (const r of table.filter((t) => t.pointOfDelivery === "prescribing")) {
      const m = /pack of (\d+) \w+s, basic price (\d+)p/.exec(r.reference);
      expect(m, r.currency).not.toBeNull();
      expect(r.cost, r.currency).toBeCloseTo(Number(m?.[2]) / 100 / Number(m?.[1]), 6);
    }
  });

  it("round-trips through the CSV a local table is made from", () => {
    expect(parseUnitCosts(unitCostsCsv(table), "template.csv")).toEqual(table);
  });
});

describe("a local unit-cost table", () => {
  const header = "currency,point_of_delivery,description,unit,cost_gbp,price_year,basis,source,reference,url";
  const good =
    "OP-FIRST,outpatient_first,First attendance,attendance,250,2025/26,published,Local contract 2025/26,Schedule 3,";

  it("loads when every row is right", () => {
    const rows = parseUnitCosts(`${header}\n${good}\n`, "local.csv");
    expect(rows[0]?.cost).toBe(250);
  });

  it("names each problem with its line and column, and loads nothing", () => {
    const text = [
      header,
      good,
      "OP-FIRST,outpatient_first,Again,attendance,1,2025/26,published,x,,",
      "NEL-RESP-LS,ae,Wrong place,spell,-3,2025/26,guess,,,",
      "MYSTERY,ae,Unknown,attendance,1,2025/26,published,x,,",
    ].join("\n");
    try {
      parseUnitCosts(text, "local.csv");
      expect.fail("should not load");
    } catch (e) {
      expect(e).toBeInstanceOf(UnitCostTableError);
      const p = (e as UnitCostTableError).problems;
      expect(p).toContain("line 3, column currency: OP-FIRST is already priced on line 2");
      expect(p).toContain(
        "line 4, column point_of_delivery: 'ae' should be 'emergency_admission' for NEL-RESP-LS",
      );
      expect(p.some((x) => x.startsWith("line 4, column cost_gbp:"))).toBe(true);
      expect(p.some((x) => x.startsWith("line 4, column basis:"))).toBe(true);
      expect(p.some((x) => x.startsWith("line 4, column source: is empty"))).toBe(true);
      expect(p.some((x) => x.startsWith("line 5, column currency: 'MYSTERY' is not a currency"))).toBe(true);
    }
  });

  it("refuses a file without the required columns", () => {
    expect(() => parseUnitCosts("currency,cost\nOP-FIRST,1\n", "bad.csv")).toThrow(
      /missing columns point_of_delivery/,
    );
  });
});
