// Verifying the audit trail: walk the chain from the first event (every seal recomputed,
// every link and sequence number checked), compare the head row, then hold the trail
// against every checkpoint written outside the state. Reports the first problem found.
import { timingSafeEqual } from "node:crypto";
import { type AuditRow, auditHead, auditSettings, fromRow } from "./audit.ts";
import { type AuditEvent, eventSeal, GENESIS_HASH } from "./audit-chain.ts";
import { type ReadCheckpoint, readCheckpointFile, readLogCheckpoints } from "./audit-checkpoints.ts";
import type { AuditKey } from "./audit-key.ts";
import type { Sql } from "./sql.ts";

/** What was wrong, for the console and the tests. */
export type AuditProblem =
  | "missing" // a sequence number is absent (deleted)
  | "link" // an event's previous-seal is not the seal before it (inserted, reordered)
  | "altered" // an event's seal does not match its content (edited, re-chained)
  | "other-key" // sealed with another key than the one given
  | "no-key" // keyed events, but no key to check them with
  | "downgraded" // an unkeyed event after keyed ones
  | "unsealed" // events, none of them keyed
  | "head" // the head row disagrees with the events (newest removed)
  | "truncated" // a checkpoint names an event the trail no longer has
  | "rewritten" // an event differs from what a checkpoint recorded
  | "checkpoint-forged" // a checkpoint line without a valid MAC
  | "checkpoints-missing"; // keyed events but no checkpoint file, or an emptied one

export interface CheckpointReport {
  /** Checkpoints checked against the trail (valid MAC, not superseded by a restore). */
  readonly checked: number;
  /** The newest sequence number a checkpoint names, or 0. */
  readonly latestSeq: number;
  /** Where they were read from. */
  readonly sources: readonly string[];
  /** Restores recorded by the state's owner (events lost when the backup was taken back). */
  readonly restores: readonly { readonly at: string; readonly fromSeq: number; readonly toSeq: number }[];
}

export type AuditVerification =
  | {
      readonly ok: true;
      readonly events: number;
      readonly headHash: string;
      readonly keyed: number;
      readonly checkpoints: CheckpointReport;
    }
  | {
      readonly ok: false;
      readonly events: number;
      readonly brokenAt: number;
      readonly problem: AuditProblem;
      readonly reason: string;
      readonly checkpoints: CheckpointReport;
    };

export interface VerifyOptions {
  /** The audit key; default: the one the state was opened with. */
  readonly key?: AuditKey | null;
  /** The checkpoint file; default: the state's. `null` checks none. */
  readonly checkpointFile?: string | null;
  /** Server logs to read checkpoint lines from. */
  readonly logs?: readonly string[];
}

const PAGE = 5000;

