// docs/cohort-language.md is generated from the spec tests and must be current; the published
// JSON Schema file must equal the schema the validator uses.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { COHORT_SCHEMA } from "../src/cohort/schema.ts";
import { renderLanguageDocs } from "./spec/render-docs.ts";

const ROOT = join(import.meta.dirname, "..", "..", "..");

function current(path: string, text: string) {
  if (process.env.UPDATE_GOLDEN) writeFileSync(path, text);
  expect(readFileSync(path, "utf8"), `${path} is stale: regenerate with UPDATE_GOLDEN=1`).toBe(text);
}

it("docs/cohort-language.md is generated from the spec tests and is current", () => {
  current(join(ROOT, "docs", "cohort-language.md"), renderLanguageDocs());
});

it("packages/query/cohort.schema.json is the validator's schema", () => {
  current(
    join(ROOT, "packages", "query", "cohort.schema.json"),
    `${JSON.stringify(COHORT_SCHEMA, null, 2)}\n`,
  );
});
