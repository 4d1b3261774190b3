// How an audit event is sealed into the chain. Keyed events (`hmac-sha256`) carry
// HMAC-SHA-256(audit key, canonical JSON of every field and the previous event's seal):
// without the key nobody can edit, insert, reorder or re-chain events so that they verify.
// Events written before the key existed (`sha256`, plain SHA-256 of the same JSON) are
// kept as they were and sealed by the first keyed event, whose MAC covers their head.
import { createHash, createHmac } from "node:crypto";
import type { AuditKey } from "./audit-key.ts";
import type { ScopeGrant } from "./policy.ts";

export type AuditChainKind = "sha256" | "hmac-sha256";

export interface AuditInput {
  readonly userId: string | null;
  readonly username: string | null;
  readonly role: string | null;
  readonly scope: readonly ScopeGrant[];
  /** What kind of access, e.g. "patient.list", "patient.read", "cohort.members". */
  readonly action: string;
  /** The route and the parameters asked for. */
  readonly endpoint: string;
  readonly params: Record<string, unknown>;
  readonly cohortId?: string | null;
  readonly cohortVersion?: number | null;
  readonly rowCount: number;
  /** Pseudonymous ids of the persons whose records were returned. */
  readonly personIds: readonly string[];
  readonly clientIp: string | null;
  /** Marks for reviewers, e.g. "break-glass" for access under an emergency grant. */
  readonly flags?: readonly string[];
}

export interface AuditEvent extends Omit<AuditInput, "flags"> {
  readonly seq: number;
  readonly at: string;
  readonly flags: readonly string[];
  /** How this event is sealed: keyed (`hmac-sha256`) or, before the key existed, `sha256`. */
  readonly chain: AuditChainKind;
  /** The public fingerprint of the key that sealed it (keyed events). */
  readonly keyId: string | null;
  readonly prevHash: string;
  readonly hash: string;
}

export const GENESIS_HASH = "0".repeat(64);

/** The fields a seal covers (the legacy SHA-256 covers what it covered when it was written). */
function sealedFields(body: Omit<AuditEvent, "hash">): Record<string, unknown> {
  const legacy = {
    seq: body.seq,
    at: body.at,
    userId: body.userId,
    username: body.username,
    role: body.role,
    scope: body.scope,
    action: body.action,
    endpoint: body.endpoint,
    params: body.params,
    cohortId: body.cohortId ?? null,
    cohortVersion: body.cohortVersion ?? null,
    rowCount: body.rowCount,
    personIds: body.personIds,
    clientIp: body.clientIp,
    prevHash: body.prevHash,
  };
  if (body.chain === "sha256") return legacy;
  return { ...legacy, flags: body.flags, chain: body.chain, keyId: body.keyId };
}

/** The seal of an event: HMAC with the audit key, or the legacy SHA-256 for `sha256` events. */
export function eventSeal(body: Omit<AuditEvent, "hash">, key: AuditKey | null): string {
  const text = canonicalJson(sealedFields(body));
  if (body.chain === "sha256") return createHash("sha256").update(text).digest("hex");
  if (!key) throw new Error("a keyed audit event needs the audit key");
  return createHmac("sha256", key.key).update(text).digest("hex");
}

export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== "object") return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(v as Record<string, unknown>)
    .filter(([, x]) => x !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(",")}}`;
}
