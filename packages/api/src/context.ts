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
  type Principal,
  type SavedCohortStore,
  type SqlClient,
} from "@bevan/state";
import type { FastifyRequest } from "fastify";
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
  /** The query budget and tracker check for free-form cohort questions (query-budget.ts). */
  readonly budget: QueryBudget;
  auditRead(request: FastifyRequest, read: PatientRead): Promise<AuditEvent>;
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
  return {
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
    budget: deps.budget,
    auditRead(request, read) {
      const p = request.principal;
      return appendAudit(deps.state, {
        userId: p?.userId ?? null,
        username: p?.username ?? null,
        role: p?.role.code ?? null,
        scope: p?.scopes ?? [],
        action: read.action,
        endpoint: `${request.method} ${request.routeOptions.url ?? ""}`,
        params: read.params,
        cohortId: read.cohortId ?? null,
        cohortVersion: read.cohortVersion ?? null,
        rowCount: read.personIds.length,
        personIds: read.personIds.map(String),
        clientIp: request.ip ?? null,
      });
    },
  };
}
