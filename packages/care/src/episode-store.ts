// Caseloads in application state: episodes of care coordination (referral to the triage
// queue, the 13-week pathway, discharge to monitoring, closure, re-referral), each change a
// new version of the episode and an event in its history. Changes name the version they were
// made from; a stale one gets a ConflictError instead of overwriting someone else's change.
import { randomUUID } from "node:crypto";
import type { Sql } from "@bevan/state";
import { CareNotFoundError, CareRuleError, ConflictError } from "./errors.ts";
import {
  addWeeks,
  type Consent,
  checkMove,
  type EntryStatus,
  MONITORING_INTERVAL_WEEKS,
  type Move,
  nextStage,
  STAGES,
  type Stage,
  type Ticks,
} from "./pathway.ts";
import type { CarePlanContent } from "./plan.ts";

export interface Episode {
  readonly id: string;
  readonly personId: string;
  readonly teamCode: string;
  readonly coordinatorId: string | null;
  readonly status: EntryStatus;
  readonly stage: Stage | null;
  readonly source: string;
  readonly sourceRef: string | null;
  readonly reason: string;
  readonly consent: Consent;
  readonly consentAt: string | null;
  readonly referredAt: string;
  readonly pathwayStart: string | null;
  readonly stageStart: string | null;
  readonly dischargedAt: string | null;
  readonly nextMonitoring: string | null;
  readonly closedAt: string | null;
  readonly closeReason: string | null;
  readonly ticks: Ticks;
  readonly episode: number;
  readonly version: number;
  readonly updatedAt: string;
}

export interface EpisodeEvent {
  readonly episodeId: string;
  readonly seq: number;
  readonly at: string;
  readonly by: string | null;
  readonly kind: string;
  readonly detail: Record<string, unknown>;
}

const COLUMNS = `id, person_id::text AS person_id, team_code, coordinator_id, status, stage, source, source_ref, reason,
  consent, consent_at, referred_at, pathway_start::text AS pathway_start, stage_start::text AS stage_start,
  discharged_at::text AS discharged_at, next_monitoring::text AS next_monitoring, closed_at, close_reason, ticks,
  episode, version, updated_at`;

interface EpisodeRow extends Record<string, unknown> {
  id: string;
  person_id: string;
  team_code: string;
  coordinator_id: string | null;
  status: EntryStatus;
  stage: Stage | null;
  source: string;
  source_ref: string | null;
  reason: string;
  consent: Consent;
  consent_at: string | null;
  referred_at: string;
  pathway_start: string | null;
  stage_start: string | null;
  discharged_at: string | null;
  next_monitoring: string | null;
  closed_at: string | null;
  close_reason: string | null;
  ticks: Ticks;
  episode: number;
  version: number;
  updated_at: string;
}

const fromRow = (r: EpisodeRow): Episode => ({
  id: r.id,
  personId: r.person_id,
  teamCode: r.team_code,
  coordinatorId: r.coordinator_id,
  status: r.status,
  stage: r.stage,
  source: r.source,
  sourceRef: r.source_ref,
  reason: r.reason,
  consent: r.consent,
  consentAt: r.consent_at,
  referredAt: r.referred_at,
  pathwayStart: r.pathway_start,
  stageStart: r.stage_start,
  dischargedAt: r.discharged_at,
  nextMonitoring: r.next_monitoring,
  closedAt: r.closed_at,
  closeReason: r.close_reason,
  ticks: r.ticks ?? {},
  episode: r.episode,
  version: r.version,
  updatedAt: r.updated_at,
});

const pid = (personId: bigint | string) => BigInt(personId).toString();
const day = (d: Date) => d.toISOString().slice(0, 10);

export async function getEpisode(db: Sql, id: string): Promise<Episode | null> {
  const rows = await db.query<EpisodeRow>(`SELECT ${COLUMNS} FROM care_episodes WHERE id = $1`, [id]);
  return rows[0] ? fromRow(rows[0]) : null;
}

/** The person's open episode (triage, active or monitoring), if any. */
export async function openEpisode(db: Sql, personId: bigint | string): Promise<Episode | null> {
  const rows = await db.query<EpisodeRow>(
    `SELECT ${COLUMNS} FROM care_episodes WHERE person_id = $1::bigint AND status <> 'closed'`,
    [pid(personId)],
  );
  return rows[0] ? fromRow(rows[0]) : null;
}

