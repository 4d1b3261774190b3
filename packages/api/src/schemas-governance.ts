// Schemas of the administration area and of cohort sharing: users, roles (with their
// purpose), access requests awaiting a second administrator, break-glass grants, the audit
// trail and its verification.
import { type Static, Type } from "typebox";
import { OrgCode, Purpose, ScopeGrant } from "./schemas.ts";

export const Username = Type.String({
  pattern: "^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$",
  description: "Sign-in name: letters, digits and . _ @ -",
});
export const ScopeGrantSchema = Type.Object(
  {
    level: Type.Union(["icb", "place", "pcn", "practice", "trust"].map((l) => Type.Literal(l))),
    code: OrgCode,
  },
  { additionalProperties: false },
);
const RoleCode = Type.String({ pattern: "^[a-z_]{1,40}$" });

export const UserSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  scopes: Type.Array(ScopeGrant),
  disabled: Type.Boolean(),
  isDemo: Type.Boolean(),
  signIn: Type.Union([Type.Literal("password"), Type.Literal("oidc"), Type.Literal("none")]),
  createdAt: Type.String(),
});
export type AdminUser = Static<typeof UserSchema>;

export const NewUserBody = Type.Object(
  {
    username: Username,
    displayName: Type.String({ minLength: 1, maxLength: 200 }),
    role: RoleCode,
    scopes: Type.Array(ScopeGrantSchema, { maxItems: 200 }),
    password: Type.Optional(Type.String({ minLength: 12, maxLength: 200 })),
    oidc: Type.Optional(
      Type.Object(
        {
          issuer: Type.String({ minLength: 1, maxLength: 500 }),
          subject: Type.String({ minLength: 1, maxLength: 500 }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export const GrantBody = Type.Object(
  {
    role: Type.Optional(RoleCode),
    addScopes: Type.Optional(Type.Array(ScopeGrantSchema, { maxItems: 200 })),
    removeScopes: Type.Optional(Type.Array(ScopeGrantSchema, { maxItems: 200 })),
  },
  { additionalProperties: false },
);

export const AdminOrganisation = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Type.String(),
  parent: Type.Union([Type.String(), Type.Null()]),
});
export type AdminOrganisation = Static<typeof AdminOrganisation>;

export const RoleSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  description: Type.String(),
  purpose: Purpose,
  directCare: Type.Boolean(),
  patientData: Type.Union([Type.Literal("identified"), Type.Literal("pseudonymous"), Type.Literal("none")]),
  /** Whether users of this role see patient-level data: grants of it are held to separation of duties. */
  readsPatients: Type.Boolean(),
  permissions: Type.Array(Type.String()),
});
export type AdminRole = Static<typeof RoleSchema>;

export const AccessRequestSchema = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal("create"), Type.Literal("grant")]),
  username: Type.String(),
  role: Type.Union([Type.String(), Type.Null()]),
  addScopes: Type.Array(ScopeGrant),
  removeScopes: Type.Array(ScopeGrant),
  why: Type.String({ description: "Why a second administrator must approve it" }),
  requestedBy: Type.String(),
  requestedAt: Type.String(),
  expiresAt: Type.String(),
  status: Type.Union([
    Type.Literal("pending"),
    Type.Literal("approved"),
    Type.Literal("rejected"),
    Type.Literal("expired"),
  ]),
  decidedBy: Type.Union([Type.String(), Type.Null()]),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
});
export type AdminAccessRequest = Static<typeof AccessRequestSchema>;

/** A change that waits for a second administrator (HTTP 202). */
export const PendingResponse = Type.Object({
  pending: Type.Literal(true),
  request: AccessRequestSchema,
  user: UserSchema,
});

export const BreakGlassSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  role: Type.String(),
  scopes: Type.Array(ScopeGrant),
  reason: Type.String(),
  grantedBy: Type.String(),
  grantedAt: Type.String(),
  expiresAt: Type.String(),
  endedAt: Type.Union([Type.String(), Type.Null()]),
  endedBy: Type.Union([Type.String(), Type.Null()]),
  reviewedBy: Type.Union([Type.String(), Type.Null()]),
  reviewedAt: Type.Union([Type.String(), Type.Null()]),
  reviewNote: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
});
export type AdminBreakGlass = Static<typeof BreakGlassSchema>;
export const BreakGlassBody = Type.Object(
  {
    username: Username,
    role: RoleCode,
    scopes: Type.Array(ScopeGrantSchema, { minItems: 1, maxItems: 50 }),
    reason: Type.String({ minLength: 10, maxLength: 1000 }),
    hours: Type.Number({ exclusiveMinimum: 0, maximum: 24 }),
  },
  { additionalProperties: false },
);
export const ReviewBody = Type.Object(
  { note: Type.String({ minLength: 5, maxLength: 2000 }) },
  { additionalProperties: false },
);

