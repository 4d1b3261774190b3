// The shape both published risk equations share (QRISK3, QDiabetes): a Cox model whose linear
// predictor sums ethnicity and smoking coefficients, centred transformed inputs and their
// interactions with age. Each model's structure (which input feeds which variable, how it is
// transformed) is data in its own file; `compileEquation` joins structure and coefficients into
// a `CompiledEquation` that the TypeScript (`evaluateEquation`) and the SQL generator
// (../risk-equations-sql.ts) both read, so the two cannot drift apart. Pure: no I/O.

export type Sex = "female" | "male";

/**
 * A fractional-polynomial pair of a continuous input: `y = clamp(input) / divisor`, then for
 * each power p: y^p (p = 0: ln y); a second power equal to the first gives y^p·ln y.
 */
export interface FpTerm {
  readonly input: string;
  readonly divisor: number;
  readonly clamp?: readonly [number, number];
  readonly powers: Readonly<Record<Sex, readonly [number, number]>>;
  readonly vars: readonly [string, string];
}

/** A yes/no variable: the input is true (or equals `equals`); `femaleOnly` terms are 0 for men. */
export interface FlagTerm {
  readonly input: string;
  readonly equals?: string | number;
  readonly femaleOnly?: boolean;
}

export interface EquationStructure {
  readonly fp: readonly FpTerm[];
  /** Centred untransformed inputs: variable → input. */
  readonly linear: Readonly<Record<string, string>>;
  readonly flags: Readonly<Record<string, FlagTerm>>;
}

/** One variable of a compiled equation, with everything needed to compute it from the inputs. */
export type EquationVar =
  | {
      readonly kind: "fp";
      readonly name: string;
      readonly input: string;
      readonly divisor: number;
      readonly clamp?: readonly [number, number];
      readonly power: number;
      /** Multiply by ln y (the repeated power of a pair). */
      readonly timesLog: boolean;
      readonly centre: number;
    }
  | { readonly kind: "linear"; readonly name: string; readonly input: string; readonly centre: number }
  | ({ readonly kind: "flag"; readonly name: string } & FlagTerm);

/** One model for one sex, ready to evaluate: the linear predictor sums in the order given. */
export interface CompiledEquation {
  readonly sex: Sex;
  readonly survivor10y: number;
  /** Coefficient by ethnicity code (1–9; index 0 unused). */
  readonly ethnicity: readonly number[];
  /** Coefficient by smoking category 0–4. */
  readonly smoking: readonly number[];
  /** The variables the coefficients name, in index order. */
  readonly vars: readonly EquationVar[];
  /** [variable index, beta], in the coefficients' order. */
  readonly terms: readonly (readonly [number, number])[];
  /** [left variable index, right variable index, beta], in the coefficients' order. */
  readonly interactions: readonly (readonly [number, number, number])[];
}

export interface EquationCoefficients {
  readonly survivor10y: number;
  readonly ethnicity: readonly number[];
  readonly smoking: readonly number[];
  readonly centring: Readonly<Record<string, number>>;
  /** Main effects in summation order. */
  readonly terms: readonly (readonly [string, number])[];
  /** Keys `left*right`, in summation order. */
  readonly interactions: Readonly<Record<string, number>>;
}

function defineVar(
  s: EquationStructure,
  sex: Sex,
  name: string,
  centring: Record<string, number>,
): EquationVar {
  const centre = centring[name] ?? 0;
  for (const t of s.fp) {
    const k = t.vars.indexOf(name);
    if (k < 0) continue;
    const [p1, p2] = t.powers[sex];
    const power = k === 0 ? p1 : p2;
    const clamp = t.clamp ? { clamp: t.clamp } : {};
    return {
      kind: "fp",
      name,
      input: t.input,
      divisor: t.divisor,
      ...clamp,
      power,
      timesLog: k === 1 && p1 === p2,
      centre,
    };
  }
  const linear = s.linear[name];
  if (linear !== undefined) return { kind: "linear", name, input: linear, centre };
  const flag = s.flags[name];
  // A coefficient naming an unknown variable would silently drop a term: refuse it.
  if (flag === undefined) throw new Error(`coefficient for an unknown variable ${name}`);
  return { kind: "flag", name, ...flag };
}

export function compileEquation(s: EquationStructure, sex: Sex, c: EquationCoefficients): CompiledEquation {
  const vars: EquationVar[] = [];
  const index = new Map<string, number>();
  const indexOf = (name: string) => {
    let i = index.get(name);
    if (i === undefined) {
      i = vars.length;
      vars.push(defineVar(s, sex, name, c.centring));
      index.set(name, i);
    }
    return i;
  };
  const terms = c.terms.map(([k, beta]) => [indexOf(k), beta] as const);
  const interactions = Object.entries(c.interactions).map(([k, beta]) => {
    const [l = "", r = ""] = k.split("*");
    return [indexOf(l), indexOf(r), beta] as const;
  });
  return {
    sex,
    survivor10y: c.survivor10y,
    ethnicity: c.ethnicity,
    smoking: c.smoking,
    vars,
    terms,
    interactions,
  };
}

function varValue(v: EquationVar, sex: Sex, x: Readonly<Record<string, unknown>>): number {
  const raw = x[v.input];
  switch (v.kind) {
    case "fp": {
      const n = raw as number;
      const y = (v.clamp ? Math.min(v.clamp[1], Math.max(v.clamp[0], n)) : n) / v.divisor;
      const base = v.power === 0 ? Math.log(y) : y ** v.power;
      return (v.timesLog ? base * Math.log(y) : base) - v.centre;
    }
    case "linear":
      return (raw as number) - v.centre;
    case "flag": {
      if (v.femaleOnly && sex !== "female") return 0;
      return Number(v.equals === undefined ? raw === true : raw === v.equals);
    }
  }
}

/** 10-year risk in percent, unrounded, of valid inputs (the callers validate). */
export function evaluateEquation(
  eq: CompiledEquation,
  x: { readonly ethnicity: number; readonly smoking: number },
): number {
  const inputs = x as unknown as Readonly<Record<string, unknown>>;
  const v = new Float64Array(eq.vars.length);
  for (let i = 0; i < eq.vars.length; i++) v[i] = varValue(eq.vars[i] as EquationVar, eq.sex, inputs);
  let a = (eq.ethnicity[x.ethnicity] ?? 0) + (eq.smoking[x.smoking] ?? 0);
  for (const [i, beta] of eq.terms) a += beta * (v[i] ?? 0);
  for (const [l, r, beta] of eq.interactions) a += beta * (v[l] ?? 0) * (v[r] ?? 0);
  return 100 * (1 - eq.survivor10y ** Math.exp(a));
}
