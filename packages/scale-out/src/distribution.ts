// Trino's server, fetched from Maven Central on first use into a cache outside the
// repository (BEVAN_TRINO_CACHE, else $XDG_CACHE_HOME/bevan/trino, else ~/.cache/bevan/trino):
// `io.trino:trino-server-core` (the engine, 194 MB) and the one connector Bevan uses,
// `io.trino:trino-hive` (258 MB), instead of the full trino-server tarball (821 MB, every
// connector). Each file is checked against Maven Central's SHA-1 before it is unpacked.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The newest trino-server-core that Maven Central serves here (it needs Java 24+). */
export const TRINO_VERSION = "476";
const CENTRAL = process.env.BEVAN_MAVEN_CENTRAL ?? "https://repo1.maven.org/maven2";

export function trinoCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BEVAN_TRINO_CACHE) return env.BEVAN_TRINO_CACHE;
  return join(env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "bevan", "trino");
}

export class TrinoDownloadError extends Error {
  constructor(what: string, cause: unknown) {
    super(
      `could not fetch ${what} from Maven Central (${cause instanceof Error ? cause.message : String(cause)}); check the network, or put an unpacked server in ${trinoCacheDir()}`,
      { cause },
    );
    this.name = "TrinoDownloadError";
  }
}

function artifactUrl(artifact: string, ext: string): string {
  return `${CENTRAL}/io/trino/${artifact}/${TRINO_VERSION}/${artifact}-${TRINO_VERSION}.${ext}`;
}

async function download(url: string, file: string, log: (m: string) => void): Promise<void> {
  const started = Date.now();
  let response: Response;
  let expected: string;
  try {
    const sha = await fetch(`${url}.sha1`);
    if (!sha.ok) throw new Error(`HTTP ${sha.status} for the checksum`);
    expected = (await sha.text()).trim().slice(0, 40);
    response = await fetch(url);
    if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
  } catch (error) {
    throw new TrinoDownloadError(url.split("/").pop() ?? url, error);
  }
  const size = Number(response.headers.get("content-length") ?? 0);
  log(`downloading ${url.split("/").pop()} (${Math.round(size / 1e6)} MB) from Maven Central`);
  const hash = createHash("sha1");
  const body = Readable.fromWeb(response.body as import("node:stream/web").ReadableStream);
  body.on("data", (chunk: Buffer) => hash.update(chunk));
  await pipeline(body, createWriteStream(file));
  const actual = hash.digest("hex");
  if (actual !== expected) {
    rmSync(file, { force: true });
    throw new TrinoDownloadError(url.split("/").pop() ?? url, new Error("checksum mismatch"));
  }
  log(`  ${Math.round(size / 1e6)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s, SHA-1 checked`);
}

/**
 * The directory of an unpacked Trino server with the Hive connector, fetching it first if the
 * cache lacks it. Safe to call from several processes at once: each unpacks into its own
 * folder and the first to finish is kept.
 */
export async function ensureTrino(
  javaHome: string,
  log: (message: string) => void = () => {},
  cache = trinoCacheDir(),
): Promise<string> {
  const home = join(cache, TRINO_VERSION, "server");
  if (existsSync(join(home, "plugin", "hive")) && existsSync(join(home, "bin", "launcher"))) return home;
  const work = join(cache, TRINO_VERSION, `unpacking-${process.pid}-${Date.now()}`);
  mkdirSync(work, { recursive: true });
  try {
    log(`Trino ${TRINO_VERSION} is not in ${cache} yet: fetching it once (later runs reuse it)`);
    const core = join(work, "core.tar.gz");
    const hive = join(work, "hive.zip");
    await download(artifactUrl("trino-server-core", "tar.gz"), core, log);
    await download(artifactUrl("trino-hive", "zip"), hive, log);
    await run("tar", ["-xzf", core, "-C", work]);
    const server = join(work, `trino-server-core-${TRINO_VERSION}`);
    // The JDK's own `jar` unpacks zips, so nothing beyond Java is needed.
    await run(join(javaHome, "bin", "jar"), ["xf", hive], { cwd: work });
    renameSync(join(work, `trino-hive-${TRINO_VERSION}`), join(server, "plugin", "hive"));
    rmSync(core);
    rmSync(hive);
    try {
      renameSync(server, home);
    } catch (error) {
      // Another process finished first: keep theirs.
      if (!existsSync(join(home, "plugin", "hive"))) throw error;
    }
    log(`Trino ${TRINO_VERSION} unpacked in ${home}`);
    return home;
  } finally {
    rmSync(work, { recursive: true, force: true });
    // Leftovers of interrupted runs.
    for (const name of readdirSync(join(cache, TRINO_VERSION)))
      if (name.startsWith("unpacking-") && !name.includes(`-${process.pid}-`)) {
        const pid = Number(name.split("-")[1]);
        if (!isAlive(pid)) rmSync(join(cache, TRINO_VERSION, name), { recursive: true, force: true });
      }
  }
}

export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
