// Saved cohorts, versioned. A saved cohort is an id and a list of immutable versions; editing
// creates a new version and never changes an old one, so a result that records (id, version)
// can always be reproduced. This file defines the storage interface and an in-memory store;
// the persistent PostgreSQL/PGlite store belongs to the application state (issue 8) and
// implements the same interface.
import { randomUUID } from "node:crypto";
import type { CohortDefinition } from "./ir.ts";
import { validateCohort } from "./validate.ts";

export interface SavedCohortVersion {
  readonly id: string;
  /** 1, 2, 3… in order of saving. */
  readonly version: number;
  readonly definition: CohortDefinition;
  readonly savedAt: string;
  readonly savedBy: string;
  readonly note?: string;
}

export interface SaveMeta {
  readonly savedBy: string;
  readonly note?: string;
}

export interface CohortStore {
  /** Saves a new cohort as version 1. */
  create(definition: CohortDefinition, meta: SaveMeta): Promise<SavedCohortVersion>;
  /** Saves an edit as the next version. An unchanged definition returns the latest version. */
  update(id: string, definition: CohortDefinition, meta: SaveMeta): Promise<SavedCohortVersion>;
  /** One version, or the latest when `version` is omitted; undefined if absent. */
  get(id: string, version?: number): Promise<SavedCohortVersion | undefined>;
  /** Every version of a cohort, oldest first. */
  history(id: string): Promise<readonly SavedCohortVersion[]>;
  /** The latest version of every cohort. */
  list(): Promise<readonly SavedCohortVersion[]>;
}

export class SavedCohortNotFoundError extends Error {
  constructor(id: string, version?: number) {
    super(`no saved cohort ${id}${version === undefined ? "" : ` version ${version}`}`);
    this.name = "SavedCohortNotFoundError";
  }
}

export interface MemoryStoreOptions {
  readonly now?: () => Date;
  readonly newId?: () => string;
}

/** Canonical JSON (sorted keys) so "unchanged" means unchanged in meaning, not key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export class MemoryCohortStore implements CohortStore {
  private readonly versions = new Map<string, SavedCohortVersion[]>();
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(options: MemoryStoreOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
  }

  private record(id: string, version: number, definition: CohortDefinition, meta: SaveMeta) {
    const saved: SavedCohortVersion = Object.freeze({
      id,
      version,
      definition: validateCohort(definition),
      savedAt: this.now().toISOString(),
      savedBy: meta.savedBy,
      ...(meta.note === undefined ? {} : { note: meta.note }),
    });
    this.versions.set(id, [...(this.versions.get(id) ?? []), saved]);
    return saved;
  }

  async create(definition: CohortDefinition, meta: SaveMeta): Promise<SavedCohortVersion> {
    const id = this.newId();
    if (this.versions.has(id)) throw new Error("cohort id collision");
    return this.record(id, 1, definition, meta);
  }

  async update(id: string, definition: CohortDefinition, meta: SaveMeta): Promise<SavedCohortVersion> {
    const all = this.versions.get(id);
    const latest = all?.at(-1);
    if (!latest) throw new SavedCohortNotFoundError(id);
    if (canonicalJson(latest.definition) === canonicalJson(definition)) return latest;
    return this.record(id, latest.version + 1, definition, meta);
  }

  async get(id: string, version?: number): Promise<SavedCohortVersion | undefined> {
    const all = this.versions.get(id) ?? [];
    return version === undefined ? all.at(-1) : all.find((v) => v.version === version);
  }

  async history(id: string): Promise<readonly SavedCohortVersion[]> {
    return [...(this.versions.get(id) ?? [])];
  }

  async list(): Promise<readonly SavedCohortVersion[]> {
    return [...this.versions.values()].flatMap((v) => v.slice(-1));
  }
}
