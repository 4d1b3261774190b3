// Checkpoints of the audit chain's head, written outside the application state: one line
// per appended event in an append-only file beside (never inside) the state, and lines in
// the server log. Each carries a MAC under the audit key, so nobody without it can forge
// one, and they outlive whatever happens to the state: removing the newest events, or all
// of them, leaves checkpoints that name events the trail no longer has.
// A restore from a backup writes a restore mark: checkpoints written before it for events
// after the backup's head are superseded (those events were lost, and the mark says so).
import { createHmac, timingSafeEqual } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { canonicalJson } from "./audit-chain.ts";
import type { AuditKey } from "./audit-key.ts";
import { appendPrivateFile, ensureDir } from "./private-files.ts";

/** The chain's head at a moment: event `seq` had seal `hash`. */
export interface HeadCheckpoint {
  readonly kind: "head";
  readonly seq: number;
  readonly hash: string;
  readonly at: string;
  readonly keyId: string;
  readonly mac: string;
}

/** The state was restored from a backup whose head was `seq`/`hash`; it had been at `fromSeq`. */
export interface RestoreMark {
  readonly kind: "restore";
  readonly seq: number;
  readonly hash: string;
  readonly fromSeq: number;
  readonly at: string;
  readonly keyId: string;
  readonly mac: string;
}

export type CheckpointEntry = HeadCheckpoint | RestoreMark;

/** A checkpoint as read back: where it came from, and whether its MAC holds under the key. */
export interface ReadCheckpoint {
  readonly source: string;
  readonly line: number;
  readonly entry: CheckpointEntry | null;
  readonly macOk: boolean;
}

/** What the server log's checkpoint lines start with (`serve: audit checkpoint {...}`). */
export const LOG_MARKER = "audit checkpoint ";

function mac(key: AuditKey, fields: Omit<CheckpointEntry, "mac">): string {
  return createHmac("sha256", key.key)
    .update(`bevan-audit-checkpoint\n${canonicalJson(fields)}`)
    .digest("hex");
}

export function headCheckpoint(
  key: AuditKey,
  head: { seq: number; hash: string },
  at: string,
): HeadCheckpoint {
  const fields = { kind: "head" as const, seq: head.seq, hash: head.hash, at, keyId: key.id };
  return { ...fields, mac: mac(key, fields) };
}

export function restoreMark(
  key: AuditKey,
  restored: { seq: number; hash: string },
  fromSeq: number,
  at: string,
): RestoreMark {
  const fields = {
    kind: "restore" as const,
    seq: restored.seq,
    hash: restored.hash,
    fromSeq,
    at,
    keyId: key.id,
  };
  return { ...fields, mac: mac(key, fields) };
}

/** Appends one checkpoint line to the (owner-only) checkpoint file. */
export function writeCheckpoint(file: string, entry: CheckpointEntry): void {
  if (!existsSync(file)) ensureDir(dirname(file));
  appendPrivateFile(file, `${JSON.stringify(entry)}\n`);
}

/** The checkpoint file's lines, or null when the file does not exist. */
export function readCheckpointFile(file: string, key: AuditKey | null): ReadCheckpoint[] | null {
  if (!existsSync(file)) return null;
  return parseLines(readFileSync(file, "utf8"), file, key, (l) => l);
}

/** Checkpoint lines found in a server log (anything else in the log is ignored). */
export function readLogCheckpoints(file: string, key: AuditKey | null): ReadCheckpoint[] {
  return parseLines(readFileSync(file, "utf8"), file, key, (l) => {
    const at = l.indexOf(LOG_MARKER);
    return at < 0 ? null : l.slice(at + LOG_MARKER.length);
  });
}

function parseLines(
  text: string,
  source: string,
  key: AuditKey | null,
  pick: (line: string) => string | null,
): ReadCheckpoint[] {
  const out: ReadCheckpoint[] = [];
  text.split("\n").forEach((raw, i) => {
    const json = pick(raw.trim());
    if (json === null || json === "") return;
    const entry = parseEntry(json);
    out.push({ source, line: i + 1, entry, macOk: entry !== null && key !== null && macHolds(key, entry) });
  });
  return out;
}

function parseEntry(json: string): CheckpointEntry | null {
  try {
    const v = JSON.parse(json) as Record<string, unknown>;
    const common =
      Number.isSafeInteger(v.seq) &&
      typeof v.hash === "string" &&
      typeof v.at === "string" &&
      typeof v.keyId === "string" &&
      typeof v.mac === "string";
    if (!common) return null;
    if (v.kind === "head") return v as unknown as HeadCheckpoint;
    if (v.kind === "restore" && Number.isSafeInteger(v.fromSeq)) return v as unknown as RestoreMark;
    return null;
  } catch {
    return null;
  }
}

function macHolds(key: AuditKey, entry: CheckpointEntry): boolean {
  const { mac: given, ...fields } = entry;
  const expected = Buffer.from(mac(key, fields), "hex");
  const actual = Buffer.from(given, "hex");
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