/** Every episode of one person, newest first. */
export async function personEpisodes(db: Sql, personId: bigint | string): Promise<Episode[]> {
  const rows = await db.query<EpisodeRow>(
    `SELECT ${COLUMNS} FROM care_episodes WHERE person_id = $1::bigint ORDER BY referred_at DESC, episode DESC`,
    [pid(personId)],
  );
  return rows.map(fromRow);
}

export interface EpisodeFilter {
  /** Teams (practice or PCN codes) whose caseloads to list; an empty list lists nothing. */
  readonly teams?: readonly string[];
  readonly statuses?: readonly EntryStatus[];
  readonly coordinatorId?: string;
}

export async function listEpisodes(db: Sql, filter: EpisodeFilter = {}): Promise<Episode[]> {
  const where: string[] = [];
  const params: string[] = [];
  const add = (clause: string, value: string) => {
    params.push(value);
    where.push(clause.replaceAll("?", `$${params.length}`));
  };
  if (filter.teams) add("team_code = ANY(string_to_array(?, ','))", filter.teams.join(","));
  if (filter.statuses) add("status = ANY(string_to_array(?, ','))", filter.statuses.join(","));
  if (filter.coordinatorId) add("coordinator_id = ?", filter.coordinatorId);
  const rows = await db.query<EpisodeRow>(
    `SELECT ${COLUMNS} FROM care_episodes ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
     ORDER BY referred_at, id`,
    params,
  );
  return rows.map(fromRow);
}

export async function episodeEvents(db: Sql, episodeIds: readonly string[]): Promise<EpisodeEvent[]> {
  if (episodeIds.length === 0) return [];
  const rows = await db.query<{
    episode_id: string;
    seq: number;
    at: string;
    by: string | null;
    kind: string;
    detail: Record<string, unknown>;
  }>(
    `SELECT e.episode_id, e.seq, e.at, u.display_name AS by, e.kind, e.detail FROM care_episode_events e
     LEFT JOIN users u ON u.id = e.user_id
     WHERE e.episode_id = ANY(string_to_array($1, ',')) ORDER BY e.at, e.episode_id, e.seq`,
    [episodeIds.join(",")],
  );
  return rows.map((r) => ({
    episodeId: r.episode_id,
    seq: r.seq,
    at: r.at,
    by: r.by,
    kind: r.kind,
    detail: r.detail,
  }));
}

async function addEvent(
  tx: Sql,
  episodeId: string,
  at: string,
  by: string | null,
  kind: string,
  detail: Record<string, unknown>,
): Promise<void> {
  await tx.query(
    `INSERT INTO care_episode_events (episode_id, seq, at, user_id, kind, detail)
     SELECT $1, coalesce(max(seq), 0) + 1, $2, $3, $4, $5::jsonb FROM care_episode_events WHERE episode_id = $1`,
    [episodeId, at, by, kind, JSON.stringify(detail)],
  );
}

export interface Referral {
  readonly personId: bigint | string;
  readonly teamCode: string;
  readonly source: string;
  readonly sourceRef?: string | null;
  readonly reason: string;
  readonly coordinatorId?: string | null;
  /** Consent already recorded at referral (e.g. the person asked to be referred). */
  readonly consent?: Consent;
  readonly by: string | null;
  readonly now?: Date;
}

