// Cohort definitions (the cohort language's IR) the API tests save and run.
export function registersCohort(
  name: string,
  registers: readonly string[],
  ages: { min?: number; max?: number } = {},
) {
  const of: object[] = registers.map((register) => ({ kind: "register", register }));
  if (ages.min !== undefined || ages.max !== undefined) of.push({ kind: "age", ...ages });
  return {
    kind: "cohort",
    language: 1,
    name,
    population: "registered",
    criteria: of.length === 1 ? of[0] : { kind: "and", of },
  };
}
