// The patient list's page, against the same list worked out here in plain TypeScript: people
// registered at a practice in scope, on the register, in id order, one page at a time. The
// people are laid out so that pages need the first, second and last candidate windows.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ALL_TABLES } from "@bevan/domain";
import { createTableSql, Warehouse } from "@bevan/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { patientList } from "../src/patients.ts";
import { ScopedWarehouse } from "../src/scope.ts";

interface Person {
  readonly id: number;
  readonly practice: string;
  readonly registered: boolean;
  readonly registers: readonly string[];
}

// 3,000 people. The first 1,500 ids are on HYP but no longer registered (so the first windows
// of HYP and AF candidates hold nobody to list, and a page needs a wider window); after that
// every third person is registered at P2. DM has registered people only (the first window holds
// the page).
const PEOPLE: Person[] = Array.from({ length: 3000 }, (_, i) => {
  const id = i + 1;
  const registers = [
    ...(id % 2 === 0 || id <= 1500 ? ["HYP"] : []),
    ...(id % 5 === 0 ? ["AF"] : []),
    ...(id > 1500 && id % 7 === 0 ? ["DM"] : []),
  ];
  return { id, practice: id % 3 === 0 ? "P2" : "P1", registered: id > 1500, registers };
});

const tmp = mkdtempSync(join(tmpdir(), "bevan-patient-list-"));
let wh: Warehouse;
beforeAll(async () => {
  const w = await Warehouse.open(join(tmp, "w.duckdb"));
  for (const t of ALL_TABLES) await w.exec(createTableSql(t, w.dialect));
  const people = PEOPLE.map(
    (p) =>
      `(${p.id}, 40, '40-44', 'F', 'White', '${p.practice}', ${p.registered}, FALSE, FALSE, FALSE, ${p.id % 65536}, FALSE)`,
  );
  await w.exec(
    `INSERT INTO person_asof (person_id, age, age_band, sex, ethnicity_group, practice_code, registered, deceased, care_home, learning_disability, record_key, planning_opt_out) VALUES ${people.join(", ")}`,
  );
  const rows = PEOPLE.flatMap((p) =>
    p.registers.map((r) => `(${p.id}, '${r}', DATE '2020-01-01', DATE '2020-01-01')`),
  );
  await w.exec(
    `INSERT INTO register (person_id, register, first_date, latest_date) VALUES ${rows.join(", ")}`,
  );
  w.close();
  wh = await Warehouse.open(join(tmp, "w.duckdb"), { readOnly: true });
});
afterAll(() => {
  wh?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const scopes = {
  both: [
    { level: "practice" as const, code: "P1" },
    { level: "practice" as const, code: "P2" },
  ],
  P2: [{ level: "practice" as const, code: "P2" }],
};

function expected(practices: readonly string[], register: string) {
  return PEOPLE.filter(
    (p) => p.registered && practices.includes(p.practice) && p.registers.includes(register),
  );
}

describe("patientList", () => {
  for (const [name, grants] of Object.entries(scopes)) {
    for (const register of ["HYP", "AF", "DM"]) {
      it(`pages through ${register} for a scope of ${name} in id order`, async () => {
        const sw = new ScopedWarehouse(wh, { grants });
        const want = expected(
          grants.map((g) => g.code),
          register,
        );
        for (const [offset, limit] of [
          [0, 10],
          [37, 25],
          [want.length - 5, 10],
          [want.length + 3, 10],
        ] as const) {
          const got = await patientList(sw, { register, limit, offset });
          expect(got.total).toBe(want.length);
          expect(got.rows.map((r) => Number(r.personId))).toEqual(
            want.slice(offset, offset + limit).map((p) => p.id),
          );
          for (const r of got.rows) {
            const p = PEOPLE[Number(r.personId) - 1];
            expect(r.registers).toEqual([...(p?.registers ?? [])].sort());
            expect(r.practiceCode).toBe(p?.practice);
          }
        }
      });
    }
  }
});