/** Adds a person to a team's triage queue. Refused while they have an open episode. */
export async function refer(db: Sql, r: Referral): Promise<Episode> {
  const at = (r.now ?? new Date()).toISOString();
  const id = randomUUID();
  return db.transaction(async (tx) => {
    // One open episode per person: checked under a lock on the person's key, so two
    // referrals at once cannot both pass (the unique index is the backstop).
    await tx.query("SELECT pg_advisory_xact_lock(2023, hashtext($1))", [pid(r.personId)]);
    const open = await tx.query<EpisodeRow>(
      `SELECT ${COLUMNS} FROM care_episodes WHERE person_id = $1::bigint AND status <> 'closed'`,
      [pid(r.personId)],
    );
    const existing = open[0];
    if (existing)
      throw new ConflictError(
        `this person is already on the ${existing.team_code} caseload (${existing.status}); open their care coordination record instead`,
        fromRow(existing),
      );
    const previous = await tx.query<{ n: number; consent: Consent | null }>(
      `SELECT count(*)::int AS n, (array_agg(consent ORDER BY referred_at DESC))[1] AS consent
       FROM care_episodes WHERE person_id = $1::bigint`,
      [pid(r.personId)],
    );
    const prior = previous[0];
    if ((prior?.consent === "declined" || prior?.consent === "withdrawn") && r.consent !== "given")
      throw new CareRuleError(
        "this person declined care coordination: refer them again only if they now agree, recording their consent as given",
      );
    await tx.query(
      `INSERT INTO care_episodes (id, person_id, team_code, coordinator_id, status, source, source_ref, reason,
         referred_at, episode, consent, consent_at, updated_at)
       VALUES ($1, $2::bigint, $3, $4, 'triage', $5, $6, $7, $8, $9, $10, $11, $8)`,
      [
        id,
        pid(r.personId),
        r.teamCode,
        r.coordinatorId ?? null,
        r.source,
        r.sourceRef ?? null,
        r.reason,
        at,
        (prior?.n ?? 0) + 1,
        r.consent ?? "not_asked",
        r.consent ? at : null,
      ],
    );
    await addEvent(tx, id, at, r.by, prior?.n ? "re-referred" : "referred", {
      team: r.teamCode,
      source: r.source,
      sourceRef: r.sourceRef ?? null,
      reason: r.reason,
    });
    const rows = await tx.query<EpisodeRow>(`SELECT ${COLUMNS} FROM care_episodes WHERE id = $1`, [id]);
    return fromRow(rows[0] as EpisodeRow);
  });
}

/** Loads an episode for change, locked, and checks the caller's version. */
async function forChange(tx: Sql, id: string, version: number): Promise<Episode> {
  const rows = await tx.query<EpisodeRow>(`SELECT ${COLUMNS} FROM care_episodes WHERE id = $1 FOR UPDATE`, [
    id,
  ]);
  const row = rows[0];
  if (!row) throw new CareNotFoundError("that care coordination episode");
  const e = fromRow(row);
  if (e.version !== version)
    throw new ConflictError(
      `this record was changed by someone else (version ${e.version}) after you opened version ${version}: nothing was saved; reload and try again`,
      e,
    );
  return e;
}

type Changes = Partial<Record<keyof EpisodeRow, string | number | null | Record<string, unknown>>>;

async function update(
  tx: Sql,
  e: Episode,
  changes: Changes,
  at: string,
  by: string | null,
  kind: string,
  detail: Record<string, unknown>,
): Promise<Episode> {
  const cols = Object.keys(changes);
  const sets = cols.map((c, i) => `${c} = $${i + 3}${c === "ticks" ? "::jsonb" : ""}`);
  await tx.query(
    `UPDATE care_episodes SET ${[...sets, "version = version + 1", "updated_at = $2"].join(", ")} WHERE id = $1`,
    [
      e.id,
      at,
      ...cols.map((c) =>
        c === "ticks" ? JSON.stringify(changes[c]) : (changes[c] as string | number | null),
      ),
    ],
  );
  await addEvent(tx, e.id, at, by, kind, detail);
  const rows = await tx.query<EpisodeRow>(`SELECT ${COLUMNS} FROM care_episodes WHERE id = $1`, [e.id]);
  return fromRow(rows[0] as EpisodeRow);
}

export interface ChangeOptions {
  readonly version: number;
  readonly by: string | null;
  readonly now?: Date;
}

export async function assign(
  db: Sql,
  id: string,
  coordinatorId: string | null,
  o: ChangeOptions,
): Promise<Episode> {
  const at = (o.now ?? new Date()).toISOString();
  return db.transaction(async (tx) => {
    const e = await forChange(tx, id, o.version);
    return update(tx, e, { coordinator_id: coordinatorId }, at, o.by, "assigned", { coordinatorId });
  });
}

/** Records consent; declining or withdrawing closes an open episode (consent is respected at once). */
export async function recordConsent(
  db: Sql,
  id: string,
  consent: Consent,
  o: ChangeOptions,
): Promise<Episode> {
  const at = (o.now ?? new Date()).toISOString();
  return db.transaction(async (tx) => {
    const e = await forChange(tx, id, o.version);
    const refused = consent === "declined" || consent === "withdrawn";
    return update(
      tx,
      e,
      refused && e.status !== "closed"
        ? {
            consent,
            consent_at: at,
            status: "closed",
            stage: null,
            closed_at: at,
            close_reason: `Consent ${consent}`,
            next_monitoring: null,
          }
        : { consent, consent_at: at },
      at,
      o.by,
      "consent",
      { consent },
    );
  });
}

