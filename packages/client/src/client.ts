// The typed client the web app uses to talk to the API: one method per endpoint, response
// types taken from the API's published schemas (types only: nothing server-side is bundled).
// It keeps the CSRF token from sign-in and sends it on state-changing requests.
import type {
  AdminAccessRequest,
  AdminBreakGlass,
  AdminOrganisation,
  AdminRole,
  AdminUser,
  AttritionResponse,
  AuditEventBody,
  AuditVerifyResponse,
  BusinessCaseExamplesResponse,
  BusinessCaseRunResponse,
  CarePlanView,
  CareRecordResponse,
  CareSummaryResponse,
  CaseloadResponse,
  CodelistResponse,
  CodeSearchResponse,
  CohortBreakdown,
  CohortCountResponse,
  CohortMembersResponse,
  CohortPreviewResponse,
  CohortSummary,
  CohortTimelineResponse,
  CohortVersion,
  ContractEvaluateResponse,
  DataQualityResponse,
  DataStatusResponse,
  DashboardResponse as DiagnosticsDashboardResponse,
  ForecastResponse as DiagnosticsForecastResponse,
  MutualAidResponse as DiagnosticsMutualAidResponse,
  ReferralsResponse as DiagnosticsReferralsResponse,
  ReturnsResponse as DiagnosticsReturnsResponse,
  ScenarioRunResponse as DiagnosticsScenarioResponse,
  EpisodeView,
  IndicatorsResponse,
  InequalitiesResponse,
  ListResponse,
  Me,
  ModelCardResponse,
  MultimorbidityResponse,
  OutcomesResponse,
  PatientListResponse,
  PatientRecordResponse,
  PlanSaveResponse,
  PopulationResponse,
  PrevalenceAllResponse,
  PrevalenceResponse,
  PyramidResponse,
  RiskPyramidResponse,
  SegmentsResponse,
  TimelineResponse,
  VariationResponse,
  WorklistActionView,
  WorklistResponse,
  WorklistsResponse,
} from "@bevan/api";
import { resourcesClient } from "./resources.ts";

/** A node of the organisation tree (ICB → place → PCN → practice) as /api/organisations gives it. */
export interface OrgNode {
  readonly code: string;
  readonly name: string;
  readonly level: string;
  readonly listSize: number | null;
  readonly inScope: boolean;
  readonly children: readonly OrgNode[];
}

export type Breakdown =
  | "all"
  | "practice"
  | "pcn"
  | "place"
  | "age_band"
  | "sex"
  | "imd_quintile"
  | "ethnicity_group";

/** An error answer from the API: its status, code and message (user-facing, no internals). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** For an invalid cohort definition: each offending node's JSON Pointer and what is allowed. */
  readonly issues: readonly { path: string; message: string }[];
  /** For a 409 on a stale save: the record as it is now and what changed on each side. */
  readonly conflict: unknown;
  constructor(
    status: number,
    code: string,
    message: string,
    issues: readonly { path: string; message: string }[] = [],
    conflict: unknown = null,
  ) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.issues = issues;
    this.conflict = conflict;
  }
}

export interface ClientOptions {
  /** e.g. "" in the browser (same origin) or "http://127.0.0.1:8080". */
  readonly baseUrl: string;
  readonly fetch?: typeof fetch;
  /** Extra headers on every request (e.g. a cookie outside the browser). */
  readonly headers?: Record<string, string>;
}

type Query = Record<string, string | number | boolean | undefined>;

/** A list's page, sort and filters, as /api/worklists/:id/list and /api/cohorts/:id/list take them. */
export interface ListParams {
  readonly org?: string;
  readonly sort?: string;
  readonly desc?: boolean;
  readonly sex?: "F" | "M" | "U";
  readonly ageMin?: number;
  readonly ageMax?: number;
  /** IMD quintiles, comma-separated. */
  readonly imd?: string;
  readonly version?: number;
  readonly offset?: number;
  readonly limit?: number;
}

export type ExportFormat = "csv" | "xlsx" | "nhs";

function queryString(q: Query): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== "") qs.set(k, String(v));
  return qs.size ? `?${qs}` : "";
}

