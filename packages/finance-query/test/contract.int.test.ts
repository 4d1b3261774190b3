// A contract evaluated on the shared warehouse: each PCN's list, denominator and numerator
// counts against plain SQL written here by hand (person_asof, register, diabetes_care), and
// the achievements and payments computed from them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Warehouse } from "@bevan/engine";
import { evaluateContract, validateContract } from "@bevan/finance";
import { dataVersion, validateCohort } from "@bevan/query";
import { describe, expect, inject, it } from "vitest";
import { REPO_ROOT } from "../../../test/paths.ts";
import { contractCells } from "../src/index.ts";

describe("contract counts", () => {
  it("the diabetes outcomes contract's counts per PCN match plain SQL", async () => {
    const { db } = inject("demo");
    const c = validateContract(
      JSON.parse(
        readFileSync(
          join(REPO_ROOT, "packages", "finance", "examples", "diabetes-outcomes-contract.json"),
          "utf8",
        ),
      ),
    );
    const wh = await Warehouse.open(db, { readOnly: true });
    try {
      const { buildAsOf } = await dataVersion(wh);
      const cells = await contractCells(
        wh,
        "pcn",
        undefined,
        c.indicators.map((i) => ({
          id: i.id,
          numerator: validateCohort(i.numerator),
          denominator: validateCohort(i.denominator),
        })),
        buildAsOf,
      );
      const plain = await wh.all<{ pcn: string; list: bigint; dm: bigint; hba1c: bigint; statin: bigint }>(
        `SELECT p.pcn_code AS pcn, count(*) AS list,
                count(*) FILTER (WHERE r.person_id IS NOT NULL) AS dm,
                count(*) FILTER (WHERE d.hba1c_target) AS hba1c,
                count(*) FILTER (WHERE d.statin) AS statin
         FROM person_asof p
         LEFT JOIN register r ON r.person_id = p.person_id AND r.register = 'DM'
         LEFT JOIN diabetes_care d ON d.person_id = p.person_id AND r.person_id IS NOT NULL
         WHERE p.registered GROUP BY p.pcn_code ORDER BY 1`,
      );
      expect(cells.map((p) => p.code)).toEqual(plain.map((p) => p.pcn));
      expect(cells.length).toBeGreaterThan(3);
      for (const p of plain) {
        const got = cells.find((x) => x.code === p.pcn);
        expect(got?.list.n).toBe(Number(p.list));
        expect(got?.counts["hba1c-target"]?.denominator.n).toBe(Number(p.dm));
        expect(got?.counts["hba1c-target"]?.numerator.n).toBe(Number(p.hba1c));
        expect(got?.counts.statin?.denominator.n).toBe(Number(p.dm));
        expect(got?.counts.statin?.numerator.n).toBe(Number(p.statin));
      }
      const r = evaluateContract(
        c,
        cells.map((p) => ({
          code: p.code,
          name: p.name,
          listSize: p.list.n,
          counts: Object.fromEntries(
            Object.entries(p.counts).map(([id, k]) => [
              id,
              { numerator: k.numerator.n, denominator: k.denominator.n },
            ]),
          ),
        })),
      );
      const first = plain[0];
      const a = r.parties.find((p) => p.code === first?.pcn)?.indicators[0];
      expect(a?.achievement).toBeCloseTo(Number(first?.hba1c) / Number(first?.dm), 12);
      expect(r.parties.reduce((s, p) => s + (p.value ?? 0), 0)).toBeCloseTo(c.value, 6);
    } finally {
      wh.close();
    }
  });
});
