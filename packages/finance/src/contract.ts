// Outcome-based contracts (seed 002: "thirty percent of the contract value being contingent on
// the network … achieving a set of overall diabetes outcomes indicators"). A contract names the
// parties (primary care networks or practices), its value, the contingent share and its
// indicators — each a numerator and a denominator cohort, a threshold or a scale, and a weight.
// Given each party's counts, Bevan computes each achievement with its 95% Wilson interval, the
// payment earned, and — by simulation from each achievement's uncertainty (a Jeffreys beta
// posterior) — the range of payment a party should expect from noise alone, with the chance
// that its underlying achievement meets each threshold. The file format has a published JSON
// Schema (`packages/finance/contract.schema.json`).
import { wilsonLower, wilsonUpper } from "@bevan/methods";
import { Ajv2020 } from "ajv/dist/2020.js";
import { Random, streamOf } from "./random.ts";
import { type Summary, summarise } from "./summary.ts";

export interface ContractIndicator {
  readonly id: string;
  readonly name: string;
  /** Cohort-language definitions: the denominator, and the numerator (counted among the denominator). */
  readonly denominator: unknown;
  readonly numerator: unknown;
  /**
   * How achievement earns: `threshold` pays all of the indicator's share at or above it and
   * nothing below; `scale` pays nothing at or below `from`, all at or above `to`, in a straight
   * line between (the QOF habit).
   */
  readonly threshold?: number;
  readonly scale?: { readonly from: number; readonly to: number };
  /** Share of the contingent value (weights add to 1). */
  readonly weight: number;
}

export interface Contract {
  readonly name: string;
  readonly description?: string;
  /** The parties: every PCN (or practice) in the caller's scope, or the codes listed. */
  readonly parties: { readonly level: "pcn" | "practice"; readonly codes?: readonly string[] };
  /** The contract's value over its year (£), divided between the parties by registered list size. */
  readonly value: number;
  /** Share of the value contingent on the indicators (0.3 = 30%). */
  readonly contingentShare: number;
  readonly indicators: readonly ContractIndicator[];
  readonly runs?: number;
  readonly seed?: number;
}

const indicatorSchema = {
  type: "object",
  properties: {
    id: { type: "string", pattern: "^[a-z0-9-]{1,40}$" },
    name: { type: "string", minLength: 1, maxLength: 200 },
    denominator: { type: "object", description: "A cohort-language definition (docs/cohort-language.md)" },
    numerator: {
      type: "object",
      description: "A cohort-language definition, counted among the denominator's people",
    },
    threshold: { type: "number", minimum: 0, maximum: 1 },
    scale: {
      type: "object",
      properties: {
        from: { type: "number", minimum: 0, maximum: 1 },
        to: { type: "number", minimum: 0, maximum: 1 },
      },
      required: ["from", "to"],
      additionalProperties: false,
    },
    weight: { type: "number", exclusiveMinimum: 0, maximum: 1 },
  },
  required: ["id", "name", "denominator", "numerator", "weight"],
  oneOf: [{ required: ["threshold"] }, { required: ["scale"] }],
  additionalProperties: false,
} as const;

export const CONTRACT_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://bevan.health/schemas/contract.schema.json",
  title: "Bevan outcome-based contract",
  description: "Parties, value, contingent share and indicators; see docs/business-cases.md.",
  type: "object",
  properties: {
    name: { type: "string", minLength: 1, maxLength: 200 },
    description: { type: "string", maxLength: 4000 },
    parties: {
      type: "object",
      properties: {
        level: { enum: ["pcn", "practice"] },
        codes: {
          type: "array",
          items: { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9-]{0,19}$" },
          maxItems: 500,
        },
      },
      required: ["level"],
      additionalProperties: false,
    },
    value: { type: "number", minimum: 0 },
    contingentShare: { type: "number", minimum: 0, maximum: 1 },
    indicators: { type: "array", items: indicatorSchema, minItems: 1, maxItems: 20 },
    runs: { type: "integer", minimum: 100, maximum: 100000 },
    seed: { type: "integer", minimum: 0, maximum: 4294967295 },
  },
  required: ["name", "parties", "value", "contingentShare", "indicators"],
  additionalProperties: false,
} as const;

export class ContractValidationError extends Error {
  readonly issues: readonly { path: string; message: string }[];
  constructor(issues: readonly { path: string; message: string }[]) {
    super(
      `the contract is not valid:\n${issues.map((i) => `  at ${i.path || "/"}: ${i.message}`).join("\n")}`,
    );
    this.name = "ContractValidationError";
    this.issues = issues;
  }
}

const check = new Ajv2020({ allErrors: true, strict: false }).compile(CONTRACT_SCHEMA);

export function validateContract(input: unknown): Contract {
  if (!check(input))
    throw new ContractValidationError(
      (check.errors ?? []).map((e) => ({
        path: e.instancePath,
        message:
          e.keyword === "additionalProperties"
            ? `unknown field '${String((e.params as { additionalProperty: string }).additionalProperty)}'`
            : e.keyword === "oneOf"
              ? "give either 'threshold' or 'scale'"
              : (e.message ?? "is not valid"),
      })),
    );
  const c = input as Contract;
  const issues: { path: string; message: string }[] = [];
  const total = c.indicators.reduce((s, i) => s + i.weight, 0);
  if (Math.abs(total - 1) > 1e-9)
    issues.push({ path: "/indicators", message: `the weights add to ${total}, not 1` });
  const ids = new Set<string>();
  c.indicators.forEach((i, k) => {
    if (ids.has(i.id)) issues.push({ path: `/indicators/${k}/id`, message: `'${i.id}' is used twice` });
    ids.add(i.id);
    if (i.scale && !(i.scale.from < i.scale.to))
      issues.push({ path: `/indicators/${k}/scale`, message: "'from' must be below 'to'" });
  });
  if (issues.length) throw new ContractValidationError(issues);
  return c;
}

