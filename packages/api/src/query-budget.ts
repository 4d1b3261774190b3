// The query budget for free-form aggregate queries (cohort previews, counts and timelines)
// by roles without direct care (docs/disclosure-control.md, "Query budget"). The cell-key
// method gives the same people the same figure, so repeating a question teaches nothing; but
// cohorts can be written to cover a few people plus a changing crowd, and the average over
// many such pairs converges on the few. So each user gets a budget of published cells per
// rolling day, and every set answered is remembered as a sketch (disclosure/sketch.ts):
//   - a set that differs from one of the user's earlier sets (of another definition) by 1 to
//     7 people is refused: its difference would single out a withheld count;
//   - sets within `overlapDistance` people of earlier ones are overlapping; many overlapping
//     cells in a day raise an alert (tracker-like pattern) in the administrators' log and
//     the audit trail;
//   - a set identical to one already answered costs nothing (it gets the same figure).
// Every query is logged (who, when, fingerprints of the definition and of the size, cells
// charged, outcome), never person ids. Sketches live in the server's memory for the window.
import { createHash } from "node:crypto";
import { type Sketch, sketchDistance } from "@bevan/query";
import {
  type AggregateQueryKind,
  alertedSince,
  appendAudit,
  canonicalJson,
  cellsAnsweredSince,
  type DisclosureAlertKind,
  logAggregateQuery,
  type Principal,
  raiseDisclosureAlert,
  type SqlClient,
} from "@bevan/state";
import type { CohortCounts } from "./cohort-engine.ts";
import { HttpError } from "./http-error.ts";

export interface QueryBudgetOptions {
  /** Published cells a user may be answered per rolling 24 hours (default 500). */
  readonly cellsPerDay: number;
  /** Sets closer than this (in people) to an earlier set are refused (default 8: the threshold). */
  readonly minDifference: number;
  /** Sets within this many people of an earlier set count as overlapping (default 30). */
  readonly overlapDistance: number;
  /** Overlapping cells per rolling 24 hours that raise an alert (default 200). */
  readonly overlapAlertCells: number;
}

export const DEFAULT_QUERY_BUDGET: QueryBudgetOptions = Object.freeze({
  cellsPerDay: 500,
  minDifference: 8,
  overlapDistance: 30,
  overlapAlertCells: 200,
});

/** One set of people a query publishes a figure for: its size, cell key and sketch. */
export interface AnsweredSet {
  readonly size: number;
  readonly key: number;
  readonly sketch: Sketch;
}

interface Remembered extends AnsweredSet {
  readonly at: number;
  readonly definition: string;
}

const DAY = 24 * 60 * 60 * 1000;

export class QueryRefusedError extends HttpError {}

/** The size of a set as an order of magnitude, for the log. */
export function sizeBand(n: number): string {
  if (n === 0) return "0";
  if (n < 8) return "1-7";
  if (n < 100) return "8-99";
  if (n < 1000) return "100-999";
  if (n < 10_000) return "1000-9999";
  return "10000+";
}

export function definitionFingerprint(definition: unknown): string {
  return createHash("sha256").update(canonicalJson(definition)).digest("hex").slice(0, 16);
}

export class QueryBudget {
  readonly options: QueryBudgetOptions;
  readonly #state: SqlClient;
  readonly #now: () => number;
  readonly #memory = new Map<string, Remembered[]>();
  readonly #overlaps = new Map<string, { at: number; cells: number }[]>();
  /** Identities of cells without a sketch (breakdown groups) answered in the window: free again. */
  readonly #seen = new Map<string, Map<string, number>>();

  constructor(state: SqlClient, options: Partial<QueryBudgetOptions> = {}, now: () => number = Date.now) {
    this.options = { ...DEFAULT_QUERY_BUDGET, ...options };
    this.#state = state;
    this.#now = now;
  }