export async function tick(
  db: Sql,
  id: string,
  item: { stage: Stage; id: string; done: boolean },
  o: ChangeOptions,
): Promise<Episode> {
  const at = (o.now ?? new Date()).toISOString();
  if (!STAGES.includes(item.stage)) throw new CareRuleError(`unknown stage ${item.stage}`);
  return db.transaction(async (tx) => {
    const e = await forChange(tx, id, o.version);
    const key = `${item.stage}:${item.id}`;
    const ticks: Record<string, { at: string; by: string }> = { ...e.ticks };
    if (item.done) ticks[key] = { at, by: o.by ?? "" };
    else delete ticks[key];
    return update(tx, e, { ticks }, at, o.by, "checklist", { item: key, done: item.done });
  });
}

/** Moves an episode along the pathway after checking the move's entry criteria (pathway.ts). */
export async function moveEpisode(
  db: Sql,
  id: string,
  move: Move,
  plan: CarePlanContent | null,
  o: ChangeOptions,
): Promise<Episode> {
  const now = o.now ?? new Date();
  const at = now.toISOString();
  const today = day(now);
  return db.transaction(async (tx) => {
    const e = await forChange(tx, id, o.version);
    const check = checkMove(e, plan, move);
    if (!check.allowed) throw new CareRuleError(check.missing.join("; "), check.missing);
    switch (move.kind) {
      case "accept":
        return update(
          tx,
          e,
          { status: "active", stage: "red", pathway_start: today, stage_start: today },
          at,
          o.by,
          "stage",
          {
            from: null,
            to: "red",
          },
        );
      case "advance": {
        const to = nextStage(e.stage as Stage);
        return update(tx, e, { stage: to, stage_start: today }, at, o.by, "stage", { from: e.stage, to });
      }
      case "discharge":
        return update(
          tx,
          e,
          {
            status: "monitoring",
            stage: null,
            discharged_at: today,
            next_monitoring: addWeeks(today, MONITORING_INTERVAL_WEEKS),
          },
          at,
          o.by,
          "discharged",
          { monitoringEveryWeeks: MONITORING_INTERVAL_WEEKS },
        );
      case "close":
        return update(
          tx,
          e,
          { status: "closed", stage: null, closed_at: at, close_reason: move.reason, next_monitoring: null },
          at,
          o.by,
          "closed",
          { reason: move.reason },
        );
      case "re-refer":
        throw new CareRuleError("re-referral opens a new episode: refer the person again");
    }
  });
}

/** Records a 3-monthly monitoring contact and sets the next one. */
export async function monitoringContact(
  db: Sql,
  id: string,
  note: string,
  o: ChangeOptions,
): Promise<Episode> {
  const now = o.now ?? new Date();
  return db.transaction(async (tx) => {
    const e = await forChange(tx, id, o.version);
    if (e.status !== "monitoring")
      throw new CareRuleError("monitoring contacts are for people discharged from the pathway");
    return update(
      tx,
      e,
      { next_monitoring: addWeeks(day(now), MONITORING_INTERVAL_WEEKS) },
      now.toISOString(),
      o.by,
      "monitoring-contact",
      { note },
    );
  });
}

/** Re-referral: closes a monitoring episode and opens a new one in triage. */
export async function reRefer(db: Sql, id: string, reason: string, o: ChangeOptions): Promise<Episode> {
  const e = await getEpisode(db, id);
  if (!e) throw new CareNotFoundError("that care coordination episode");
  const check = checkMove(e, null, { kind: "re-refer", reason });
  if (!check.allowed) throw new CareRuleError(check.missing.join("; "), check.missing);
  if (e.status === "monitoring") await moveEpisode(db, id, { kind: "close", reason: "Re-referred" }, null, o);
  return refer(db, {
    personId: e.personId,
    teamCode: e.teamCode,
    source: "re-referral",
    sourceRef: e.id,
    reason,
    coordinatorId: e.coordinatorId,
    by: o.by,
    ...(o.now ? { now: o.now } : {}),
  });
}
