// The fields of each kind of criterion: every property the cohort language gives a criterion
// has a control here (cohort-tree.ts's formCovers says which nodes these cover).
import type { OrgNode } from "@bevan/client";
import {
  ACTIVITIES,
  ETHNICITIES,
  FLAGS,
  type Json,
  type Node,
  OPS,
  ORG_LEVELS,
  SCORES,
  SERVICES,
  SEXES,
  words,
} from "../../lib/cohort-tree.ts";
import { CodeSetField, WindowField } from "./code-set-field.tsx";
import { CheckboxGroup, NumberField, Row, SelectField, TextField, withProp } from "./fields.tsx";

export interface EditorContext {
  readonly registers: readonly { code: string; name: string }[];
  readonly cohorts: readonly { id: string; name: string; latestVersion: number }[];
  readonly tree: readonly OrgNode[];
}

function orgsAt(tree: readonly OrgNode[], level: string): [string, string][] {
  const out: [string, string][] = [];
  const walk = (nodes: readonly OrgNode[]) => {
    for (const n of nodes) {
      if (n.level === level) out.push([n.code, `${n.name} (${n.code})`]);
      walk(n.children);
    }
  };
  walk(tree);
  return out;
}

export function CriterionFields({
  id,
  node,
  onChange,
  ctx,
}: {
  id: string;
  node: Node;
  onChange: (n: Node) => void;
  ctx: EditorContext;
}) {
  const set = (key: string) => (v: Json | undefined) => onChange(withProp(node, key, v));
  switch (node.kind) {
    case "age":
      return (
        <Row>
          <NumberField
            id={`${id}-min`}
            label="From age"
            step="1"
            optional
            value={node.min}
            onChange={set("min")}
          />
          <NumberField
            id={`${id}-max`}
            label="To age"
            step="1"
            optional
            value={node.max}
            onChange={set("max")}
          />
        </Row>
      );
    case "sex":
      return (
        <CheckboxGroup
          id={id}
          legend="Sex (any of)"
          options={SEXES}
          value={node.in as string[]}
          onChange={set("in")}
        />
      );
    case "ethnicity":
      return (
        <CheckboxGroup
          id={id}
          legend="Ethnic group (any of)"
          options={ETHNICITIES.map((e) => [e, e] as const)}
          value={node.in as string[]}
          onChange={set("in")}
        />
      );
    case "flag":
      return (
        <SelectField
          id={`${id}-flag`}
          label="Who"
          value={node.flag as string}
          options={FLAGS}
          onChange={set("flag")}
        />
      );
    case "imd": {
      const top = node.scale === "decile" ? 10 : 5;
      const opts = Array.from({ length: top }, (_, i) => [String(i + 1), String(i + 1)] as const);
      return (
        <Row>
          <SelectField
            id={`${id}-scale`}
            label="Scale"
            value={node.scale as string}
            options={[
              ["quintile", "Quintile (fifths)"],
              ["decile", "Decile (tenths)"],
            ]}
            onChange={(s) => onChange({ ...node, scale: s, min: 1, max: 1 })}
          />
          <SelectField
            id={`${id}-min`}
            label="From (1 = most deprived)"
            value={String(node.min)}
            options={opts}
            onChange={(v) => onChange({ ...node, min: Number(v) })}
          />
          <SelectField
            id={`${id}-max`}
            label="To"
            value={String(node.max)}
            options={opts}
            onChange={(v) => onChange({ ...node, max: Number(v) })}
          />
        </Row>
      );
    }
    case "organisation":
      return (
        <>
          <SelectField
            id={`${id}-level`}
            label="Level"
            value={node.level as string}
            options={ORG_LEVELS}
            onChange={(l) => onChange({ ...node, level: l, in: [] })}
          />
          <CheckboxGroup
            id={`${id}-orgs`}
            legend="Registered at (any of)"
            options={orgsAt(ctx.tree, node.level as string)}
            value={node.in as string[]}
            onChange={set("in")}
            scroll
          />
        </>
      );
    case "lsoa":
      return (
        <TextField
          id={`${id}-lsoas`}
          label="LSOA codes (2021), separated by spaces or commas"
          value={(node.in as string[]).join(", ")}
          onChange={(v) => set("in")(v.split(/[\s,]+/).filter(Boolean))}
          wide
        />
      );
    case "register":
      return (
        <SelectField
          id={`${id}-register`}
          label="Register"
          value={node.register as string}
          options={ctx.registers.map((r) => [r.code, r.name] as const)}
          onChange={set("register")}
        />
      );
    case "register_count":
      return (
        <>
          <NumberField
            id={`${id}-atLeast`}
            label="At least this many"
            step="1"
            min={1}
            value={node.atLeast}
            onChange={set("atLeast")}
          />
          <CheckboxGroup
            id={`${id}-registers`}
            legend="Of these registers"
            options={ctx.registers.map((r) => [r.code, r.name] as const)}
            value={node.registers as string[]}
            onChange={set("registers")}
          />
        </>
      );
    case "events": {
      const meds = node.source === "medications";
      const test = node.test as Node;
      return (
        <>
          <Row>
            <SelectField
              id={`${id}-source`}
              label="Look in"
              value={node.source as string}
              options={[
                ["gp", "The GP record (diagnoses, tests, procedures)"],
                ["medications", "Medicines issued"],
              ]}
              onChange={(s) =>
                onChange(
                  withProp(
                    {
                      ...node,
                      source: s,
                      codes: { kind: "codes", system: s === "medications" ? "dmd" : "snomedct", codes: [] },
                    },
                    "issuedBy",
                    undefined,
                  ),
                )
              }
            />
            {meds && (
              <SelectField
                id={`${id}-issuer`}
                label="Issued by"
                value={(node.issuedBy as string | undefined) ?? ""}
                options={[
                  ["", "Anyone"],
                  ["primary_care", "A GP practice"],
                  ["secondary_care", "A hospital or trust"],
                ]}
                onChange={(v) => set("issuedBy")(v || undefined)}
              />
            )}
          </Row>
          <CodeSetField
            id={`${id}-codes`}
            label={meds ? "Medicines (a drug or a class)" : "Codes"}
            value={node.codes as Node}
            onChange={set("codes")}
            defaultSystem={meds ? "dmd" : "snomedct"}
          />
          <WindowField
            id={`${id}-window`}
            label="When"
            value={node.window as Node}
            onChange={set("window")}
          />
          <Row>
            <SelectField
              id={`${id}-test`}
              label="Test"
              value={test.kind as string}
              options={[
                ["exists", "At least once"],
                ["count", "At least this many times"],
                ["first", "For the first time within…"],
                ["latest", "Most recently within…"],
              ]}
              onChange={(k) =>
                set("test")(
                  k === "count"
                    ? { kind: "count", atLeast: 2 }
                    : k === "first" || k === "latest"
                      ? {
                          kind: k,
                          within: {
                            kind: "window",
                            from: { kind: "offset", n: -12, unit: "months" },
                            to: { kind: "offset", n: 0, unit: "days" },
                          },
                        }
                      : { kind: "exists" },
                )
              }
            />
            {test.kind === "count" && (
              <NumberField
                id={`${id}-times`}
                label="Times"
                step="1"
                min={1}
                value={test.atLeast}
                onChange={(n) => set("test")({ ...test, atLeast: n ?? 1 })}
              />
            )}
          </Row>
          {(test.kind === "first" || test.kind === "latest") && (
            <WindowField
              id={`${id}-within`}
              label={test.kind === "first" ? "The first one falls" : "The latest one falls"}
              value={test.within as Node}
              onChange={(w) => set("test")({ ...test, within: w })}
            />
          )}
        </>
      );
    }
    case "latest_value":
      return (
        <>
          <CodeSetField
            id={`${id}-codes`}
            label="Test or measurement"
            value={node.codes as Node}
            onChange={set("codes")}
            defaultSystem="snomedct"
          />
          <Row>
            <SelectField
              id={`${id}-op`}
              label="Latest value is"
              value={node.op as string}
              options={OPS}
              onChange={set("op")}
            />
            <NumberField
              id={`${id}-value`}
              label="Value"
              value={node.value}
              onChange={(n) => set("value")(n ?? 0)}
            />
          </Row>
          <WindowField
            id={`${id}-window`}
            label="Latest value in"
            value={node.window as Node}
            onChange={set("window")}
          />
        </>
      );
    case "distinct_medicines":
      return (
        <>
          <NumberField
            id={`${id}-atLeast`}
            label="At least this many different medicines"
            step="1"
            min={1}
            value={node.atLeast}
            onChange={set("atLeast")}
          />
          <WindowField
            id={`${id}-window`}
            label="Issued"
            value={node.window as Node}
            onChange={set("window")}
          />
          {node.codes === undefined ? (
            <button
              type="button"
              className="bevan-link-button"
              onClick={() => set("codes")({ kind: "codes", system: "dmd", codes: [] })}
            >
              Count only medicines of a class
            </button>
          ) : (
            <>
              <CodeSetField
                id={`${id}-codes`}
                label="Only these medicines"
                value={node.codes as Node}
                onChange={set("codes")}
                defaultSystem="dmd"
              />
              <button type="button" className="bevan-link-button" onClick={() => set("codes")(undefined)}>
                Count every medicine
              </button>
            </>
          )}
        </>
      );
    case "hospital_activity":
      return (
        <>
          <Row>
            <SelectField
              id={`${id}-activity`}
              label="Activity"
              value={node.activity as string}
              options={ACTIVITIES}
              onChange={set("activity")}
            />
            <NumberField
              id={`${id}-atLeast`}
              label="At least"
              step="1"
              min={1}
              value={node.atLeast}
              onChange={set("atLeast")}
            />
          </Row>
          <WindowField
            id={`${id}-window`}
            label="When"
            value={node.window as Node}
            onChange={set("window")}
          />
        </>
      );
    case "social_care":
      return (
        <>
          <CheckboxGroup
            id={`${id}-services`}
            legend="Services (any of)"
            options={SERVICES}
            value={node.services as string[]}
            onChange={set("services")}
          />
          <WindowField
            id={`${id}-window`}
            label="Active"
            value={node.window as Node}
            onChange={set("window")}
          />
        </>
      );
    case "score": {
      const info = SCORES.find((s) => s.score === node.score);
      return (
        <>
          <Row>
            <SelectField
              id={`${id}-score`}
              label="Score"
              value={node.score as string}
              options={SCORES.map((s) => [s.score, s.label] as const)}
              onChange={(s) => onChange({ kind: "score", score: s })}
            />
            <NumberField
              id={`${id}-min`}
              label="From"
              optional
              value={node.min}
              onChange={set("min")}
              suffix={info?.unit}
            />
            <NumberField
              id={`${id}-max`}
              label="To"
              optional
              value={node.max}
              onChange={set("max")}
              suffix={info?.unit}
            />
          </Row>
          {(info?.bands.length ?? 0) > 0 || node.bands !== undefined ? (
            <CheckboxGroup
              id={`${id}-bands`}
              legend="Band (any of; none ticked: any band)"
              options={(info?.bands ?? []).map((b) => [b, words(b)] as const)}
              value={(node.bands as string[] | undefined) ?? []}
              onChange={(b) => set("bands")(b.length ? b : undefined)}
            />
          ) : null}
        </>
      );
    }
    case "saved_cohort":
      return (
        <Row>
          <SelectField
            id={`${id}-cohort`}
            label="Saved cohort"
            value={node.id as string}
            options={[["", "Choose a cohort"], ...ctx.cohorts.map((c) => [c.id, c.name] as const)]}
            onChange={(c) =>
              onChange({ ...node, id: c, version: ctx.cohorts.find((x) => x.id === c)?.latestVersion ?? 1 })
            }
          />
          <NumberField
            id={`${id}-version`}
            label="Version"
            step="1"
            min={1}
            value={node.version}
            onChange={(v) => set("version")(v ?? 1)}
          />
        </Row>
      );
    default:
      return null;
  }
}
