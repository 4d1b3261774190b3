// A warehouse made by an earlier Bevan is brought up to date before a load: columns added
// since appear, and columns that became nullable accept nulls.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Warehouse } from "@bevan/engine";
import { afterAll, describe, expect, it } from "vitest";
import { ensureSchema } from "../src/load.ts";

const tmp = mkdtempSync(join(tmpdir(), "bevan-schema-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("ensureSchema on an older warehouse", () => {
  it("adds source_id and drops NOT NULL from medication_issue.quantity", async () => {
    const wh = await Warehouse.open(join(tmp, "old.duckdb"));
    try {
      // medication_issue as the first release of Bevan created it.
      await wh.exec(
        "CREATE TABLE medication_issue (person_id BIGINT NOT NULL, issue_date DATE NOT NULL, coding_system VARCHAR NOT NULL, code VARCHAR NOT NULL, description VARCHAR NOT NULL, quantity INTEGER NOT NULL, source_org VARCHAR NOT NULL)",
      );
      await ensureSchema(wh);
      await wh.exec(
        "INSERT INTO medication_issue VALUES (1, DATE '2026-01-01', 'rxnorm', '310965', 'Ibuprofen', NULL, 'X', 'MedicationRequest/a')",
      );
      const row = await wh.one<{ quantity: number | null; source_id: string }>(
        "SELECT quantity, source_id FROM medication_issue",
      );
      expect(row).toEqual({ quantity: null, source_id: "MedicationRequest/a" });
    } finally {
      wh.close();
    }
  });
});
