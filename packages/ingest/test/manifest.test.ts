// The published manifest schema: it names exactly the extract files Bevan defines, and the
// validator built on it accepts a good manifest and explains what is wrong with a bad one.
import { EXTRACT_SCHEMAS } from "@bevan/domain";
import { describe, expect, it } from "vitest";
import { MANIFEST_SCHEMA, validateManifest } from "../src/manifest.ts";

const good = {
  format: "bevan-extract",
  formatVersion: "1",
  generatedBy: "a test",
  extractDate: "2026-03-31",
  files: [
    { name: "patients", file: "patients.csv", version: "1", rows: 3 },
    { name: "gp_events", file: "events.csv", version: "1" },
  ],
};

describe("extract manifest schema", () => {
  it("lists exactly the extract files of packages/domain", () => {
    const items = (
      MANIFEST_SCHEMA.properties as { files: { items: { properties: { name: { enum: string[] } } } } }
    ).files.items.properties.name.enum;
    expect([...items].sort()).toEqual(EXTRACT_SCHEMAS.map((s) => s.name).sort());
  });

  it("accepts a valid manifest", () => {
    expect(validateManifest(good)).toEqual([]);
  });

  it("names each problem: wrong format, bad date, unknown file, a path, a duplicate, missing version", () => {
    const problems = validateManifest({
      ...good,
      format: "csv",
      extractDate: "31/03/2026",
      files: [
        { name: "patients", file: "patients.csv", version: "1" },
        { name: "patients", file: "p2.csv", version: "1" },
        { name: "lab_results", file: "x.csv", version: "1" },
        { name: "deaths", file: "../deaths.csv", version: "1" },
        { name: "gp_events", file: "e.csv" },
      ],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/"format" must be equal to constant "bevan-extract"/),
        expect.stringMatching(/"extractDate" must match pattern/),
        expect.stringMatching(
          /"files.2.name" must be equal to one of the allowed values: one of organisations, /,
        ),
        expect.stringMatching(/"files.3.file" must match pattern/),
        expect.stringMatching(/"files.4" must have required property 'version'/),
        expect.stringMatching(/"files.1": patients is listed twice/),
      ]),
    );
    expect(problems).toHaveLength(6);
  });

  it("rejects what is not an object, and an empty file list", () => {
    expect(validateManifest(null)).toEqual(["the manifest must be object"]);
    expect(validateManifest({ ...good, files: [] })).toEqual(['"files" must NOT have fewer than 1 items']);
  });
});
