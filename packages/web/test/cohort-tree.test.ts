// The cohort builder's model against the shipped definitions: every example cohort
// (packages/query/examples) and every worklist (packages/worklists/cohorts) opens in the form
// with a field for every property (no JSON fallback), and editing then undoing a value leaves
// the definition identical to the file; the tree operations keep what they do not touch;
// whatever the form builds is valid cohort language (the language's own validator).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateCohort } from "../../query/src/cohort/validate.ts";
import {
  appendTo,
  asGroup,
  formCovers,
  KINDS,
  moveAt,
  type Node,
  nodeAt,
  parseDefinition,
  pointer,
  removeAt,
  replaceAt,
  toggleNot,
  walk,
} from "../src/lib/cohort-tree.ts";

const dirs = [
  join(__dirname, "..", "..", "query", "examples"),
  join(__dirname, "..", "..", "worklists", "cohorts"),
];
const shipped = dirs.flatMap((d) =>
  readdirSync(d)
    .filter((f) => f.endsWith(".json"))
    .map((f) => ({ file: f, text: readFileSync(join(d, f), "utf8") })),
);

describe("every shipped cohort opens, edits and saves in the form unchanged", () => {
  it("finds the shipped definitions", () => expect(shipped.length).toBeGreaterThanOrEqual(18));

  for (const { file, text } of shipped)
    it(file, () => {
      const parsed = parseDefinition(text);
      if ("problem" in parsed) throw new Error(parsed.problem);
      const def = parsed.definition;
      const original = JSON.parse(text);
      for (const { node, path } of walk(def.criteria)) {
        expect(formCovers(node), `${file} ${pointer(def.criteria, path)} (${node.kind})`).toBe(true);
        // An edit and its undo, as a field would make them: replace the node, then put it back.
        const edited = replaceAt(def.criteria, path, { ...node, edited: true });
        expect(nodeAt(edited, path)).toMatchObject({ edited: true });
        const undone = replaceAt(edited, path, node);
        expect({ ...def, criteria: undone }).toEqual(original);
        // Exclude and include again.
        if (path.length > 0) expect(toggleNot(toggleNot(node))).toEqual(node);
      }
      // What the form saves is the definition as it stands.
      expect(validateCohort(def)).toEqual(original);
    });
});

describe("tree operations", () => {
  const root: Node = {
    kind: "and",
    of: [
      { kind: "age", min: 65 },
      { kind: "not", of: { kind: "register", register: "PC" } },
      { kind: "or", of: [{ kind: "flag", flag: "care_home" }] },
    ],
  };
  it("adds, moves and removes criteria without touching the others", () => {
    const added = appendTo(root, [2], { kind: "sex", in: ["F"] });
    expect(nodeAt(added, [2, 1])).toEqual({ kind: "sex", in: ["F"] });
    expect(nodeAt(added, [0])).toBe(nodeAt(root, [0]));
    const moved = moveAt(root, [1], -1);
    expect((moved.of as Node[]).map((n) => n.kind)).toEqual(["not", "age", "or"]);
    expect(moveAt(moved, [0], 1)).toEqual(root);
    const of = root.of as Node[];
    expect(removeAt(root, [1, 0])).toEqual({ ...root, of: [of[0], { kind: "everyone" }, of[2]] });
    expect(removeAt(root, [])).toEqual({ kind: "everyone" });
  });
  it("points at nodes as the API's validation does", () => {
    expect(pointer(root, [1, 0])).toBe("/criteria/of/1/of");
    expect(pointer(root, [2, 0])).toBe("/criteria/of/2/of/0");
  });
  it("makes a lone criterion a group to add to", () => {
    expect(asGroup({ kind: "age", min: 1 })).toEqual({ kind: "and", of: [{ kind: "age", min: 1 }] });
    expect(asGroup({ kind: "everyone" })).toEqual({ kind: "and", of: [] });
  });
  it("every kind the form offers starts as valid cohort language the form covers", () => {
    for (const k of KINDS) {
      const node = k.make();
      expect(formCovers(node), k.kind).toBe(true);
      // These start empty for the user to fill in (a group needs a criterion, a code set codes…).
      if (["saved_cohort", "organisation", "lsoa", "events", "and", "or"].includes(k.kind)) continue;
      const def = { kind: "cohort", language: 1, name: "t", population: "registered", criteria: node };
      expect(() => validateCohort(def), k.kind).not.toThrow();
    }
  });
  it("says what is wrong with pasted text", () => {
    expect(parseDefinition("{")).toMatchObject({ problem: expect.stringContaining("not JSON") });
    expect(parseDefinition("[]")).toMatchObject({ problem: expect.stringContaining("object") });
    expect(parseDefinition('{"kind":"cohort"}')).toMatchObject({
      problem: expect.stringContaining("criteria"),
    });
  });
});
