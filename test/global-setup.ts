// Builds one 20,000-person synthetic warehouse (seed 7) for the integration tests to share.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildWarehouse } from "@bevan/build";
import { loadSharedDm01Returns } from "@bevan/diagnostics-query";
import { Warehouse } from "@bevan/engine";
import { ingestExtract, loadPseudonymKey, loadReferenceTables, reidentificationPath } from "@bevan/ingest";
import { buildResources } from "@bevan/resources";
import { generate } from "@bevan/synth";
import type { TestProject } from "vitest/node";
import { SHARED_DATA } from "./paths.ts";
import { startPostgres } from "./postgres-server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    demo: { dir: string; extract: string; db: string; keyFile: string };
    /** Connection string of a throwaway PostgreSQL 15 server (application-state tests). */
    postgres: string;
  }
}

export const DEMO_PERSONS = 20_000;
export const DEMO_SEED = 7;
export const DEMO_AS_OF = "2026-03-31";

export async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "bevan-it-"));
  const extract = join(dir, "extract");
  const db = join(dir, "warehouse.duckdb");
  const keyFile = join(dir, "secrets", "pseudonym.key");
  await generate({
    persons: DEMO_PERSONS,
    seed: DEMO_SEED,
    outDir: extract,
    asOf: DEMO_AS_OF,
    sharedDataDir: SHARED_DATA,
  });
  const wh = await Warehouse.open(db);
  try {
    await ingestExtract(wh, extract, {
      key: loadPseudonymKey(keyFile, { createDevKey: true }),
      reidentificationPath: reidentificationPath(db),
    });
    await loadReferenceTables(wh, SHARED_DATA);
    await loadSharedDm01Returns(wh, SHARED_DATA);
    await buildWarehouse(wh, { sharedDataDir: SHARED_DATA });
    // Costed activity and the fair-share formulas (docs/resources.md), as `bevan build` makes them.
    await buildResources(wh);
  } finally {
    wh.close();
  }
  const pg = await startPostgres();
  project.provide("demo", { dir, extract, db, keyFile });
  project.provide("postgres", pg.url);
  return () => {
    pg.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
