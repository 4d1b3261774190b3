// `npm run bench -- --api [--persons N] [--duration S] [--connections C]`: a load test of the
// API on loopback only. Starts `bevan serve` on a built warehouse (demo users, PGlite state
// in a temporary folder), signs in as the demo roles, and runs autocannon against each
// endpoint in turn (C concurrent clients for S seconds), recording every response time.
// Prints p50/p95/p99 per endpoint and the error count; writes bench/results/<date>-api-<N>.json.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";

const root = join(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    db: { type: "string" },
    persons: { type: "string", default: "" },
    duration: { type: "string", default: "60" },
    connections: { type: "string", default: "50" },
    port: { type: "string", default: "8731" },
    // Only the endpoints whose name matches this regular expression (e.g. "population|prevalence").
    endpoints: { type: "string", default: "" },
    // Seconds before autocannon gives up on a response and counts an error.
    timeout: { type: "string", default: "10" },
  },
  allowPositionals: true,
  strict: false,
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const port = Number(values.port);
const timeout = Number(values.timeout);
const db = String(values.db);
const base = `http://127.0.0.1:${port}`;
const stateDir = mkdtempSync(join(tmpdir(), "bevan-bench-state-"));

const server = spawn(
  process.execPath,
  [
    join(root, "packages", "cli", "bin", "bevan.js"),
    "serve",
    "--db",
    db,
    "--port",
    String(port),
    "--host",
    "127.0.0.1",
    "--state",
    stateDir,
    "--demo-users",
  ],
  { stdio: ["ignore", "ignore", "pipe"] },
);
server.stderr.on("data", (d) => process.stderr.write(d));

async function waitReady() {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/api/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("server did not become ready");
}

async function signIn(username: string) {
  const res = await fetch(`${base}/api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: "demo" }),
  });
  if (!res.ok) throw new Error(`sign-in as ${username} failed: ${res.status}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)] as number;
}

async function load(name: string, path: string, cookie?: string) {
  if (!new RegExp(String(values.endpoints)).test(name)) return null;
  const times: number[] = [];
  const statuses = new Map<number, number>();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: `${base}${path}`, connections, duration, timeout, headers: cookie ? { cookie } : {} },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      times.push(responseTime);
      statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
    });
  });
  times.sort((a, b) => a - b);
  const ok = statuses.get(200) ?? 0;
  const row = {
    endpoint: name,
    requests: times.length,
    rps: Math.round(times.length / duration),
    p50ms: round(percentile(times, 50)),
    p95ms: round(percentile(times, 95)),
    p99ms: round(percentile(times, 99)),
    errors: result.errors + result.timeouts + (times.length - ok),
  };
  console.log(JSON.stringify(row));
  return row;
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

const loadBefore = loadavg().map((x) => Math.round(x * 100) / 100);
try {
  await waitReady();
  const analyst = await signIn("demo-analyst");
  const clinician = await signIn("demo-clinician");
  const commissioner = await signIn("demo-commissioner");
  const list = (await (
    await fetch(`${base}/api/patients?register=HYP&limit=50`, { headers: { cookie: clinician.cookie } })
  ).json()) as {
    rows: { personId: string }[];
  };
  const patient = list.rows[0]?.personId;
  const saved = await fetch(`${base}/api/cohorts`, {
    method: "POST",
    headers: { cookie: analyst.cookie, "x-csrf-token": analyst.csrf, "content-type": "application/json" },
    body: JSON.stringify({
      name: "bench",
      definition: {
        kind: "cohort",
        language: 1,
        name: "Hypertension and diabetes, 65+",
        population: "registered",
        criteria: {
          kind: "and",
          of: [
            { kind: "age", min: 65 },
            { kind: "register", register: "HYP" },
            { kind: "register", register: "DM" },
          ],
        },
      },
    }),
  });
  // A cohort the API refuses would make every request of its load test an error.
  if (!saved.ok) throw new Error(`saving the bench cohort failed: ${saved.status} ${await saved.text()}`);
  const cohortId = ((await saved.json()) as { cohortId: string }).cohortId;
  const rows = [];
  rows.push(await load("GET /api/summary (public)", "/api/summary"));
  rows.push(await load("GET /api/organisations (analyst)", "/api/organisations", analyst.cookie));
  rows.push(
    await load(
      "GET /api/population?breakdown=practice (commissioner)",
      "/api/population?breakdown=practice",
      commissioner.cookie,
    ),
  );
  rows.push(
    await load(
      "GET /api/prevalence?register=HYP&breakdown=practice (analyst)",
      "/api/prevalence?register=HYP&breakdown=practice",
      analyst.cookie,
    ),
  );
  rows.push(
    await load(
      "GET /api/patients?register=HYP&limit=50 (clinician, audited)",
      "/api/patients?register=HYP&limit=50",
      clinician.cookie,
    ),
  );
  rows.push(
    await load("GET /api/patients/:id (clinician, audited)", `/api/patients/${patient}`, clinician.cookie),
  );
  rows.push(
    await load(
      "GET /api/cohorts/:id/count?breakdown=practice (analyst)",
      `/api/cohorts/${cohortId}/count?breakdown=practice`,
      analyst.cookie,
    ),
  );
  const measured = rows.filter((r) => r !== null);
  console.table(measured);
  const report = {
    date: new Date().toISOString(),
    persons: values.persons ? Number(values.persons) : null,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? "",
      memoryGb: Math.round(totalmem() / 2 ** 30),
    },
    load: { connections, durationSeconds: duration, timeoutSeconds: timeout, host: "127.0.0.1" },
    // The machine is shared: 1, 5 and 15-minute load averages before and after the run.
    loadAverage: { before: loadBefore, after: loadavg().map((x) => Math.round(x * 100) / 100) },
    endpoints: measured,
  };
  const out = join(
    root,
    "bench",
    "results",
    `${report.date.slice(0, 10)}-api-${values.persons || "custom"}${connections === 50 ? "" : `-c${connections}`}${values.endpoints ? `-${String(values.endpoints).replace(/[^a-z0-9]+/gi, "-")}` : ""}.json`,
  );
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`written ${out}`);
} finally {
  server.kill("SIGTERM");
  await new Promise((r) => server.once("exit", r));
  rmSync(stateDir, { recursive: true, force: true });
}