export const AUDIT_KINDS = ["patient", "sign-in", "administration", "cohort", "system"] as const;
export const AuditQuery = Type.Object(
  {
    user: Type.Optional(Type.String({ maxLength: 100, description: "Who: a username" })),
    action: Type.Optional(
      Type.String({
        pattern: "^[a-z][a-z.-]{0,39}$",
        description: "What: an action, or a family ending in '.'",
      }),
    ),
    kind: Type.Optional(
      Type.Union(
        AUDIT_KINDS.map((k) => Type.Literal(k)),
        { description: "Patient-level reads, sign-ins, administration, cohort definitions, or the system" },
      ),
    ),
    flag: Type.Optional(Type.Literal("break-glass")),
    person: Type.Optional(Type.String({ pattern: "^[0-9]{1,19}$", description: "Pseudonymous person id" })),
    cohort: Type.Optional(Type.String({ format: "uuid" })),
    from: Type.Optional(Type.String({ format: "date-time", description: "When: from" })),
    to: Type.Optional(Type.String({ format: "date-time", description: "When: before" })),
    after: Type.Optional(
      Type.Integer({ minimum: 0, description: "Oldest first, after this sequence number" }),
    ),
    before: Type.Optional(
      Type.Integer({ minimum: 1, description: "Newest first, before this sequence number" }),
    ),
    order: Type.Optional(Type.Union([Type.Literal("oldest"), Type.Literal("newest")], { default: "oldest" })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  },
  { additionalProperties: false },
);
export const AuditEventSchema = Type.Object({
  seq: Type.Number(),
  at: Type.String(),
  userId: Type.Union([Type.String(), Type.Null()]),
  username: Type.Union([Type.String(), Type.Null()]),
  role: Type.Union([Type.String(), Type.Null()]),
  scope: Type.Array(ScopeGrant),
  action: Type.String(),
  endpoint: Type.String(),
  params: Type.Record(Type.String(), Type.Unknown()),
  cohortId: Type.Union([Type.String(), Type.Null()]),
  cohortVersion: Type.Union([Type.Number(), Type.Null()]),
  rowCount: Type.Number(),
  personIds: Type.Array(Type.String()),
  clientIp: Type.Union([Type.String(), Type.Null()]),
  flags: Type.Array(Type.String()),
  chain: Type.String(),
  keyId: Type.Union([Type.String(), Type.Null()]),
  prevHash: Type.String(),
  hash: Type.String(),
});
export type AuditEventBody = Static<typeof AuditEventSchema>;
export const AuditVerifyResponse = Type.Object({
  ok: Type.Boolean(),
  events: Type.Number(),
  brokenAt: Type.Optional(Type.Number()),
  problem: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String()),
  headHash: Type.Optional(Type.String()),
  keyed: Type.Optional(Type.Number()),
  checkpoints: Type.Object({
    checked: Type.Number(),
    latestSeq: Type.Number(),
    sources: Type.Array(Type.String()),
    restores: Type.Array(Type.Object({ at: Type.String(), fromSeq: Type.Number(), toSeq: Type.Number() })),
  }),
});
export type AuditVerifyResponse = Static<typeof AuditVerifyResponse>;

export const SharingSchema = Type.Union(
  [Type.Literal("private"), Type.Literal("team"), Type.Literal("scope")],
  {
    description:
      "private: only you; team: the people named; scope: everyone whose scope overlaps yours (read-only)",
  },
);
export const SharingBody = Type.Object(
  {
    sharing: SharingSchema,
    team: Type.Optional(
      Type.Array(
        Type.Object({ username: Username, canEdit: Type.Boolean() }, { additionalProperties: false }),
        {
          maxItems: 200,
        },
      ),
    ),
  },
  { additionalProperties: false },
);
export const ShareCandidate = Type.Object({
  username: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  canEdit: Type.Boolean({ description: "Whether their role may save cohorts (so be given editing)" }),
});
