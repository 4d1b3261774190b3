// @bevan/client: the typed API client for the web app.

export type {
  CohortCountResponse,
  CohortMembersResponse,
  CohortPreviewResponse,
  CohortSummary,
  CohortTimelineResponse,
  CohortVersion,
  Count,
  DataQualityResponse,
  DataStatusResponse,
  Me,
  MultimorbidityResponse,
  PatientListResponse,
  PatientRecordResponse,
  PopulationResponse,
  PrevalenceAllResponse,
  PrevalenceResponse,
  PyramidResponse,
  RiskPyramidResponse,
  SegmentsResponse,
} from "@bevan/api";
export * from "./client.ts";
