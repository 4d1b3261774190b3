// The cohort builder's form state and its translation to and from the cohort language IR
// (docs/cohort-language.md): every filled-in field becomes one criterion, all of them
// combined with "and". Definitions the form cannot show (or, not, codes…) are reported, not
// silently changed.

export interface CohortForm {
  name: string;
  description: string;
  minAge: string;
  maxAge: string;
  sexes: string[];
  imdMin: string;
  imdMax: string;
  registers: string[];
  multimorbidity: string;
  registersForCount: string[];
  learningDisability: boolean;
  careHome: boolean;
  riskTiers: string[];
  frailty: string[];
}

export const EMPTY_FORM: CohortForm = {
  name: "",
  description: "",
  minAge: "",
  maxAge: "",
  sexes: [],
  imdMin: "",
  imdMax: "",
  registers: [],
  multimorbidity: "",
  registersForCount: [],
  learningDisability: false,
  careHome: false,
  riskTiers: [],
  frailty: [],
};

export const RISK_TIERS = ["very_high", "high", "moderate", "low"] as const;
export const FRAILTY_BANDS = ["fit", "mild", "moderate", "severe"] as const;

export type Criterion = Record<string, unknown> & { kind: string };
export interface CohortDefinition {
  kind: "cohort";
  language: 1;
  name: string;
  description?: string;
  population: "registered";
  criteria: Criterion;
}

const whole = (s: string): number | undefined => (/^\d{1,3}$/.test(s.trim()) ? Number(s.trim()) : undefined);

/** Problems a user can fix, by field; empty when the form makes a valid definition. */
export function formProblems(f: CohortForm): Record<string, string> {
  const p: Record<string, string> = {};
  if (!f.name.trim()) p.name = "Enter a name for the cohort";
  for (const [k, v] of [
    ["minAge", f.minAge],
    ["maxAge", f.maxAge],
  ] as const)
    if (v.trim() && (whole(v) === undefined || (whole(v) as number) > 130))
      p[k] = "Age must be a whole number from 0 to 130";
  const lo = whole(f.minAge);
  const hi = whole(f.maxAge);
  if (lo !== undefined && hi !== undefined && lo > hi)
    p.maxAge = "Maximum age must be at least the minimum age";
  for (const [k, v] of [
    ["imdMin", f.imdMin],
    ["imdMax", f.imdMax],
  ] as const)
    if (v && !/^[1-5]$/.test(v)) p[k] = "Choose a quintile from 1 to 5";
  if (f.imdMin && f.imdMax && Number(f.imdMin) > Number(f.imdMax))
    p.imdMax = "The least deprived quintile must not be below the most deprived";
  if (f.multimorbidity && !/^[1-9]$/.test(f.multimorbidity))
    p.multimorbidity = "Enter a number of conditions from 1 to 9";
  return p;
}

export function toDefinition(f: CohortForm, allRegisters: readonly string[]): CohortDefinition {
  const of: Criterion[] = [];
  const lo = whole(f.minAge);
  const hi = whole(f.maxAge);
  if (lo !== undefined || hi !== undefined)
    of.push({
      kind: "age",
      ...(lo !== undefined ? { min: lo } : {}),
      ...(hi !== undefined ? { max: hi } : {}),
    });
  if (f.sexes.length > 0) of.push({ kind: "sex", in: [...f.sexes] });
  if (f.imdMin || f.imdMax)
    of.push({ kind: "imd", scale: "quintile", min: Number(f.imdMin || 1), max: Number(f.imdMax || 5) });
  for (const r of f.registers) of.push({ kind: "register", register: r });
  if (f.multimorbidity)
    of.push({
      kind: "register_count",
      registers: f.registersForCount.length > 0 ? [...f.registersForCount] : [...allRegisters],
      atLeast: Number(f.multimorbidity),
    });
  if (f.learningDisability) of.push({ kind: "flag", flag: "learning_disability" });
  if (f.careHome) of.push({ kind: "flag", flag: "care_home" });
  if (f.riskTiers.length > 0) of.push({ kind: "score", score: "admission_risk", bands: [...f.riskTiers] });
  if (f.frailty.length > 0) of.push({ kind: "score", score: "efi", bands: [...f.frailty] });
  const criteria: Criterion =
    of.length === 0 ? { kind: "everyone" } : of.length === 1 ? (of[0] as Criterion) : { kind: "and", of };
  return {
    kind: "cohort",
    language: 1,
    name: f.name.trim(),
    ...(f.description.trim() ? { description: f.description.trim() } : {}),
    population: "registered",
    criteria,
  };
}

/** The form for a saved definition, or the reason the form cannot show it. */
export function fromDefinition(d: unknown): { form: CohortForm } | { unsupported: string } {
  const def = d as Partial<CohortDefinition> | null;
  if (def?.kind !== "cohort" || !def.criteria)
    return { unsupported: "it is not a cohort language definition" };
  const f: CohortForm = { ...EMPTY_FORM, name: def.name ?? "", description: def.description ?? "" };
  const c = def.criteria;
  const list: Criterion[] =
    c.kind === "and" ? ((c.of as Criterion[]) ?? []) : c.kind === "everyone" ? [] : [c];
  for (const n of list) {
    if (n.kind === "age") {
      f.minAge = n.min === undefined ? "" : String(n.min);
      f.maxAge = n.max === undefined ? "" : String(n.max);
    } else if (n.kind === "sex") f.sexes = [...(n.in as string[])];
    else if (n.kind === "imd" && n.scale === "quintile") {
      f.imdMin = String(n.min);
      f.imdMax = String(n.max);
    } else if (n.kind === "register") f.registers.push(n.register as string);
    else if (n.kind === "register_count") {
      f.multimorbidity = String(n.atLeast);
      f.registersForCount = [...(n.registers as string[])];
    } else if (n.kind === "flag" && n.flag === "learning_disability") f.learningDisability = true;
    else if (n.kind === "flag" && n.flag === "care_home") f.careHome = true;
    else if (n.kind === "score" && n.score === "admission_risk" && Array.isArray(n.bands))
      f.riskTiers = [...(n.bands as string[])];
    else if (n.kind === "score" && n.score === "efi" && Array.isArray(n.bands))
      f.frailty = [...(n.bands as string[])];
    else return { unsupported: `the form cannot show a "${n.kind}" criterion; edit it as JSON with the CLI` };
  }
  f.registers = [...f.registers];
  return { form: f };
}
