// The headline numbers anyone may see (the status page and /api/summary): the whole ICS,
// through the same scoped views and the same disclosure step as any non-direct-care role.
import {
  asOfDate,
  type DisclosurePolicy,
  emergencyAdmissions12m,
  type OrgNode,
  orgTree,
  population,
  registerCatalogue,
  registerPrevalence,
  type ScopedWarehouse,
  type SuppressedCount,
  suppressCount,
} from "@bevan/query";

export interface PublicSummary {
  readonly asOf: string;
  readonly disclosure: {
    readonly threshold: number;
    readonly rounding: number;
    readonly method: "cell-key" | "rounding";
    readonly maxPerturbation: number | null;
  };
  readonly persons: { readonly registered: SuppressedCount };
  readonly organisations: {
    readonly icbs: number;
    readonly places: number;
    readonly pcns: number;
    readonly practices: number;
  };
  readonly registers: readonly {
    readonly code: string;
    readonly name: string;
    readonly minAge: number;
    readonly count: SuppressedCount;
    readonly prevalence: number | null;
  }[];
  readonly activity: {
    readonly emergencyAdmissions12m: SuppressedCount;
    readonly emergencyAdmissionsPer1000: number | null;
  };
}

export async function publicSummary(
  sw: ScopedWarehouse,
  policy: DisclosurePolicy,
): Promise<PublicSummary | null> {
  const asOf = await asOfDate(sw);
  if (!asOf) return null;
  const pop = await population(sw, "all");
  const registered = suppressCount(pop.registered[0]?.cell ?? 0, policy);
  const levels = { icb: 0, place: 0, pcn: 0, practice: 0 };
  const walk = (nodes: OrgNode[]) => {
    for (const n of nodes) {
      levels[n.level]++;
      walk(n.children);
    }
  };
  walk(await orgTree(sw));
  const registers = [];
  for (const r of registerCatalogue()) {
    const row = (await registerPrevalence(sw, r.code, r.minAge, "all"))[0];
    const count = suppressCount(row?.numerator ?? 0, policy);
    const den = suppressCount(row?.denominator ?? 0, policy);
    registers.push({
      code: r.code,
      name: r.name,
      minAge: r.minAge,
      count,
      prevalence: count.value !== null && den.value ? count.value / den.value : null,
    });
  }
  const emergency = suppressCount(await emergencyAdmissions12m(sw, asOf), policy);
  return {
    asOf,
    disclosure: {
      threshold: policy.threshold,
      rounding: policy.rounding,
      method: policy.perturbation ? "cell-key" : "rounding",
      maxPerturbation: policy.perturbation?.maxPerturbation ?? null,
    },
    persons: { registered },
    organisations: { icbs: levels.icb, places: levels.place, pcns: levels.pcn, practices: levels.practice },
    registers,
    activity: {
      emergencyAdmissions12m: emergency,
      emergencyAdmissionsPer1000:
        emergency.value !== null && registered.value
          ? Math.round((1e5 * emergency.value) / registered.value) / 100
          : null,
    },
  };
}