/** The share of an indicator's money earned at an achievement. */
export function earnedShare(i: Pick<ContractIndicator, "threshold" | "scale">, achievement: number): number {
  if (i.scale) {
    const { from, to } = i.scale;
    return Math.min(1, Math.max(0, (achievement - from) / (to - from)));
  }
  return achievement >= (i.threshold ?? 0) ? 1 : 0;
}

/** One party's counts for one indicator: published figures (null when withheld). */
export interface IndicatorCounts {
  readonly numerator: number | null;
  readonly denominator: number | null;
}

export interface PartyInput {
  readonly code: string;
  readonly name: string;
  /** Registered list size (divides the value), as published. */
  readonly listSize: number | null;
  readonly counts: Readonly<Record<string, IndicatorCounts>>;
}

export interface IndicatorResult {
  readonly id: string;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly achievement: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  /** Share of the indicator's money earned on the achievement as measured. */
  readonly earned: number | null;
  /** The chance that the underlying achievement earns the threshold (or the top of the scale). */
  readonly probabilityMet: number | null;
}

export interface PartyResult {
  readonly code: string;
  readonly name: string;
  readonly listSize: number | null;
  /** The party's share of the value, and of it the contingent part. */
  readonly value: number | null;
  readonly contingent: number | null;
  /** Payment earned on the achievements as measured (£). */
  readonly earned: number | null;
  /** The payment the party should expect from noise alone: P10/P50/P90 and mean over the runs. */
  readonly expected: Summary | null;
  readonly indicators: readonly IndicatorResult[];
}

export interface ContractResult {
  readonly name: string;
  readonly runs: number;
  readonly seed: number;
  readonly value: number;
  readonly contingentShare: number;
  readonly parties: readonly PartyResult[];
  readonly totalEarned: number;
}

/**
 * Evaluates a contract on each party's published counts: achievement with its 95% Wilson
 * interval, the payment earned, and the payment to expect from the achievements' uncertainty
 * (each run draws every achievement from Beta(n + ½, d − n + ½), Jeffreys' posterior).
 */
export function evaluateContract(c: Contract, parties: readonly PartyInput[]): ContractResult {
  const runs = c.runs ?? 10_000;
  const seed = c.seed ?? 1;
  const lists = parties.map((p) => p.listSize ?? 0);
  const totalList = lists.reduce((s, x) => s + x, 0);
  const out: PartyResult[] = parties.map((p) => {
    const value = p.listSize === null || totalList === 0 ? null : (c.value * p.listSize) / totalList;
    const contingent = value === null ? null : value * c.contingentShare;
    const indicators: IndicatorResult[] = [];
    const draws = new Float64Array(runs);
    let complete = contingent !== null;
    for (const ind of c.indicators) {
      const k = p.counts[ind.id] ?? { numerator: null, denominator: null };
      const n = k.numerator;
      const d = k.denominator;
      if (n === null || d === null || d <= 0 || n > d) {
        complete = false;
        indicators.push({
          id: ind.id,
          numerator: n,
          denominator: d,
          achievement: null,
          lower: null,
          upper: null,
          earned: null,
          probabilityMet: null,
        });
        continue;
      }
      const rng = new Random(seed, streamOf(`${p.code}|${ind.id}`));
      const bar = ind.scale ? ind.scale.to : (ind.threshold ?? 0);
      let met = 0;
      for (let r = 0; r < runs; r++) {
        const x = rng.gamma(n + 0.5);
        const y = rng.gamma(d - n + 0.5);
        const a = x / (x + y);
        if (a >= bar) met++;
        draws[r] = (draws[r] as number) + ind.weight * earnedShare(ind, a);
      }
      indicators.push({
        id: ind.id,
        numerator: n,
        denominator: d,
        achievement: n / d,
        lower: wilsonLower(n, d, 0.95),
        upper: wilsonUpper(n, d, 0.95),
        earned: earnedShare(ind, n / d),
        probabilityMet: met / runs,
      });
    }
    const earnedShareTotal = complete
      ? c.indicators.reduce((s, ind, i) => s + ind.weight * (indicators[i]?.earned ?? 0), 0)
      : null;
    if (contingent !== null) for (let r = 0; r < runs; r++) draws[r] = (draws[r] as number) * contingent;
    return {
      code: p.code,
      name: p.name,
      listSize: p.listSize,
      value,
      contingent,
      earned: earnedShareTotal === null || contingent === null ? null : earnedShareTotal * contingent,
      expected: complete ? summarise(draws) : null,
      indicators,
    };
  });
  return {
    name: c.name,
    runs,
    seed,
    value: c.value,
    contingentShare: c.contingentShare,
    parties: out,
    totalEarned: out.reduce((s, p) => s + (p.earned ?? 0), 0),
  };
}
