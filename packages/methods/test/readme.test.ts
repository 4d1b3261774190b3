// Runs every ```ts block in README.md, so the documented examples cannot drift from the code.
// Each block is written to a scratch folder inside the package (so "@bevan/methods" resolves
// through the workspace) and imported; its node:assert checks must pass.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { readText } from "./vectors.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const readme = readText(path.resolve(here, "..", "README.md"));
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);
const scratch = path.resolve(here, ".readme-examples");

describe("README examples", () => {
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("has examples", () => expect(blocks.length).toBeGreaterThanOrEqual(8));

  it.each(blocks.map((code, i) => [i + 1, code] as const))("example %i runs", async (i, code) => {
    mkdirSync(scratch, { recursive: true });
    const file = path.join(scratch, `example-${i}.ts`);
    writeFileSync(file, code);
    await import(file);
  });
});
