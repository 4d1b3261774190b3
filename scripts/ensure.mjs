#!/usr/bin/env node
// Installs what a fresh clone is missing before `npm start` / `npm test` run.
// Plain JavaScript with no dependencies: it runs on whatever Node launched npm
// (possibly an old system Node) and makes sure the pinned Node 24 is in place.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const lock = join(root, "package-lock.json");
const installedLock = join(root, "node_modules", ".package-lock.json");
const pinnedNode = join(root, "node_modules", ".bin", "node");

function needsInstall() {
  if (!existsSync(installedLock) || !existsSync(pinnedNode)) return true;
  if (!existsSync(lock)) return false;
  return statSync(lock).mtimeMs > statSync(installedLock).mtimeMs;
}

function run(cmd, args) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`\nbevan setup: '${cmd} ${args.join(" ")}' failed (exit ${result.status}).`);
    console.error("Check your network access to the npm registry, then run the command again.");
    process.exit(result.status ?? 1);
  }
}

if (needsInstall()) {
  console.log("bevan setup: installing dependencies (first run only)…");
  // `npm install` rather than `npm ci`: it installs the locked versions too, and npm 11's
  // `ci` rejects lock files that list only this platform's optional binaries (Biome's).
  run("npm", ["install", "--no-audit", "--no-fund"]);
}

const version = spawnSync(pinnedNode, ["--version"], { encoding: "utf8" });
const major = Number(/^v(\d+)/.exec(version.stdout ?? "")?.[1]);
if (!(major >= 24)) {
  console.error(
    `bevan setup: the pinned Node (node_modules/.bin/node) is missing or too old (${version.stdout?.trim() || "not found"}).`,
  );
  console.error("Delete node_modules and run `npm start` again to reinstall it.");
  process.exit(1);
}
// System packages from Debian. The tests need PostgreSQL 15 (application state), chromium (the
// browser tests and PDF output; playwright-core drives it, no browser is downloaded) and
// poppler-utils (reading PDFs back); Maven (with Java) fetches the HL7/HAPI FHIR validator from
// Maven Central for the care plan export test (packages/care/validator). `npm test` runs `ensure.mjs test` and installs what is
// missing; `npm start` installs only chromium, for PDF output, and only where it can do so
// without asking for a password (as root) — elsewhere it says how, and serves without PDFs.
const SYSTEM_PACKAGES = [
  { name: "postgresql-15", check: "/usr/lib/postgresql/15/bin/initdb", env: "BEVAN_PG_BIN", start: false },
  { name: "chromium", check: "/usr/bin/chromium", env: "BEVAN_CHROMIUM", start: true },
  { name: "poppler-utils", check: "/usr/bin/pdftoppm", env: "BEVAN_POPPLER", start: false },
  { name: "maven", check: "/usr/bin/mvn", env: "BEVAN_MVN", start: false },
];
const testing = process.argv.includes("test");
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const wanted = SYSTEM_PACKAGES.filter((p) => testing || p.start);
const missing = wanted.filter((p) => !existsSync(p.check) && !process.env[p.env]);
if (missing.length > 0 && !testing && !isRoot) {
  console.log(
    `bevan setup: PDF output needs ${missing.map((p) => p.name).join(", ")} from Debian ` +
      `(sudo apt-get install ${missing.map((p) => p.name).join(" ")}); everything else works without it.`,
  );
} else if (missing.length > 0) {
  const names = missing.map((p) => p.name);
  const sudo = isRoot ? [] : ["sudo"];
  console.log(`bevan setup: installing ${names.join(", ")} from Debian${testing ? " for the tests" : ""}…`);
  const apt = (args) => {
    const [cmd, ...rest] = [...sudo, "apt-get", ...args];
    const r = spawnSync(cmd, rest, {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    if (r.status !== 0) {
      console.error(
        `bevan setup: could not install ${names.join(", ")}; install them with apt-get (as root), then run npm ${testing ? "test" : "start"} again.`,
      );
      if (testing) process.exit(r.status ?? 1);
    }
    return r.status === 0;
  };
  if (apt(["update", "-qq"])) apt(["install", "-y", "-qq", ...names]);
}

// The web application (packages/web) is served from its Vite build: build it when dist/ is
// missing or older than its sources, so a fresh clone's `npm start` serves the app.
const web = join(root, "packages", "web");
function newest(dir) {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}
if (existsSync(join(web, "package.json"))) {
  const built = join(web, "dist", "index.html");
  const sources = Math.max(
    newest(join(web, "src")),
    statSync(join(web, "index.html")).mtimeMs,
    statSync(join(web, "vite.config.ts")).mtimeMs,
  );
  if (!existsSync(built) || statSync(built).mtimeMs < sources) {
    console.log("bevan setup: building the web application (vite build)…");
    const r = spawnSync(
      pinnedNode,
      [
        join(root, "node_modules", "vite", "bin", "vite.js"),
        "build",
        "--config",
        join(web, "vite.config.ts"),
        "--logLevel",
        "warn",
      ],
      { cwd: root, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } },
    );
    if (r.status !== 0) {
      console.error("bevan setup: the web application did not build; see the messages above.");
      process.exit(r.status ?? 1);
    }
  }
}

const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
if (process.env.BEVAN_SETUP_VERBOSE)
  console.log(`bevan setup: ${pkg.name} ready on Node ${version.stdout.trim()}`);
