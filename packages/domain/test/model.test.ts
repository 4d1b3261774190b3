import { describe, expect, it } from "vitest";
import { code, codelist, normaliseCode } from "../src/codes.ts";
import { ALL_TABLES, dataDictionaryMarkdown } from "../src/dictionary.ts";
import { EXTRACT_SCHEMAS } from "../src/extract.ts";
import { REGISTER_CODES, REGISTER_NAMES } from "../src/registers.ts";

describe("clinical codes", () => {
  it("stores ICD-10 and OPCS-4 without the dot, upper case; other systems as given", () => {
    expect(normaliseCode("icd10", "i50.0")).toBe("I500");
    expect(normaliseCode("opcs4", "W37.1")).toBe("W371");
    expect(normaliseCode("snomedct", " 38341003 ")).toBe("38341003");
    expect(code("icd10", "E11.9")).toEqual({ system: "icd10", code: "E119" });
  });

  it("a codelist knows its system and holds normalised codes", () => {
    const list = codelist("test/hf", "icd10", ["I50.0", "I50.1", "I500"], { source: "test", version: "1" });
    expect(list.system).toBe("icd10");
    expect([...list.codes]).toEqual(["I500", "I501"]);
    expect(Object.isFrozen(list)).toBe(true);
  });
});

describe("warehouse model", () => {
  it("every table documents grain, source and every column", () => {
    const names = new Set<string>();
    for (const t of ALL_TABLES) {
      expect(names.has(t.name), `duplicate table ${t.name}`).toBe(false);
      names.add(t.name);
      expect(t.grain.length).toBeGreaterThan(5);
      expect(t.source.length).toBeGreaterThan(5);
      for (const c of t.columns) expect(c.description.length, `${t.name}.${c.name}`).toBeGreaterThan(3);
    }
  });

  it("holds no direct identifiers: no NHS number, name, address or full date of birth column", () => {
    for (const t of ALL_TABLES) {
      for (const c of t.columns) {
        expect(c.name).not.toMatch(
          /nhs|name_of_patient|forename|surname|address|postcode|date_of_birth|dob/i,
        );
      }
    }
  });

  it("every extract file loads into a table of the model", () => {
    const names = new Set(ALL_TABLES.map((t) => t.name));
    for (const s of EXTRACT_SCHEMAS) expect(names.has(s.target), s.name).toBe(true);
  });

  it("the data dictionary covers every table and column", () => {
    const md = dataDictionaryMarkdown();
    for (const t of ALL_TABLES) {
      expect(md).toContain(`## \`${t.name}\``);
      for (const c of t.columns) expect(md).toContain(`| \`${c.name}\` |`);
    }
  });

  it("names the twenty QOF registers", () => {
    expect(REGISTER_CODES).toHaveLength(20);
    for (const r of REGISTER_CODES) expect(REGISTER_NAMES[r]).toBeTruthy();
  });
});

describe("generated documentation", () => {
  it("docs/data-dictionary.md is current (regenerate with `npm run dictionary`)", async () => {
    const { readFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const path = join(import.meta.dirname, "..", "..", "..", "docs", "data-dictionary.md");
    expect(readFileSync(path, "utf8")).toBe(dataDictionaryMarkdown());
  });
});
