// The feature SQL per dialect, reviewed as diffs (UPDATE_GOLDEN=1 rewrites): DuckDB runs it,
// Trino's rendering shows the query stays in the portable subset plus the dialect seam.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { duckdb, trino } from "@bevan/engine";
import { describe, expect, it } from "vitest";
import {
  addMonthsIso,
  type DataSource,
  FEATURES,
  featureSelectSql,
  SEGMENTS,
  usableFeatures,
} from "../src/index.ts";

function golden(name: string, actual: string): void {
  const path = join(import.meta.dirname, "golden", name);
  if (process.env.UPDATE_GOLDEN) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

describe("feature specification", () => {
  it("renders the feature query for DuckDB and Trino", () => {
    golden("features.duckdb.sql", `${featureSelectSql(duckdb, "2025-03-31")}\n`);
    golden("features.trino.sql", `${featureSelectSql(trino, "2025-03-31")}\n`);
  });

  it("every feature is documented, uniquely named, with a lookback of 0, 3, 6, 12 or 24 months", () => {
    const names = new Set(FEATURES.map((f) => f.name));
    expect(names.size).toBe(FEATURES.length);
    for (const f of FEATURES) {
      expect(f.description.length, f.name).toBeGreaterThan(5);
      expect([0, 3, 6, 12, 24]).toContain(f.lookbackMonths);
    }
  });

  const starts = (over: Partial<Record<DataSource, string | null>> = {}) => ({
    hospital_spell: "2023-03-31",
    ae_attendance: "2023-03-31",
    outpatient_attendance: "2023-03-31",
    community_contact: "2023-03-31",
    medication_issue: "2023-03-31",
    gp_event: "1990-01-01",
    social_care_service: "2021-01-01",
    ...over,
  });

  it("leaves out features whose window reaches before the data start", () => {
    const { features, excluded } = usableFeatures("2024-03-31", starts());
    expect(excluded.map((e) => e.feature)).toEqual([
      "emergency_admissions_24m",
      "elective_admissions_24m",
      "ae_attendances_24m",
      "outpatient_attendances_24m",
    ]);
    expect(features).toContain("emergency_admissions_12m");
    expect(usableFeatures("2025-03-31", starts()).excluded).toEqual([]);
  });

  it("judges each feature by its own sources' first dates: medicines starting a year later leave out only the medicine features", () => {
    const { excluded } = usableFeatures("2024-03-31", starts({ medication_issue: "2024-04-03" }));
    expect(excluded.map((e) => e.feature)).toEqual([
      "emergency_admissions_24m",
      "elective_admissions_24m",
      "ae_attendances_24m",
      "outpatient_attendances_24m",
      "medicines_12m",
      "polypharmacy_10",
    ]);
    expect(excluded.find((e) => e.feature === "medicines_12m")?.reason).toBe(
      "needs 12 months of medication issues before 2024-03-31; they start on 2024-04-03",
    );
    const none = usableFeatures("2025-03-31", starts({ community_contact: null }));
    expect(none.excluded).toEqual([
      { feature: "community_contacts_12m", reason: "the warehouse has no community contacts" },
    ]);
  });

  it("every feature that looks back names the sources it reads", () => {
    for (const f of FEATURES) if (f.lookbackMonths > 0) expect(f.sources.length, f.name).toBeGreaterThan(0);
  });

  it("adds calendar months as the SQL dialects do (end of month clamped)", () => {
    expect(addMonthsIso("2026-03-31", -12)).toBe("2025-03-31");
    expect(addMonthsIso("2024-03-31", -1)).toBe("2024-02-29");
    expect(addMonthsIso("2025-01-15", 13)).toBe("2026-02-15");
  });

  it("has eight Bridges to Health segments, healthy last as the catch-all", () => {
    expect(SEGMENTS).toHaveLength(8);
    expect(SEGMENTS.at(-1)?.id).toBe("healthy");
  });
});
