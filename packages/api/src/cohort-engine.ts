// What the API needs from the cohort language: validate a definition, and count, chart and
// list it — always against the caller's ScopedWarehouse, so a cohort can never reach outside
// the caller's scope. The implementation is ir-cohort-engine.ts.
import type {
  Attrition,
  BreakdownDimension,
  BreakdownRow,
  CohortDefinition,
  DataVersion,
  MemberPage,
  MemberPageQuery,
  ReasonColumn,
  ScopedWarehouse,
  Sketch,
  TimelinePoint,
} from "@bevan/query";

export interface CohortCounts {
  readonly data: DataVersion;
  /** The evaluation date: the build's as-of date. */
  readonly asOf: string;
  readonly count: number;
  /** The cohort's cell key (docs/disclosure-control.md). */
  readonly key: number;
  readonly breakdowns: Partial<Record<BreakdownDimension, readonly BreakdownRow[]>>;
  /** The cohort's set sketch, when asked for (the query budget's tracker check). */
  readonly sketch?: Sketch;
}

export interface CohortEngine {
  /**
   * Checks a definition against the cohort language (schema and meaning) and returns it
   * typed and frozen; throws CohortValidationError naming each offending node's path.
   */
  validate(definition: unknown): CohortDefinition;
  /** The warehouse build every answer comes from. */
  dataVersion(): Promise<DataVersion>;
  /**
   * The count and the breakdowns asked for. Like timeline and members, it resolves saved
   * cohort references and refuses a definition whose scores the build has not made
   * (ScoresNotBuiltError) rather than answering 0.
   */
  count(
    sw: ScopedWarehouse,
    definition: unknown,
    by: readonly BreakdownDimension[],
    options?: { sketch?: boolean },
  ): Promise<CohortCounts>;
  /** Counts (with cell keys, and set sketches when asked) at each month end from `from` to `to`. */
  timeline(
    sw: ScopedWarehouse,
    definition: unknown,
    from: string,
    to: string,
    options?: { sketch?: boolean },
  ): Promise<{ data: DataVersion; points: TimelinePoint[] }>;
  /** Members in ascending pseudonymous id; all of them when `page` is null. */
  members(
    sw: ScopedWarehouse,
    definition: unknown,
    page: { limit: number; offset: number } | null,
  ): Promise<{ data: DataVersion; asOf: string; total: number; personIds: bigint[] }>;
  /** The population and, per step of the top-level "all of", the people meeting it alone and left after it. */
  attrition(
    sw: ScopedWarehouse,
    definition: unknown,
  ): Promise<{ data: DataVersion; asOf: string } & Attrition>;
  /**
   * A page (or with `page: null` all) of the members, filtered and sorted, with the values
   * that put each on the list. `reasons` are the columns of the resolved definition.
   */
  memberPage(
    sw: ScopedWarehouse,
    definition: unknown,
    query: MemberPageQuery,
  ): Promise<{ data: DataVersion; asOf: string; reasons: readonly ReasonColumn[]; page: MemberPage }>;
}
