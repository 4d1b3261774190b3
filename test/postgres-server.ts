// A throwaway PostgreSQL 15 server for the integration tests: a temporary data directory,
// a free loopback port, trust authentication on loopback only, stopped and removed at the
// end. initdb refuses to run as root, so as root the server runs as the `postgres` user.
// `.ci/run` installs PostgreSQL 15 from Debian when it is absent.
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const BIN_DIRS = [process.env.BEVAN_PG_BIN, "/usr/lib/postgresql/15/bin"].filter(Boolean) as string[];

export function findPostgresBin(): string | null {
  return BIN_DIRS.find((d) => existsSync(join(d, "initdb")) && existsSync(join(d, "pg_ctl"))) ?? null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      const port = typeof address === "object" && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface PostgresServer {
  readonly url: string;
  stop(): void;
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = findPostgresBin();
  if (!bin)
    throw new Error(
      "PostgreSQL 15 is not installed (no initdb in /usr/lib/postgresql/15/bin): run `apt-get install -y postgresql-15` (as .ci/run does) or set BEVAN_PG_BIN",
    );
  const dir = mkdtempSync(join(tmpdir(), "bevan-pg-"));
  const data = join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args];
    execFileSync(file, argv, { stdio: "pipe" });
  };
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dir, uid, gid);
  }
  const port = await freePort();
  run(join(bin, "initdb"), ["-D", data, "-U", "bevan", "-A", "trust", "--no-sync", "-E", "UTF8"]);
  run(join(bin, "pg_ctl"), [
    "-D",
    data,
    "-w",
    "-l",
    join(dir, "server.log"),
    "-o",
    `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off`,
    "start",
  ]);
  return {
    url: `postgres://bevan@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run(join(bin, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
