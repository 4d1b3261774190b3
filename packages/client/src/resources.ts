// The Resources area's endpoints (costed activity, needs and use, opportunity, fair shares).
import type {
  AllocationResponse,
  BudgetsResponse,
  NeedsResponse,
  OpportunityCohortResponse,
  OpportunityResponse,
  ProfilesResponse,
  SpendResponse,
  UnitCostsResponse,
  UseResponse,
  ValidationResponse,
} from "@bevan/api";

type Request = <T>(
  method: string,
  path: string,
  query?: Record<string, string | number | undefined>,
) => Promise<T>;

export type OpportunityKind = "acsc" | "short_stay" | "frequent_ae" | "ebi" | "elective";
export type PointOfDeliveryCode = NeedsResponse["pod"];
export type FormulaCode = "capitation" | "age_sex" | "need" | "need_supply";

export interface CohortPeopleResponse {
  readonly total: number;
  readonly identity: string;
  readonly rows: readonly {
    personId: string;
    nhsNumber?: string | null;
    age: number;
    sex: string;
    practice: string;
    events: number;
    cost: number;
  }[];
}

export function resourcesClient(request: Request) {
  return {
    spend: (q: { org?: string; level?: "practice" | "pcn" | "place" | "icb" } = {}) =>
      request<SpendResponse>("GET", "/api/resources/spend", q),
    unitCosts: () => request<UnitCostsResponse>("GET", "/api/resources/unit-costs"),
    needs: (q: {
      org?: string;
      level?: "practice" | "pcn" | "place";
      pod?: string;
      measure?: "activity" | "spend";
    }) => request<NeedsResponse>("GET", "/api/resources/needs", q),
    use: (q: { org?: string; by?: "tier" | "segment" | "register" | "imd_quintile" | "age_band" }) =>
      request<UseResponse>("GET", "/api/resources/use", q),
    opportunities: (q: {
      org?: string;
      level?: "practice" | "place";
      benchmark?: "average" | "best_quartile";
    }) => request<OpportunityResponse>("GET", "/api/resources/opportunities", q),
    needsProfiles: (q: { org?: string; level?: "practice" | "place" }) =>
      request<ProfilesResponse>("GET", "/api/resources/needs-profiles", q),
    opportunityCohort: (kind: OpportunityKind, q: { unit: string }) =>
      request<OpportunityCohortResponse>("GET", `/api/resources/opportunities/${kind}/cohort`, q),
    opportunityPeople: (kind: OpportunityKind, q: { unit: string; limit?: number; offset?: number }) =>
      request<CohortPeopleResponse>("GET", `/api/resources/opportunities/${kind}/people`, q),
    allocation: (q: {
      org?: string;
      budget: number;
      level?: "practice" | "pcn";
      formula?: FormulaCode;
      years?: number;
    }) => request<AllocationResponse>("GET", "/api/resources/allocation", q),
    validation: (q: { org?: string } = {}) =>
      request<ValidationResponse>("GET", "/api/resources/validation", q),
    budgets: (q: { org?: string; formula?: "need" | "need_supply"; limit?: number; offset?: number }) =>
      request<BudgetsResponse>("GET", "/api/resources/budgets", q),
  };
}
