// The build's resources step: price the activity, then fit the fair-share formulas. The
// costs are kept when the formulas cannot be fitted (too little history): the report says why.
import type { Warehouse } from "@bevan/engine";
import { type AllocationBuildReport, AllocationNotReadyError, buildAllocation } from "./build-allocation.ts";
import { buildCosts, type CostBuildReport } from "./build-costs.ts";

export interface ResourcesReport {
  readonly costs: CostBuildReport;
  readonly allocation: AllocationBuildReport | { readonly skipped: string };
}

export async function buildResources(wh: Warehouse): Promise<ResourcesReport> {
  const costs = await buildCosts(wh);
  try {
    return { costs, allocation: await buildAllocation(wh) };
  } catch (error) {
    if (error instanceof AllocationNotReadyError) {
      // No formulas from an earlier build may outlive the costs they were fitted on.
      await wh.exec("DROP TABLE IF EXISTS person_allocation; DROP TABLE IF EXISTS allocation_report");
      return { costs, allocation: { skipped: error.message } };
    }
    throw error;
  }
}
