// REFERENCE.md is generated from the source's doc comments; this golden test fails when the
// two drift. Set UPDATE_REFERENCE=1 to regenerate it on purpose and review the diff.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { renderReference } from "./reference-doc.ts";
import { readText } from "./vectors.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

it("REFERENCE.md matches the source documentation", () => {
  const generated = renderReference(path.join(root, "src"));
  const file = path.join(root, "REFERENCE.md");
  if (process.env.UPDATE_REFERENCE === "1") writeFileSync(file, generated);
  expect(readText(file)).toBe(generated);
});