export async function verifyAudit(db: Sql, options: VerifyOptions = {}): Promise<AuditVerification> {
  const settings = auditSettings(db);
  const key = options.key === undefined ? (settings?.key ?? null) : options.key;
  const file =
    options.checkpointFile === undefined ? (settings?.checkpointFile ?? null) : options.checkpointFile;
  const fromFile = file ? readCheckpointFile(file, key) : null;
  const read: ReadCheckpoint[] = [
    ...(fromFile ?? []),
    ...(options.logs ?? []).flatMap((l) => readLogCheckpoints(l, key)),
  ];
  const { usable, report, forged } = sortCheckpoints(read, [
    ...(file ? [file] : []),
    ...(options.logs ?? []),
  ]);
  const fail = (
    events: number,
    brokenAt: number,
    problem: AuditProblem,
    reason: string,
  ): AuditVerification => ({
    ok: false,
    events,
    brokenAt,
    problem,
    reason,
    checkpoints: report,
  });
  if (forged)
    return fail(
      0,
      0,
      "checkpoint-forged",
      `line ${forged.line} of ${forged.source} is not a checkpoint sealed with this audit key (edited or forged)`,
    );
  // The seals the checkpoints name, to compare while walking.
  const wanted = new Map<number, ReadCheckpoint[]>();
  for (const c of usable) {
    const seq = c.entry?.seq ?? 0;
    wanted.set(seq, [...(wanted.get(seq) ?? []), c]);
  }
  // The head is read after the checkpoints (each written after its event committed, so none
  // names an event past this head) and bounds the walk: events appended while it runs are
  // left for the next verification.
  const head = await auditHead(db);
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let events = 0;
  let keyed = 0;
  for (;;) {
    const rows = await db.query<AuditRow>(
      "SELECT * FROM audit_events WHERE seq >= $1 AND seq <= $2 ORDER BY seq LIMIT $3",
      [expectedSeq, head.seq, PAGE],
    );
    for (const row of rows) {
      const e = fromRow(row);
      if (e.seq !== expectedSeq)
        return fail(events, expectedSeq, "missing", `event ${expectedSeq} is missing`);
      const problem = checkEvent(e, prev, key, keyed > 0);
      if (problem) return fail(events, e.seq, problem.problem, problem.reason);
      for (const c of wanted.get(e.seq) ?? [])
        if (c.entry?.hash !== e.hash)
          return fail(
            events,
            e.seq,
            "rewritten",
            `event ${e.seq} is not the event the checkpoint of ${c.entry?.at} recorded (line ${c.line} of ${c.source}): the trail was rewritten`,
          );
      if (e.chain === "hmac-sha256") keyed++;
      prev = e.hash;
      expectedSeq++;
      events++;
    }
    if (rows.length < PAGE) break;
  }
  if (head.seq !== events || head.hash !== prev)
    return fail(
      events,
      events + 1,
      "head",
      `the chain head records ${head.seq} events but ${events} are present (the newest events were removed)`,
    );
  // Appends move the head in the same transaction, so an event past the head now was put
  // there behind the application's back.
  const beyond = await db.query<{ seq: number }>(
    "SELECT min(seq) AS seq FROM audit_events WHERE seq > (SELECT seq FROM audit_head WHERE id = 1)",
  );
  if (beyond[0]?.seq != null)
    return fail(
      events,
      beyond[0].seq,
      "link",
      `event ${beyond[0].seq} lies beyond the chain head (inserted)`,
    );
  if (report.latestSeq > events) {
    const c = usable.find((x) => x.entry?.seq === report.latestSeq);
    return fail(
      events,
      events + 1,
      "truncated",
      `the checkpoint of ${c?.entry?.at} (line ${c?.line} of ${c?.source}) records event ${report.latestSeq}, but the trail ends at event ${events}: events were removed`,
    );
  }
  if (events > 0 && keyed === 0)
    return fail(
      events,
      1,
      "unsealed",
      "no event is sealed with the audit key, so the trail is not protected against rewriting: start `bevan serve` once to seal it",
    );
  if (keyed > 0 && file && fromFile === null)
    return fail(
      events,
      events,
      "checkpoints-missing",
      `there is no checkpoint file at ${file}, so removal of the newest events cannot be ruled out (was it deleted?)`,
    );
  if (keyed > 0 && file && fromFile !== null && fromFile.length === 0)
    return fail(
      events,
      events,
      "checkpoints-missing",
      `the checkpoint file ${file} is empty although ${keyed} events are sealed: it was emptied`,
    );
  return { ok: true, events, headHash: prev, keyed, checkpoints: report };
}

function checkEvent(
  e: AuditEvent,
  prev: string,
  key: AuditKey | null,
  keyedBefore: boolean,
): { problem: AuditProblem; reason: string } | null {
  if (e.prevHash !== prev)
    return {
      problem: "link",
      reason: "its previous-seal does not match the event before it (inserted or reordered)",
    };
  const { hash, ...body } = e;
  if (e.chain === "sha256") {
    if (keyedBefore)
      return {
        problem: "downgraded",
        reason: "it is unkeyed although earlier events are keyed (re-chained)",
      };
  } else {
    if (!key) return { problem: "no-key", reason: "it is sealed with the audit key, and no key was given" };
    if (e.keyId !== key.id)
      return {
        problem: "other-key",
        reason: `it is sealed with another audit key (id ${e.keyId}) than the one given (id ${key.id})`,
      };
  }
  const expected = Buffer.from(eventSeal(body, key), "hex");
  const actual = Buffer.from(hash, "hex");
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual))
    return { problem: "altered", reason: "its content does not match its seal (altered or re-chained)" };
  return null;
}

/** Splits checkpoints into usable ones and superseded ones; finds the first forged line. */
function sortCheckpoints(read: readonly ReadCheckpoint[], sources: readonly string[]) {
  const forged = read.find((c) => !c.macOk) ?? null;
  const restores = read.flatMap((c) => (c.macOk && c.entry?.kind === "restore" ? [c.entry] : []));
  // A checkpoint written before a restore, for an event after the restored head, names an
  // event the restore (recorded under the key) gave up. A restore mark records the restored
  // head, so it is checked like a checkpoint.
  const usable = read.filter((c) => {
    const e = c.entry;
    return c.macOk && e !== null && !restores.some((r) => r.at > e.at && e.seq > r.seq);
  });
  const report: CheckpointReport = {
    checked: usable.length,
    latestSeq: Math.max(0, ...usable.map((c) => c.entry?.seq ?? 0)),
    sources,
    restores: restores.map((r) => ({ at: r.at, fromSeq: r.fromSeq, toSeq: r.seq })),
  };
  return { usable, report, forged };
}
