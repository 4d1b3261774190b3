// What route handlers are given: a scoped warehouse per caller (never the Warehouse itself),
// application state, the disclosure policy, the re-identification lookup, the cohort
// engine and store, and the one audit function for patient-level reads.
import type { Engine } from "@bevan/engine";
import {
  type DisclosurePolicy,
  everyoneKnown,
  type OptOutCounts,
  optOutCounts,
  PERSON_TABLES,
  type Scope,
  ScopedWarehouse,
  tableRowCounts,
} from "@bevan/query";
import {
  type AuditEvent,
  appendAudit,
  BREAK_GLASS_FLAG,
  type Principal,
  type SavedCohortStore,
  type SqlClient,
} from "@bevan/state";
import type { FastifyRequest } from "fastify";
import { type CohortAccess, cohortAccess } from "./cohort-access.ts";
import type { CohortEngine } from "./cohort-engine.ts";
import type { QueryBudget } from "./query-budget.ts";
import type { ReidentificationLookup } from "./reidentification.ts";

export interface ApiContext {
  scopedFor(principal: Principal): ScopedWarehouse;
  /**
   * The audience of the unauthenticated status page: the whole ICS, always suppressed, and a
   * planning purpose (people who opted out are left out).
   */
  publicScope(): Promise<ScopedWarehouse>;
  /**
   * The whole ICS with everyone in it, for the per-practice caches only: their rows carry
   * `opted` so each caller's sum leaves out people who opted out unless the caller's purpose
   * is direct care (`keepsRow`). Never answer a caller from it directly.
   */
  icsScope(): Promise<ScopedWarehouse>;
  /** Row counts of every warehouse table (bookkeeping, whole tables): only for data-quality roles. */
  tableRows(): Promise<{ name: string; rows: number }[]>;
  /** How many people opted out, by kind (never who): bookkeeping for the data-status page. */
  optOuts(): Promise<OptOutCounts>;
  /** Cache fillers the server may run after start (ServerOptions.warmCaches). */
  readonly warmers: (() => Promise<void>)[];
  /** The analytics caches: `warming` while the warmers run after start, else `warm`. */
  caches: "warming" | "warm";
  readonly state: SqlClient;
  readonly disclosure: DisclosurePolicy;
  readonly reidentification: ReidentificationLookup | null;
  readonly cohorts: CohortEngine;
  readonly cohortStore: SavedCohortStore;
  /** Who may see and change each saved cohort (cohort-access.ts). */
  readonly cohortAccess: CohortAccess;
  /** The query budget and tracker check for free-form cohort questions (query-budget.ts). */
  readonly budget: QueryBudget;
  auditRead(request: FastifyRequest, read: PatientRead): Promise<AuditEvent>;
  /**
   * Writes one audit event for what the caller did (who, role, scope and address from the
   * request; flagged `break-glass` under an emergency grant). Every route's audit goes through here.
   */
  record(request: FastifyRequest, event: RecordedEvent): Promise<AuditEvent>;
}

export interface RecordedEvent {
  readonly action: string;
  readonly params: Record<string, unknown>;
  readonly rowCount?: number;
  readonly personIds?: readonly (bigint | string)[];
  readonly cohortId?: string | null;
  readonly cohortVersion?: number | null;
  /** Marks for reviewers (added to `break-glass`, which any event under a break-glass grant gets). */
  readonly flags?: readonly string[];
  /** Who, when it is not the request's principal: the user signing in, or nobody (null). */
  readonly principal?: Principal | null;
  /** For nobody signed in: the username an attempt named (only if it exists), or null. */
  readonly username?: string | null;
  readonly userId?: string | null;
}

export interface PatientRead {
  readonly action:
    | "patient.list"
    | "patient.read"
    | "cohort.members"
    | "cohort.export"
    | "worklist.members"
    | "worklist.export";
  readonly params: Record<string, unknown>;
  readonly cohortId?: string;
  readonly cohortVersion?: number;
  readonly personIds: readonly bigint[];
}

export function createContext(deps: {
  warehouse: Engine;
  state: SqlClient;
  disclosure: DisclosurePolicy;
  reidentification: ReidentificationLookup | null;
  cohorts: CohortEngine;
  cohortStore: SavedCohortStore;
  budget: QueryBudget;
}): ApiContext {
  const wh = deps.warehouse;
  let icbs: Scope | null = null;
  // The server opens the warehouse read-only, so the counts change only with a new file.
  let rows: Promise<{ name: string; rows: number }[]> | null = null;
  let optOuts: Promise<OptOutCounts> | null = null;
  const icsGrants = async (): Promise<Scope> => {
    if (!icbs) {
      const found = await wh.all<{ org_code: string }>(
        "SELECT org_code FROM organisation WHERE org_type = 'icb'",
      );
      icbs = { grants: found.map((r) => ({ level: "icb", code: r.org_code })) };
    }
    return icbs;
  };
  const record: ApiContext["record"] = (request, event) => {
    const p = event.principal === undefined ? request.principal : event.principal;
    const personIds = (event.personIds ?? []).map(String);
    return appendAudit(deps.state, {
      userId: p?.userId ?? event.userId ?? null,
      username: p?.username ?? event.username ?? null,
      role: p?.role.code ?? null,
      scope: p?.scopes ?? [],
      action: event.action,
      endpoint: `${request.method} ${request.routeOptions.url ?? ""}`,
      params: p?.breakGlass ? { ...event.params, breakGlass: p.breakGlass.id } : event.params,
      cohortId: event.cohortId ?? null,
      cohortVersion: event.cohortVersion ?? null,
      rowCount: event.rowCount ?? personIds.length,
      personIds,
      clientIp: request.ip ?? null,
      flags: [...new Set([...(p?.breakGlass ? [BREAK_GLASS_FLAG] : []), ...(event.flags ?? [])])],
    });
  };
  let access: CohortAccess | null = null;
  const ctx: ApiContext = {
    optOuts() {
      optOuts ??= optOutCounts(wh).catch((error) => {
        optOuts = null;
        throw error;
      });
      return optOuts;
    },
    tableRows() {
      rows ??= tableRowCounts(wh).catch((error) => {
        rows = null;
        throw error;
      });
      return rows;
    },
    scopedFor: (principal) =>
      new ScopedWarehouse(wh, {
        grants: principal.scopes,
        ...(principal.role.purpose === "direct_care" ? {} : { planning: true }),
      }),
    async publicScope() {
      return new ScopedWarehouse(wh, { ...(await icsGrants()), planning: true });
    },
    async icsScope() {
      return new ScopedWarehouse(wh, await icsGrants());
    },
    warmers: [
      // Which person-level tables a whole-ICS caller may read without the scope's semi-join
      // (ScopedWarehouse): checked once, before the first caller waits for it.
      async () => {
        // A table this warehouse lacks (no risk models built) is checked, and fails, on first use.
        for (const t of PERSON_TABLES)
          if (t !== "person_asof") await everyoneKnown(wh, t).catch(() => undefined);
      },
    ],
    caches: "warm",
    state: deps.state,
    disclosure: deps.disclosure,
    reidentification: deps.reidentification,
    cohorts: deps.cohorts,
    cohortStore: deps.cohortStore,
    get cohortAccess() {
      access ??= cohortAccess(ctx);
      return access;
    },
    budget: deps.budget,
    auditRead(request, read) {
      return record(request, {
        action: read.action,
        params: read.params,
        cohortId: read.cohortId ?? null,
        cohortVersion: read.cohortVersion ?? null,
        personIds: read.personIds,
      });
    },
    record,
  };
  return ctx;
}
