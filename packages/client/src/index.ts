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
  IndicatorsResponse,
  InequalitiesResponse,
  Me,
  ModelCardResponse,
  MultimorbidityResponse,
  PatientListResponse,
  PatientRecordResponse,
  PopulationResponse,
  PrevalenceAllResponse,
  PrevalenceResponse,
  PyramidResponse,
  RiskPyramidResponse,
  SegmentsResponse,
  TimelineResponse,
  VariationResponse,
} from "@bevan/api";
export * from "./client.ts";
