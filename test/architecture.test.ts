// Dependencies point one way (ARCHITECTURE.md): this test reads every package's imports
// and fails on an import the layering does not allow or package.json does not declare.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./paths.ts";

/** What each package may import from Bevan. */
const ALLOWED: Record<string, readonly string[]> = {
  domain: [],
  methods: [],
  engine: ["domain"],
  synth: ["domain"],
  ingest: ["domain", "engine"],
  models: ["methods"],
  allocation: ["methods", "models"],
  diagnostics: ["domain", "methods"],
  finance: ["methods"],
  "finance-query": ["engine", "query", "finance"],
  "diagnostics-query": ["domain", "engine", "query", "methods", "diagnostics"],
  clinical: ["domain", "engine"],
  build: ["domain", "engine", "clinical"],
  query: ["domain", "engine", "clinical", "methods"],
  state: [],
  care: ["state"],
  "care-query": ["domain", "engine", "query"],
  reports: [],
  worklists: ["query"],
  api: [
    "domain",
    "engine",
    "query",
    "methods",
    "state",
    "reports",
    "resources",
    "allocation",
    "diagnostics",
    "diagnostics-query",
    "worklists",
    "finance",
    "finance-query",
    "care",
    "care-query",
  ],
  client: ["api"],
  web: ["client"],
  risk: ["domain", "engine", "clinical", "build", "ingest", "models"],
  realism: ["domain", "engine", "clinical", "methods", "synth"],
  resources: ["domain", "engine", "query", "methods", "risk", "models", "allocation"],
  "scale-out": ["domain", "engine"],
  cli: [
    "domain",
    "engine",
    "synth",
    "ingest",
    "clinical",
    "build",
    "query",
    "api",
    "methods",
    "risk",
    "realism",
    "state",
    "scale-out",
    "reports",
    "resources",
    "allocation",
    "diagnostics",
    "diagnostics-query",
    "worklists",
    "finance",
    "finance-query",
    "care",
  ],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(p) ? [p] : [];
  });
}

const packages = readdirSync(join(REPO_ROOT, "packages")).filter((p) =>
  statSync(join(REPO_ROOT, "packages", p)).isDirectory(),
);

describe("architecture", () => {
  it("every package is placed in the layering", () => {
    expect(packages.sort()).toEqual(Object.keys(ALLOWED).sort());
  });

  for (const pkg of packages) {
    it(`${pkg} imports only what the layering allows, and declares it`, () => {
      const root = join(REPO_ROOT, "packages", pkg);
      const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
      const declared = new Set(Object.keys({ ...manifest.dependencies }));
      for (const file of sourceFiles(join(root, "src"))) {
        const text = readFileSync(file, "utf8");
        for (const m of text.matchAll(/from "@bevan\/([a-z-]+)"/g)) {
          const dep = m[1] ?? "";
          expect(ALLOWED[pkg], `${file} imports @bevan/${dep}`).toContain(dep);
          expect(declared.has(`@bevan/${dep}`), `${pkg}/package.json must declare @bevan/${dep}`).toBe(true);
        }
        for (const m of text.matchAll(/from "(\.{1,2}\/[^"]*)"/g)) {
          const target = resolve(dirname(file), m[1] ?? "");
          if (!target.startsWith(root + sep))
            expect.fail(`${file} reaches into another package by path (${m[0]}); import it by name`);
        }
      }
    });
  }

  it("the clinical scores do no I/O", () => {
    for (const file of sourceFiles(join(REPO_ROOT, "packages", "clinical", "src", "scores"))) {
      expect(readFileSync(file, "utf8"), file).not.toMatch(/from "node:/);
    }
  });

  it("the methods library does no I/O", () => {
    for (const file of sourceFiles(join(REPO_ROOT, "packages", "methods", "src"))) {
      expect(readFileSync(file, "utf8"), file).not.toMatch(/from "node:(fs|net|http|https|child_process)"/);
    }
  });

  it("no engine-specific SQL outside the dialect layer: read_csv and regexp_full_match live in dialects", () => {
    for (const pkg of packages) {
      for (const file of sourceFiles(join(REPO_ROOT, "packages", pkg, "src"))) {
        if (file.includes(join("engine", "src", "dialect"))) continue;
        expect(readFileSync(file, "utf8"), file).not.toMatch(/read_csv\(|regexp_full_match|regexp_like\(/);
      }
    }
  });
});
