// One owner for an embedded (PGlite) state folder: PGlite is one process's database, and two
// processes writing one folder have made it unreadable. The owner holds a lock file beside
// the folder naming its process; a second opener is refused with that name. A lock left by
// a process that has gone (a crash, a kill) is taken over.

import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { ensureDir, PRIVATE_FILE } from "./private-files.ts";

export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly command: string;
  readonly since: string;
}

/** The state folder is held by another live process. */
export class StateInUseError extends Error {
  readonly owner: LockOwner;
  constructor(dir: string, owner: LockOwner, lockFile: string) {
    const sameHost = owner.host === hostname();
    super(
      `the application state in ${dir} is in use by ${owner.command} (process ${owner.pid}${sameHost ? "" : ` on ${owner.host}`}, since ${owner.since}): ` +
        "an embedded state folder has one owner. Stop that process first, use the running server's API, " +
        "or move the state to a PostgreSQL server (`bevan state backup`, then `bevan state restore --database-url`)" +
        (sameHost ? "" : `; if that process is gone, delete ${lockFile}`),
    );
    this.name = "StateInUseError";
    this.owner = owner;
  }
}

export function lockFileFor(dir: string): string {
  return join(dirname(dir), `${basename(dir)}.lock`);
}

export interface StateLock {
  readonly file: string;
  release(): void;
}

/** Takes the folder's lock for this process, or throws StateInUseError naming its holder. */
export function lockStateDir(dir: string, command: string): StateLock {
  const file = lockFileFor(dir);
  ensureDir(dirname(file));
  const me: LockOwner = { pid: process.pid, host: hostname(), command, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, "wx", PRIVATE_FILE);
      writeSync(fd, `${JSON.stringify(me)}\n`);
      closeSync(fd);
      let released = false;
      return {
        file,
        release() {
          if (released) return;
          released = true;
          // Only our own lock: never one a later owner took over.
          if (readOwner(file)?.pid === me.pid) unlinkSync(file);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = readOwner(file);
    if (owner && (owner.host !== me.host || alive(owner.pid))) throw new StateInUseError(dir, owner, file);
    // Stale (its process is gone) or unreadable: move it aside atomically, so that of two
    // processes taking over at once only one succeeds, and try again.
    try {
      renameSync(file, `${file}.stale-${process.pid}`);
      unlinkSync(`${file}.stale-${process.pid}`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  const owner = readOwner(file);
  throw owner ? new StateInUseError(dir, owner, file) : new Error(`cannot take the lock ${file}`);
}

function readOwner(file: string): LockOwner | null {
  try {
    const v = JSON.parse(readFileSync(file, "utf8")) as LockOwner;
    return Number.isSafeInteger(v.pid) && typeof v.host === "string" ? v : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
