// Words for what the administration pages show: audit actions, purposes, permissions,
// scope levels and dates as an administrator reads them, never the codes underneath.
import type { AuditEventBody } from "@bevan/client";

export const PURPOSE_LABELS: Record<string, string> = {
  direct_care: "Direct care",
  planning: "Planning and commissioning",
  administration: "Administration",
};

export const PATIENT_DATA_LABELS: Record<string, string> = {
  identified: "Identifiable (NHS number), for patients registered in scope",
  pseudonymous: "Pseudonymised person-level data",
  none: "None",
};

export const PERMISSION_LABELS: Record<string, string> = {
  "aggregates:read": "Population reports",
  "patients:read": "Patient lists and records",
  "cohorts:read": "Cohorts",
  "cohorts:write": "Saving cohorts",
  "cohorts:members": "Cohort member lists",
  "data-quality:read": "Data loads and quality",
  "audit:read": "The audit trail",
  "users:manage": "Users, roles and scopes",
};

export const LEVEL_LABELS: Record<string, string> = {
  icb: "ICS",
  place: "Place",
  pcn: "PCN",
  practice: "Practice",
  trust: "Trust",
};

const ACTION_LABELS: Record<string, string> = {
  "patient.list": "Listed patients",
  "patient.read": "Opened a patient's record",
  "cohort.members": "Listed a cohort's members",
  "cohort.count-small": "Counted fewer than 8 people",
  "cohort.create": "Saved a new cohort",
  "cohort.version": "Saved a new version of a cohort",
  "cohort.share": "Changed who a cohort is shared with",
  "auth.sign-in": "Signed in",
  "auth.sign-in-failed": "Failed to sign in",
  "auth.sign-out": "Signed out",
  "user.list": "Listed users",
  "user.create": "Added a user",
  "user.disable": "Disabled a user",
  "user.enable": "Enabled a user",
  "user.grant": "Changed a user's role or scopes",
  "user.grant-refused": "Was refused a change (separation of duties)",
  "access.request": "Asked for a change a second administrator must approve",
  "access.approve": "Approved a change",
  "access.reject": "Rejected a change",
  "access.break-glass": "Broke the glass for a user",
  "access.break-glass-end": "Ended a break-glass grant",
  "access.break-glass-review": "Reviewed a break-glass grant",
  "audit.read": "Read the audit trail",
  "audit.sealed": "Sealed the trail with the audit key",
  "state.backup": "Backed up the application state",
  "state.restored": "Restored the application state from a backup",
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

export const AUDIT_KINDS = [
  { value: "", label: "Everything" },
  { value: "patient", label: "Patient-level reads" },
  { value: "sign-in", label: "Sign-ins and sign-outs" },
  { value: "administration", label: "Users, roles and access" },
  { value: "cohort", label: "Saved cohorts" },
  { value: "system", label: "The audit trail and backups" },
] as const;

const when = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "medium",
  timeZone: "UTC",
});

/** A timestamp as people read it (UTC, so every administrator sees the same time). */
export const fmtWhen = (iso: string | null | undefined): string =>
  iso ? `${when.format(new Date(iso))} UTC` : "–";

export function scopeLabel(
  scopes: readonly { level: string; code: string }[],
  names?: ReadonlyMap<string, string>,
) {
  if (scopes.length === 0) return "No data scope";
  return scopes.map((s) => `${LEVEL_LABELS[s.level] ?? s.level} ${names?.get(s.code) ?? s.code}`).join(", ");
}

/** What an event was about, in a line: the user changed, the people read, the cohort. */
export function eventDetail(e: AuditEventBody): string {
  const p = e.params as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof p.username === "string" && e.action !== "auth.sign-in-failed") parts.push(`user ${p.username}`);
  if (typeof p.role === "string") parts.push(`role ${p.role}`);
  if (typeof p.reason === "string") parts.push(`reason: ${p.reason}`);
  if (typeof p.why === "string") parts.push(p.why);
  if (typeof p.method === "string")
    parts.push(p.method === "oidc" ? "through the identity provider" : "local sign-in");
  if (e.cohortId)
    parts.push(`cohort ${e.cohortId.slice(0, 8)}${e.cohortVersion ? ` version ${e.cohortVersion}` : ""}`);
  if (e.personIds.length > 0)
    parts.push(`${e.personIds.length} ${e.personIds.length === 1 ? "person" : "people"}`);
  else if (e.rowCount > 0 && e.action.startsWith("patient.")) parts.push(`${e.rowCount} rows`);
  return parts.join("; ") || "–";
}
