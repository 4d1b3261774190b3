// A load is atomic: a process killed with SIGKILL in the middle of an ingest leaves the
// warehouse exactly as the previous load left it, and it opens and loads again. Verified
// on the real file, not assumed from DuckDB's documentation.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Warehouse } from "@bevan/engine";
import { afterAll, describe, expect, it } from "vitest";
import { BEVAN_BIN, PINNED_NODE, REPO_ROOT, SHARED_DATA } from "../../../test/paths.ts";

const tmp = mkdtempSync(join(tmpdir(), "bevan-atomic-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const env = { ...process.env, BEVAN_DATA_DIR: tmp, CI: "1" };
const db = join(tmp, "w.duckdb");

async function fingerprint() {
  const wh = await Warehouse.open(db, { readOnly: true });
  try {
    return await wh.all(`
      SELECT 'person' AS t, count(*) AS n, sum(hash(person)) AS h FROM person UNION ALL
      SELECT 'gp_event', count(*), sum(hash(gp_event)) FROM gp_event UNION ALL
      SELECT 'medication_issue', count(*), sum(hash(medication_issue)) FROM medication_issue UNION ALL
      SELECT 'quarantine', count(*), sum(hash(quarantine)) FROM quarantine UNION ALL
      SELECT 'source_record', count(*), sum(hash(source_record)) FROM source_record UNION ALL
      SELECT 'build_info', count(*), sum(hash(build_info)) FROM build_info ORDER BY 1`);
  } finally {
    wh.close();
  }
}

describe("atomic loads", () => {
  it("SIGKILL mid-load leaves the previous warehouse intact and loadable", async () => {
    const first = spawnSync(
      PINNED_NODE,
      [BEVAN_BIN, "ingest", join(SHARED_DATA, "synthea", "bulk-ndjson-10"), "--db", db],
      {
        cwd: REPO_ROOT,
        env,
        encoding: "utf8",
      },
    );
    expect(first.status).toBe(0);
    const before = await fingerprint();

    const bundles = join(SHARED_DATA, "synthea", "fhir-r4-bundles-300");
    const child = spawn(PINNED_NODE, [BEVAN_BIN, "ingest", bundles, "--db", db, "--json"], {
      cwd: REPO_ROOT,
      env,
    });
    let stdout = "";
    child.stdout.on("data", (b: Buffer) => {
      stdout += b.toString();
    });
    const killed = await new Promise<{ signal: NodeJS.Signals | null; inTransaction: boolean }>((done) => {
      let inTransaction = false;
      child.stderr.on("data", (b: Buffer) => {
        // "checking and loading" is printed inside the load's transaction, after pseudonymising.
        if (!inTransaction && b.toString().includes("checking and loading")) {
          inTransaction = true;
          setTimeout(() => child.kill("SIGKILL"), 300);
        }
      });
      child.on("exit", (_code, signal) => done({ signal, inTransaction }));
    });
    expect(killed).toEqual({ signal: "SIGKILL", inTransaction: true });
    expect(stdout).toBe(""); // it never got to print its report: the load had not finished

    expect(await fingerprint()).toEqual(before);
    const again = spawnSync(PINNED_NODE, [BEVAN_BIN, "ingest", bundles, "--db", db, "--json"], {
      cwd: REPO_ROOT,
      env,
      encoding: "utf8",
    });
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout).persons).toBe(13 + 300);
  }, 180_000);
});
