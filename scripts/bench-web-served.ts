// `npm run bench -- --only web`: serves a built warehouse (a copy of the app state beside it;
// demo users) on a spare port, waits until its analytics caches are warm, loads every page in
// chromium (scripts/bench-web.ts), then stops the server. Returns bench-web's exit status.
import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";

export async function benchWebServed(root: string, target: string, persons: number): Promise<number> {
  const port = 18_080;
  const server = spawn(
    process.execPath,
    [
      join(root, "packages", "cli", "bin", "bevan.js"),
      "serve",
      "--db",
      target,
      "--port",
      String(port),
      "--demo-users",
    ],
    { cwd: root, stdio: ["ignore", "inherit", "inherit"] },
  );
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    // Measured once the analytics caches are warm, as a server that has been up a while.
    const ready = await fetch(`${url}/api/ready`).then(
      async (r) => r.ok && ((await r.json()) as { caches?: string }).caches === "warm",
      () => false,
    );
    if (ready) break;
    if (Date.now() - started > 600_000 || server.exitCode !== null) {
      server.kill("SIGTERM");
      throw new Error("the server did not become ready within 10 minutes");
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  const out = join(root, "bench", "results", `${new Date().toISOString().slice(0, 10)}-${persons}-web.json`);
  const r = spawnSync(process.execPath, [join(root, "scripts", "bench-web.ts"), "--url", url, "--out", out], {
    cwd: root,
    stdio: "inherit",
  });
  server.kill("SIGTERM");
  return r.status ?? 1;
}