export function createClient(options: ClientOptions) {
  const doFetch = options.fetch ?? fetch;
  let csrf: string | null = null;
  const request = async <T>(method: string, path: string, query?: Query, body?: unknown): Promise<T> => {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) qs.set(k, String(v));
    const headers: Record<string, string> = { accept: "application/json", ...options.headers };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (method !== "GET" && csrf) headers["x-csrf-token"] = csrf;
    const res = await doFetch(`${options.baseUrl}${path}${qs.size ? `?${qs}` : ""}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
    const text = await res.text();
    const csv = res.ok && (res.headers.get("content-type") ?? "").startsWith("text/csv");
    const json = text && !csv ? JSON.parse(text) : null;
    if (!res.ok) {
      const body = json as {
        error?: { code?: string; message?: string; issues?: { path: string; message: string }[] };
        conflict?: unknown;
      } | null;
      const e = body?.error;
      throw new ApiError(
        res.status,
        e?.code ?? "http_error",
        e?.message ?? `HTTP ${res.status}`,
        e?.issues,
        body?.conflict ?? null,
      );
    }
    return (csv ? text : json) as T;
  };
  /** A binary answer (a PDF), or the API's error. */
  const requestBytes = async (method: string, path: string, body?: unknown): Promise<Blob> => {
    const headers: Record<string, string> = {
      accept: "application/pdf, application/json",
      ...options.headers,
    };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (method !== "GET" && csrf) headers["x-csrf-token"] = csrf;
    const res = await doFetch(`${options.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
    if (!res.ok) {
      const text = await res.text();
      const e = (text ? JSON.parse(text) : null)?.error as
        | { code?: string; message?: string; issues?: { path: string; message: string }[] }
        | undefined;
      throw new ApiError(res.status, e?.code ?? "http_error", e?.message ?? `HTTP ${res.status}`, e?.issues);
    }
    return res.blob();
  };
  const remember = (me: Me) => {
    csrf = me.csrfToken;
    return me;
  };
  return {
    signIn: async (username: string, password: string) =>
      remember(await request<Me>("POST", "/api/auth/sign-in", undefined, { username, password })),
    me: async () => remember(await request<Me>("GET", "/api/auth/me")),
    signOut: () => request<{ signedOut: boolean }>("POST", "/api/auth/sign-out"),
    health: () => request<{ status: "ok" }>("GET", "/api/health"),
    organisations: () => request<{ organisations: unknown[] }>("GET", "/api/organisations"),
    population: (q: { org?: string; breakdown?: Breakdown } = {}) =>
      request<PopulationResponse>("GET", "/api/population", q),
    prevalence: (q: { register: string; org?: string; breakdown?: Breakdown }) =>
      request<PrevalenceResponse>("GET", "/api/prevalence", q),
    pyramid: (q: { org?: string } = {}) => request<PyramidResponse>("GET", "/api/population/pyramid", q),
    prevalenceAll: (q: { org?: string } = {}) =>
      request<PrevalenceAllResponse>("GET", "/api/prevalence/all", q),
    multimorbidity: (q: { org?: string } = {}) =>
      request<MultimorbidityResponse>("GET", "/api/multimorbidity", q),
    riskPyramid: (q: { org?: string; reduction?: number } = {}) =>
      request<RiskPyramidResponse>("GET", "/api/risk-pyramid", q),
    segments: (q: { org?: string } = {}) => request<SegmentsResponse>("GET", "/api/segments", q),
    modelCard: () => request<ModelCardResponse>("GET", "/api/risk/model-card"),
    indicators: () => request<IndicatorsResponse>("GET", "/api/indicators"),
    variation: (q: { indicator: string; level?: "practice" | "pcn"; org?: string }) =>
      request<VariationResponse>("GET", "/api/variation", q),
    inequalities: (q: {
      indicator: string;
      dimension: "imd_quintile" | "ethnicity_group" | "sex" | "age_band" | "learning_disability";
      org?: string;
    }) => request<InequalitiesResponse>("GET", "/api/inequalities", q),
    timeline: (q: { measure: string; from?: string; to?: string; org?: string }) =>
      request<TimelineResponse>("GET", "/api/timeline", q),
    patients: (q: { register: string; practice?: string; limit?: number; offset?: number }) =>
      request<PatientListResponse>("GET", "/api/patients", q),
    patient: (personId: string, q: { timelineLimit?: number } = {}) =>
      request<PatientRecordResponse>("GET", `/api/patients/${encodeURIComponent(personId)}`, q),
    saveCohort: (name: string, definition: unknown, note?: string) =>
      request<{ cohortId: string; version: number }>("POST", "/api/cohorts", undefined, {
        name,
        definition,
        note,
      }),
    saveCohortVersion: (id: string, definition: unknown, note?: string) =>
      request<{ cohortId: string; version: number }>(
        "POST",
        `/api/cohorts/${encodeURIComponent(id)}/versions`,
        undefined,
        {
          definition,
          note,
        },
      ),
    cohortCount: (id: string, q: { version?: number; breakdown?: Breakdown } = {}) =>
      request<CohortCountResponse>("GET", `/api/cohorts/${encodeURIComponent(id)}/count`, q),
    cohortMembers: (id: string, q: { version?: number; limit?: number; offset?: number } = {}) =>
      request<CohortMembersResponse>("GET", `/api/cohorts/${encodeURIComponent(id)}/members`, q),
    previewCohort: (definition: unknown, breakdowns: readonly CohortBreakdown[] = []) =>
      request<CohortPreviewResponse>("POST", "/api/cohorts/preview", undefined, { definition, breakdowns }),
    cohortTimeline: (definition: unknown, range: { from: string; to?: string }) =>
      request<CohortTimelineResponse>("POST", "/api/cohorts/timeline", undefined, { definition, ...range }),
    savedCohortTimeline: (id: string, q: { from: string; to?: string; version?: number }) =>
      request<CohortTimelineResponse>("GET", `/api/cohorts/${encodeURIComponent(id)}/timeline`, q),
    /** Every member in scope as CSV text (one audited read). */
    cohortMembersCsv: (id: string, q: { version?: number } = {}) =>
      request<string>("GET", `/api/cohorts/${encodeURIComponent(id)}/members.csv`, q),
    /** The CSV download's address, for a link in the browser (the session cookie goes with it). */
    cohortMembersCsvUrl: (id: string, version?: number) =>
      `${options.baseUrl}/api/cohorts/${encodeURIComponent(id)}/members.csv${version === undefined ? "" : `?version=${version}`}`,
    /** An unsaved definition's attrition: people left after each step of its "all of". */
    cohortAttrition: (definition: unknown) =>
      request<AttritionResponse>("POST", "/api/cohorts/attrition", undefined, { definition }),
    cohortList: (id: string, q: ListParams = {}) =>
      request<ListResponse>("GET", `/api/cohorts/${encodeURIComponent(id)}/list`, { ...q }),
    /** An export's address, for a download link (the session cookie goes with it). */
    cohortExportUrl: (id: string, format: ExportFormat, q: Omit<ListParams, "offset" | "limit"> = {}) =>
      `${options.baseUrl}/api/cohorts/${encodeURIComponent(id)}/export${queryString({ ...q, format })}`,
    worklists: (q: { org?: string } = {}) => request<WorklistsResponse>("GET", "/api/worklists", q),
    worklist: (id: string, q: { org?: string } = {}) =>
      request<WorklistResponse>("GET", `/api/worklists/${encodeURIComponent(id)}`, q),
    worklistList: (id: string, q: ListParams = {}) =>
      request<ListResponse>("GET", `/api/worklists/${encodeURIComponent(id)}/list`, { ...q }),
    worklistExportUrl: (id: string, format: ExportFormat, q: Omit<ListParams, "offset" | "limit"> = {}) =>
      `${options.baseUrl}/api/worklists/${encodeURIComponent(id)}/export${queryString({ ...q, format })}`,
    searchCodes: (q: { q: string; system?: string; limit?: number }) =>
      request<CodeSearchResponse>("GET", "/api/codes/search", q),
    codeTerms: (system: string, codes: readonly string[]) =>
      request<{ terms: { code: string; term: string | null }[] }>("POST", "/api/codes/terms", undefined, {
        system,
        codes,
      }),
    codelist: (id: string) => request<CodelistResponse>("GET", `/api/codelists/${encodeURIComponent(id)}`),
    dataStatus: () => request<DataStatusResponse>("GET", "/api/data-status"),
    /** The audit trail (administrators): filtered by who, what, kind and when; newest first with `before`/`order`. */
    audit: (q: AuditFilter = {}) => request<{ events: AuditEventBody[] }>("GET", "/api/audit", { ...q }),
    verifyAudit: () => request<AuditVerifyResponse>("GET", "/api/audit/verify"),
    // Administration (users:manage): users, roles, organisations to grant, separation of duties.
    adminUsers: () => request<{ users: AdminUser[] }>("GET", "/api/admin/users"),
    adminRoles: () => request<{ roles: AdminRole[] }>("GET", "/api/admin/roles"),
    adminOrganisations: () =>
      request<{ organisations: AdminOrganisation[] }>("GET", "/api/admin/organisations"),
    /** 201 `{ user }`, or 202 `{ pending, request, user }` when a second administrator must approve. */
    addUser: (body: NewUser) => request<UserChange>("POST", "/api/admin/users", undefined, body),
    setUserEnabled: (username: string, enabled: boolean) =>
      request<{ user: AdminUser }>(
        "POST",
        `/api/admin/users/${encodeURIComponent(username)}/${enabled ? "enable" : "disable"}`,
      ),
    grantUser: (username: string, body: UserGrant) =>
      request<UserChange>("POST", `/api/admin/users/${encodeURIComponent(username)}/grant`, undefined, body),
    accessRequests: (status?: AdminAccessRequest["status"]) =>
      request<{ requests: AdminAccessRequest[] }>("GET", "/api/admin/access-requests", { status }),
    decideAccessRequest: (id: string, approve: boolean) =>
      request<{ request: AdminAccessRequest; user: AdminUser }>(
        "POST",
        `/api/admin/access-requests/${encodeURIComponent(id)}/${approve ? "approve" : "reject"}`,
      ),
    breakGlassGrants: () => request<{ grants: AdminBreakGlass[] }>("GET", "/api/admin/break-glass"),
    breakGlass: (body: BreakGlassRequest) =>
      request<{ grant: AdminBreakGlass }>("POST", "/api/admin/break-glass", undefined, body),
    endBreakGlass: (id: string) =>
      request<{ grant: AdminBreakGlass }>("POST", `/api/admin/break-glass/${encodeURIComponent(id)}/end`),
    reviewBreakGlass: (id: string, note: string) =>
      request<{ grant: AdminBreakGlass }>(
        "POST",
        `/api/admin/break-glass/${encodeURIComponent(id)}/review`,
        undefined,
        {
          note,
        },
      ),
    /** Who a saved cohort is shared with (its owner only): private, a team, or everyone in an overlapping scope. */
    shareCohort: (id: string, sharing: "private" | "team" | "scope", team: readonly TeamShare[] = []) =>
      request<{ cohort: CohortSummary }>("PUT", `/api/cohorts/${encodeURIComponent(id)}/sharing`, undefined, {
        sharing,
        ...(sharing === "team" ? { team } : {}),
      }),
    /** Colleagues a cohort can be shared with. */
    shareCandidates: () =>
      request<{ users: { username: string; displayName: string; role: string; canEdit: boolean }[] }>(
        "GET",
        "/api/cohorts/share-candidates",
      ),
    signInOptions: () =>
      request<{ localSignIn: boolean; oidc: boolean; demoUsers: string[]; signedIn: boolean }>(
        "GET",
        "/api/auth/options",
      ),
    organisationTree: () => request<{ organisations: OrgNode[] }>("GET", "/api/organisations"),
    registers: () =>
      request<{ registers: { code: string; name: string; minAge: number }[] }>("GET", "/api/registers"),
    dataQuality: () => request<DataQualityResponse>("GET", "/api/data-quality"),
    cohorts: () => request<{ cohorts: CohortSummary[] }>("GET", "/api/cohorts"),
    cohort: (id: string) =>
      request<{ cohort: CohortSummary; versions: CohortVersion[] }>(
        "GET",
        `/api/cohorts/${encodeURIComponent(id)}`,
      ),
    contracts: {
      example: () => request<{ contract: unknown }>("GET", "/api/contracts/example"),
      evaluate: (contract: unknown) =>
        request<ContractEvaluateResponse>("POST", "/api/contracts/evaluate", undefined, { contract }),
    },
    businessCases: {
      examples: () => request<BusinessCaseExamplesResponse>("GET", "/api/business-cases/examples"),
      run: (c: unknown) =>
        request<BusinessCaseRunResponse>("POST", "/api/business-cases/run", undefined, { case: c }),
      report: (c: unknown) => requestBytes("POST", "/api/business-cases/report", { case: c }),
    },
    care: {
      caseload: (q: { closed?: boolean } = {}) => request<CaseloadResponse>("GET", "/api/care/caseload", q),
      summary: () => request<CareSummaryResponse>("GET", "/api/care/summary"),
      outcomes: (personId: string) =>
        request<OutcomesResponse>("GET", `/api/care/people/${encodeURIComponent(personId)}/outcomes`),
      record: (personId: string) =>
        request<CareRecordResponse>("GET", `/api/care/people/${encodeURIComponent(personId)}`),
      refer: (b: { personId: string; reason: string; source: string; sourceRef?: string }) =>
        request<EpisodeView>("POST", "/api/care/episodes", undefined, b),
      change: (
        episodeId: string,
        what: "move" | "consent" | "checklist" | "assign" | "monitoring" | "re-refer",
        b: object,
      ) =>
        request<EpisodeView>(
          "POST",
          `/api/care/episodes/${encodeURIComponent(episodeId)}/${what}`,
          undefined,
          b,
        ),
      savePlan: (personId: string, version: number, content: CarePlanView) =>
        request<PlanSaveResponse>("PUT", `/api/care/people/${encodeURIComponent(personId)}/plan`, undefined, {
          version,
          content,
        }),
      fhirUrl: (personId: string) =>
        `${options.baseUrl}/api/care/people/${encodeURIComponent(personId)}/plan/fhir`,
      worklistAction: (
        worklistId: string,
        b: { personId: string; action: "dismissed" | "recalled"; reason: string; until?: string },
      ) =>
        request<WorklistActionView>(
          "POST",
          `/api/care/worklists/${encodeURIComponent(worklistId)}/actions`,
          undefined,
          b,
        ),
      worklistActions: (worklistId: string, people: readonly string[]) =>
        request<{ actions: WorklistActionView[] }>(
          "GET",
          `/api/care/worklists/${encodeURIComponent(worklistId)}/actions`,
          {
            people: people.join(","),
          },
        ),
    },
    resources: resourcesClient(request),
    diagnostics: {
      dashboard: (
        q: {
          trust?: string;
          site?: string;
          modality?: string;
          from?: string;
          to?: string;
          interim?: number;
        } = {},
      ) => request<DiagnosticsDashboardResponse>("GET", "/api/diagnostics/dashboard", q),
      returns: (q: { period?: string } = {}) =>
        request<DiagnosticsReturnsResponse>("GET", "/api/diagnostics/returns", q),
      forecast: (q: { weeks?: number } = {}) =>
        request<DiagnosticsForecastResponse>("GET", "/api/diagnostics/forecast", q),
      runScenario: (scenario: unknown, q: { runs?: number; seed?: number } = {}) =>
        request<DiagnosticsScenarioResponse>("POST", "/api/diagnostics/scenarios/run", undefined, {
          scenario,
          ...q,
        }),
      mutualAid: (q: { maxTravel?: number; horizon?: number } = {}) =>
        request<DiagnosticsMutualAidResponse>("GET", "/api/diagnostics/mutual-aid", q),
      mutualAidFor: (network: unknown) =>
        request<DiagnosticsMutualAidResponse>("POST", "/api/diagnostics/mutual-aid", undefined, { network }),
      referrals: (q: { modality?: string } = {}) =>
        request<DiagnosticsReferralsResponse>("GET", "/api/diagnostics/referrals", q),
    },
  };
}

export type {
  BusinessCaseExamplesResponse,
  BusinessCaseRunResponse,
  ContractEvaluateResponse,
  DiagnosticsDashboardResponse,
  DiagnosticsForecastResponse,
  DiagnosticsMutualAidResponse,
  DiagnosticsReferralsResponse,
  DiagnosticsReturnsResponse,
  DiagnosticsScenarioResponse,
};

export type BevanClient = ReturnType<typeof createClient>;

type Scope = { level: "icb" | "place" | "pcn" | "practice" | "trust"; code: string };

export interface AuditFilter {
  readonly user?: string;
  readonly action?: string;
  readonly kind?: "patient" | "sign-in" | "administration" | "cohort" | "system";
  readonly flag?: "break-glass";
  readonly person?: string;
  readonly cohort?: string;
  readonly from?: string;
  readonly to?: string;
  readonly after?: number;
  readonly before?: number;
  readonly order?: "oldest" | "newest";
  readonly limit?: number;
}

export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly role: string;
  readonly scopes: readonly Scope[];
  readonly password?: string;
  readonly oidc?: { readonly issuer: string; readonly subject: string };
}

export interface UserGrant {
  readonly role?: string;
  readonly addScopes?: readonly Scope[];
  readonly removeScopes?: readonly Scope[];
}

/** A user change: made (`user`), or waiting for a second administrator (`pending`). */
export type UserChange =
  | { readonly user: AdminUser; readonly pending?: undefined }
  | { readonly pending: true; readonly request: AdminAccessRequest; readonly user: AdminUser };

export interface BreakGlassRequest {
  readonly username: string;
  readonly role: string;
  readonly scopes: readonly Scope[];
  readonly reason: string;
  readonly hours: number;
}

export interface TeamShare {
  readonly username: string;
  readonly canEdit: boolean;
}
