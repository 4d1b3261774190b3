// The model card beside risk scores: served from build_info only when it was made for the
// models the warehouse is scored with; otherwise the reason, in words. The card's figures are
// the model report's (checked in packages/risk/test/risk.int.test.ts).
import { copyFileSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { setBuildInfo, Warehouse } from "@bevan/engine";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { modelCardFromBuildInfo } from "../src/routes/presentation/model-card.ts";
import { startApi } from "./harness.ts";

const outcome = {
  predicts: "an emergency hospital admission in the next 12 months",
  auroc: { value: 0.78, lower: 0.76, upper: 0.8 },
  calibrationSlope: { value: 0.97, lower: 0.9, upper: 1.04 },
  observedOverExpected: 1.02,
  brier: 0.05,
  validationPeople: 19_500,
  validationEvents: 1_210,
  calibration: [{ predicted: 0.4, observed: 0.37 }],
  warnings: [{ dimension: "Ethnic group", group: "Asian", problem: "risks too high" }],
};
const card = (forModels: { admission: string; mortality: string }) => ({
  madeAt: "2026-04-01T00:00:00.000Z",
  forModels,
  method: "Penalised logistic regression.",
  trainingIndexDate: "2024-03-31",
  validationIndexDate: "2025-03-31",
  outcomeWindow: "12 months",
  features: 60,
  outcomes: [
    { outcome: "admission", ...outcome },
    { outcome: "mortality", ...outcome, predicts: "death in the next 12 months" },
  ],
});
const models = { admission: "adm-1", mortality: "mort-1" };

describe("which card is served", () => {
  it("none without scores, none before validation, none for earlier models", () => {
    expect(modelCardFromBuildInfo({}).missing).toMatch(/no risk scores/);
    expect(modelCardFromBuildInfo({ admission_model: "adm-1" }).missing).toMatch(/not been validated/);
    const stale = JSON.stringify(card({ admission: "adm-0", mortality: "mort-1" }));
    const r = modelCardFromBuildInfo({
      admission_model: "adm-1",
      mortality_model: "mort-1",
      model_card: stale,
    });
    expect(r.card).toBeNull();
    expect(r.missing).toMatch(/earlier models/);
  });
});

describe("GET /api/risk/model-card", () => {
  const dir = mkdtempSync(join(tmpdir(), "bevan-model-card-"));
  let api: Awaited<ReturnType<typeof startApi>>;
  beforeAll(async () => {
    const demo = inject("demo");
    const db = join(dir, "warehouse.duckdb");
    copyFileSync(demo.db, db);
    cpSync(join(dirname(demo.db), "secrets"), join(dir, "secrets"), { recursive: true });
    const wh = await Warehouse.open(db);
    try {
      await setBuildInfo(wh, {
        admission_model: models.admission,
        mortality_model: models.mortality,
        model_card: JSON.stringify(card(models)),
      });
    } finally {
      wh.close();
    }
    api = await startApi({ ...demo, db });
  });
  afterAll(async () => {
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("gives a clinician the card made for the scored models, without its bookkeeping", async () => {
    const { cookie } = await api.signIn("clinician");
    const res = await api.app.inject({ url: "/api/risk/model-card", headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.missing).toBeNull();
    expect(r.card.outcomes.map((o: { outcome: string }) => o.outcome)).toEqual(["admission", "mortality"]);
    expect(r.card.outcomes[0].warnings[0].group).toBe("Asian");
    expect(r.card.forModels).toBeUndefined();
  });
});
