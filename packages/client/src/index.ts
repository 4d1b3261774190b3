// @bevan/client: the typed API client for the web app.

export type {
  CohortCountResponse,
  CohortMembersResponse,
  CohortSummary,
  CohortVersion,
  Count,
  DataQualityResponse,
  Me,
  PatientListResponse,
  PatientRecordResponse,
  PopulationResponse,
  PrevalenceResponse,
} from "@bevan/api";
export * from "./client.ts";
