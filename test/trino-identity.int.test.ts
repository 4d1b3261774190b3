// The Trino identity suite: the shared 20,000-person warehouse exported as Parquet, built again
// on a local Trino cluster (a coordinator and two workers), and every derived table and every
// example cohort's members compared with DuckDB's. Needs Java 24+ (Trino 476); without it the
// suite is skipped and says so. The first run on a machine fetches Trino from Maven Central
// (about 450 MB) into ~/.cache/bevan/trino.
import { copyFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { buildWarehouse, loadRecordKeySecret } from "@bevan/build";
import { codelistCode, codelistTable, DERIVED_TABLES } from "@bevan/domain";
import { TrinoWarehouse, Warehouse } from "@bevan/engine";
import { cohortMembers, createPersonScoreView, ScopedWarehouse, validateCohort } from "@bevan/query";
import { scoreRisk } from "@bevan/risk";
import {
  clusterCpuSeconds,
  compareTable,
  defaultExportDir,
  exportParquet,
  findJava,
  registerExport,
  startCluster,
  stopCluster,
  type TableIdentity,
} from "@bevan/scale-out";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { PASSWORD, startApi } from "../packages/api/test/harness.ts";
import {
  DIST,
  ensureBuilt,
  launch,
  screenshot,
  seriousViolations,
  settled,
  watchErrors,
} from "../packages/web/test/browser-harness.ts";
import { REPO_ROOT, SHARED_DATA } from "./paths.ts";
import { freePortRun } from "./ports.ts";

const java = (() => {
  try {
    return findJava();
  } catch (error) {
    return (error as Error).message;
  }
})();
const hasJava = !java.includes(" ");
if (!hasJava) process.stderr.write(`\n*** TRINO IDENTITY SUITE SKIPPED: ${java} ***\n\n`);

const TABLES = [...DERIVED_TABLES.filter((t) => t.name !== "build_info"), codelistTable, codelistCode];
const EXAMPLES = join(REPO_ROOT, "packages", "query", "examples");
const AS_OF = "2026-03-31";

describe.skipIf(!hasJava)("Trino identity suite (20,000 people, a coordinator and 2 workers)", () => {
  const dir = mkdtempSync(join(tmpdir(), "bevan-trino-"));
  const cluster = join(dir, "cluster");
  const lake = join(dir, "lake");
  let duck: Warehouse;
  let trino: TrinoWarehouse;
  const timings: Record<string, number> = {};
  const identical: TableIdentity[] = [];
  let url: (schema: string) => string;
  let duckOpen = false;

  beforeAll(async () => {
    const time = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
      const t = performance.now();
      const result = await work();
      timings[step] = Math.round(performance.now() - t) / 1000;
      return result;
    };
    // A copy, so that the risk models can be trained for the risk cohorts (the shared one is read-only).
    const db = join(dir, "warehouse.duckdb");
    copyFileSync(inject("demo").db, db);
    // The re-identification store beside it, as ingest writes it (the API test below opens it).
    cpSync(join(dirname(inject("demo").db), "secrets"), join(dir, "secrets"), { recursive: true });
    duck = await Warehouse.open(db);
    duckOpen = true;
    await time("risk models (DuckDB)", () => scoreRisk(duck, { sharedDataDir: SHARED_DATA }));
    await createPersonScoreView(duck);
    const port = await freePortRun(3);
    const info = await time("cluster start", () =>
      startCluster({ dir: cluster, lake, port, workers: 2, workerHeapGb: 1, fastStart: true }),
    );
    url = (schema: string) => `trino://127.0.0.1:${info.nodes[0]?.port}/lake/${schema}`;
    await time("export and register", async () => {
      // Four buckets: at 20,000 people more would only multiply small files.
      await exportParquet(duck, defaultExportDir(lake, "demo"), { buckets: 4 });
      (await registerExport(url("demo"), defaultExportDir(lake, "demo"), lake)).close();
      // DuckDB's own build, for the comparison in Trino.
      await exportParquet(duck, defaultExportDir(lake, "duckdb"), { tables: TABLES, buckets: 4 });
      (await registerExport(url("duckdb"), defaultExportDir(lake, "duckdb"), lake)).close();
    });
    trino = await TrinoWarehouse.open(url("demo"));
    trino.statements = [];
    await time("build on Trino", () =>
      buildWarehouse(trino, {
        sharedDataDir: SHARED_DATA,
        now: () => new Date("2026-04-01T00:00:00Z"),
        // The DuckDB warehouse's own disclosure-control secret, so the record keys agree.
        recordKeySecret: loadRecordKeySecret(db),
      }),
    );
    await createPersonScoreView(trino);
  }, 900_000);

  afterAll(async () => {
    const cpu = Math.round(
      clusterCpuSeconds(cluster) + process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6,
    );
    process.stderr.write(
      `trino identity suite: wall seconds ${JSON.stringify(timings)}; CPU seconds (cluster and this process) ${cpu}; load ${loadavg()
        .map((x) => x.toFixed(1))
        .join(" ")}\n`,
    );
    if (duckOpen) duck?.close();
    trino?.close();
    await stopCluster(cluster);
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it("started every worker and built the derived tables", async () => {
    const nodes = await trino.all<{ node_id: string }>(
      "SELECT node_id FROM system.runtime.nodes WHERE state = 'active' ORDER BY node_id",
    );
    expect(nodes.map((n) => n.node_id)).toEqual(["coordinator", "worker-1", "worker-2"]);
    const [info] = await trino.all<{ value: string }>("SELECT value FROM build_info WHERE key = 'as_of'");
    expect(info?.value).toBe(AS_OF);
  });

  for (const def of TABLES) {
    it(`${def.name}: the same rows as DuckDB's (EXCEPT ALL both ways)`, async () => {
      const r = await compareTable(trino, "duckdb", def, {
        // Java's and C's exp/log can differ in the last bit: QRISK3 and QDiabetes to 1e-12 relative.
        tolerance: 1e-12,
        // When each build imported its codelists.
        ignore: ["imported_at"],
      });
      identical.push(r);
      expect(r.rows).toBeGreaterThan(0);
      expect(r).toMatchObject({ referenceRows: r.rows, onlyHere: 0, onlyInReference: 0, doublesApart: 0 });
    });
  }

  const files = readdirSync(EXAMPLES).filter((f) => f.endsWith(".json"));
  it("runs all ten example cohorts", () => expect(files.length).toBe(10));
  for (const file of files) {
    it(`cohort ${file}: the same members as on DuckDB`, async () => {
      const def = validateCohort(JSON.parse(readFileSync(join(EXAMPLES, file), "utf8")), file);
      const expected = await cohortMembers(duck, def, AS_OF);
      const members = await cohortMembers(trino, def, AS_OF);
      expect(members.length).toBe(expected.length);
      expect(members).toEqual(expected);
    });
  }

  it("applies a scope exactly as on DuckDB: a practice's register counts", async () => {
    const [practice] = await duck.all<{ code: string }>(
      "SELECT practice_code AS code FROM person_asof WHERE registered GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1",
    );
    const scope = { grants: [{ level: "practice" as const, code: practice?.code ?? "" }] };
    const sql = `SELECT r.register, count(DISTINCT r.person_id) AS n FROM scoped_register r
      JOIN scoped_person_asof p ON p.person_id = r.person_id WHERE p.registered GROUP BY r.register ORDER BY r.register`;
    const onDuck = await new ScopedWarehouse(duck, scope).json(sql);
    const onTrino = await new ScopedWarehouse(trino, scope).json(sql);
    expect(onDuck.length).toBeGreaterThan(5);
    expect(onTrino).toEqual(onDuck);
    // Someone else's practice sees none of these people.
    const none = await new ScopedWarehouse(trino, { grants: [] }).json(sql);
    expect(none).toEqual([]);
  });

  // Last: it closes the DuckDB handle, for the servers to open the file read-only.
  it("serves the dashboards' aggregates from Trino as from DuckDB, disclosure controlled (API and the overview page)", async () => {
    duck.close();
    duckOpen = false;
    const demo = { ...inject("demo"), db: join(dir, "warehouse.duckdb") };
    const onDuck = await startApi(demo);
    const onTrino = await startApi(demo, { engine: url("demo"), webRoot: DIST });
    try {
      const get = async (api: typeof onDuck, role: "ics_analyst" | "clinician", path: string) => {
        const { cookie } = await api.signIn(role);
        const res = await api.app.inject({ url: path, headers: { cookie } });
        expect(res.statusCode, `${path}: ${res.body.slice(0, 200)}`).toBe(200);
        return res.json();
      };
      const paths = ["/api/population/pyramid", "/api/prevalence/all", "/api/multimorbidity"];
      for (const role of ["ics_analyst", "clinician"] as const)
        for (const path of paths)
          expect(await get(onTrino, role, path), `${role} ${path}`).toEqual(await get(onDuck, role, path));
      await ensureBuilt();
      await onTrino.app.listen({ port: 0, host: "127.0.0.1" });
      const address = onTrino.app.server.address();
      if (!address || typeof address === "string") throw new Error("no port");
      const browser = await launch();
      try {
        const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
        const errors = watchErrors(page);
        await page.goto(`http://127.0.0.1:${address.port}/`);
        await page.waitForURL(/\/sign-in/);
        await page.getByLabel("Username").fill("ics_analyst");
        await page.getByLabel("Password").fill(PASSWORD);
        await page.getByRole("button", { name: "Sign in" }).click();
        await page.getByTestId("who").waitFor();
        await settled(page);
        expect(await page.locator(".nhsuk-error-summary").count()).toBe(0);
        expect(await seriousViolations(page)).toEqual([]);
        await screenshot(page, "trino-overview");
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
      }
    } finally {
      await onTrino.close();
      await onDuck.close();
    }
  });

  it("ran the golden Trino SQL as written (packages/clinical/test/golden/*.trino.sql)", () => {
    const flat = (sql: string) => sql.replace(/\s+/g, " ").trim().replace(/ ?;$/, "");
    const ran = (trino.statements ?? []).map(flat).join("\n");
    for (const name of ["registers.trino.sql", "clinical.trino.sql"]) {
      const golden = readFileSync(join(REPO_ROOT, "packages", "clinical", "test", "golden", name), "utf8");
      const sections = golden.split(/^-- /m).slice(1);
      let checked = 0;
      for (const section of sections) {
        const [title = "", ...body] = section.split("\n");
        // Sections rendered from test-only inputs or as fragments of a larger expression.
        if (/two deficit sets|from the inputs|band$/.test(title)) continue;
        expect(ran, `${name}: ${title}`).toContain(flat(body.join("\n")));
        checked++;
      }
      expect(checked).toBeGreaterThan(5);
    }
  });
});

// Counted as skipped, never as passed, with the reason in its name.
if (!hasJava) it.skip(`Trino identity suite SKIPPED: ${java}`, () => {});
