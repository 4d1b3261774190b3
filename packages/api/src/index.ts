// @bevan/api: the HTTP server.
export type { OidcSettings } from "./auth/oidc.ts";
export type { CohortEngine } from "./cohort-engine.ts";
export type { ReidentificationLookup } from "./reidentification.ts";
export type {
  BusinessCaseRunResponse,
  ExamplesResponse as BusinessCaseExamplesResponse,
} from "./routes/business-cases/schemas.ts";
export type {
  CarePlanView,
  CareRecordResponse,
  CareSummaryResponse,
  CaseloadResponse,
  EpisodeView,
  OutcomesResponse,
  PlanSaveResponse,
  WorklistActionView,
} from "./routes/care/views.ts";
export type {
  AttritionResponse,
  CodelistResponse,
  CodeSearchResponse,
} from "./routes/cohort-builder/schemas.ts";
export type { ContractEvaluateResponse } from "./routes/contracts/index.ts";
export type {
  DashboardResponse,
  ForecastResponse,
  MutualAidResponse,
  ReferralsResponse,
  ReturnsResponse,
  ScenarioRunResponse,
} from "./routes/diagnostics/schemas.ts";
export type { ModelCardResponse } from "./routes/presentation/model-card.ts";
export type * from "./routes/resources/schemas.ts";
export type {
  ListResponse,
  WorklistResponse,
  WorklistSummary,
  WorklistsResponse,
} from "./routes/worklists/schemas.ts";
export * from "./schemas.ts";
export * from "./schemas-analytics.ts";
export * from "./schemas-governance.ts";
export * from "./server.ts";