  /**
   * Admits a free-form query that would publish a figure for each of `sets` (a cohort, or a
   * timeline's month ends), checked against the user's earlier sets, plus `otherCells`
   * (identities of cells without a sketch, e.g. a breakdown group's size and key; free when
   * already answered), or refuses it with a clear message (and logs either way).
   */
  async admit(
    principal: Principal,
    kind: AggregateQueryKind,
    definition: unknown,
    sets: readonly AnsweredSet[],
    otherCells: readonly string[] = [],
  ): Promise<void> {
    const now = this.#now();
    const userId = principal.userId;
    const seen = this.#seen.get(userId) ?? new Map<string, number>();
    for (const [id, at] of seen) if (now - at >= DAY) seen.delete(id);
    this.#seen.set(userId, seen);
    const newOthers = [...new Set(otherCells)].filter((id) => !seen.has(id));
    const fingerprint = definitionFingerprint(definition);
    const remembered = (this.#memory.get(userId) ?? []).filter((r) => now - r.at < DAY);
    this.#memory.set(userId, remembered);
    let nearest: number | null = null;
    let fresh = 0;
    let overlapping = 0;
    let tooClose = false;
    for (const s of sets) {
      let identical = false;
      let closest = Number.POSITIVE_INFINITY;
      for (const r of remembered) {
        if (Math.abs(r.size - s.size) > this.options.overlapDistance) continue;
        const d = sketchDistance(r.sketch, s.sketch);
        if (d === 0 && r.size === s.size && r.key === s.key) {
          identical = true;
          break;
        }
        // The same definition asked again (another breakdown, a timeline's other months):
        // its sets are the user's own view of one cohort, not a pair built to subtract.
        if (r.definition === fingerprint) continue;
        closest = Math.min(closest, d);
      }
      if (identical) continue;
      fresh++;
      if (Number.isFinite(closest)) {
        nearest = nearest === null ? closest : Math.min(nearest, closest);
        if (closest < this.options.minDifference && s.size > 0) tooClose = true;
        if (closest <= this.options.overlapDistance) overlapping++;
      }
    }
    const cells = fresh + newOthers.length;
    const largest = sets.reduce((m, s) => Math.max(m, s.size), 0);
    const entry = {
      userId,
      role: principal.role.code,
      kind,
      definitionFingerprint: fingerprint,
      sizeBand: sizeBand(largest),
      nearest,
    };
    if (tooClose) {
      await logAggregateQuery(
        this.#state,
        { ...entry, cells: 0, outcome: "refused-difference" },
        new Date(now),
      );
      await this.#alert(
        principal,
        "differencing",
        `a ${kind} differing by fewer than ${this.options.minDifference} people from an earlier one was refused`,
        now,
      );
      throw new QueryRefusedError(
        403,
        "too_close_to_earlier_query",
        `this cohort differs by fewer than ${this.options.minDifference} people from one you asked about earlier, so the difference between their figures could reveal a few people; change the definition so it differs by more, or ask an analyst with person-level access`,
      );
    }
    const used = await cellsAnsweredSince(this.#state, userId, new Date(now - DAY));
    if (used + cells > this.options.cellsPerDay) {
      await logAggregateQuery(this.#state, { ...entry, cells: 0, outcome: "refused-budget" }, new Date(now));
      if (!(await alertedSince(this.#state, userId, "budget", new Date(now - DAY))))
        await this.#alert(
          principal,
          "budget",
          `daily budget of ${this.options.cellsPerDay} figures reached`,
          now,
        );
      throw new QueryRefusedError(
        429,
        "query_budget_exceeded",
        `you have used ${used} of your ${this.options.cellsPerDay} figures from free-form cohort questions in the last 24 hours and this one needs ${cells}; figures you have already seen do not count again, saved dashboards are not affected, and the budget frees up as the day rolls on (an administrator can raise it)`,
      );
    }
    await logAggregateQuery(this.#state, { ...entry, cells, outcome: "answered" }, new Date(now));
    for (const s of sets) remembered.push({ ...s, at: now, definition: fingerprint });
    for (const id of newOthers) seen.set(id, now);
    if (overlapping > 0) {
      const window = (this.#overlaps.get(userId) ?? []).filter((o) => now - o.at < DAY);
      window.push({ at: now, cells: overlapping });
      this.#overlaps.set(userId, window);
      const total = window.reduce((a, o) => a + o.cells, 0);
      if (
        total >= this.options.overlapAlertCells &&
        !(await alertedSince(this.#state, userId, "overlap", new Date(now - DAY)))
      )
        await this.#alert(
          principal,
          "overlap",
          `${total} figures in 24 hours about sets within ${this.options.overlapDistance} people of earlier ones (a tracker-like pattern)`,
          now,
        );
    }
  }

  async #alert(principal: Principal, kind: DisclosureAlertKind, detail: string, now: number): Promise<void> {
    await raiseDisclosureAlert(this.#state, { userId: principal.userId, kind, detail }, new Date(now));
    await appendAudit(this.#state, {
      userId: principal.userId,
      username: principal.username,
      role: principal.role.code,
      scope: principal.scopes,
      action: "disclosure.alert",
      endpoint: "query budget",
      params: { kind, detail },
      rowCount: 0,
      personIds: [],
      clientIp: null,
    });
  }
}

/**
 * Charges a cohort count and its breakdowns to the caller's query budget (a role without
 * direct care): the cohort's set is checked against their earlier ones; each breakdown cell
 * counts once per day.
 */
export async function admitCount(
  budget: QueryBudget,
  principal: Principal,
  kind: "preview" | "count",
  definition: unknown,
  run: CohortCounts,
): Promise<void> {
  const sets = run.sketch ? [{ size: run.count, key: run.key, sketch: run.sketch }] : [];
  const others = Object.entries(run.breakdowns).flatMap(([dimension, rows]) =>
    (rows ?? []).map((r) => `${dimension}|${r.value ?? ""}|${r.count}|${r.key ?? ""}`),
  );
  await budget.admit(principal, kind, definition, sets, others);
}
