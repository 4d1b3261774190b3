// Each coordinator's capacity (people on the pathway at once) beside how many they hold, so a
// team lead assigns the triage queue to whoever has room.
import type { Sql } from "@bevan/state";

/** When no capacity is recorded: a full-time coordinator's usual caseload on a 13-week pathway. */
export const DEFAULT_CAPACITY = 25;

export interface CoordinatorLoad {
  readonly userId: string;
  readonly name: string;
  readonly capacity: number;
  /** People assigned and on the pathway (active). */
  readonly active: number;
  /** People assigned in the triage queue. */
  readonly triage: number;
  readonly monitoring: number;
}

export async function setCapacity(db: Sql, userId: string, capacity: number): Promise<void> {
  await db.query(
    `INSERT INTO care_coordinator_capacity (user_id, capacity) VALUES ($1, $2)
     ON CONFLICT (user_id) DO UPDATE SET capacity = excluded.capacity`,
    [userId, capacity],
  );
}

/** The coordinators among `userIds` (the team) with their loads. */
export async function coordinatorLoads(db: Sql, userIds: readonly string[]): Promise<CoordinatorLoad[]> {
  if (userIds.length === 0) return [];
  const rows = await db.query<{
    id: string;
    name: string;
    capacity: number | null;
    active: number;
    triage: number;
    monitoring: number;
  }>(
    `SELECT u.id, u.display_name AS name, c.capacity,
       count(e.id) FILTER (WHERE e.status = 'active')::int AS active,
       count(e.id) FILTER (WHERE e.status = 'triage')::int AS triage,
       count(e.id) FILTER (WHERE e.status = 'monitoring')::int AS monitoring
     FROM users u
     LEFT JOIN care_coordinator_capacity c ON c.user_id = u.id
     LEFT JOIN care_episodes e ON e.coordinator_id = u.id
     WHERE u.id = ANY(string_to_array($1, ',')) AND NOT u.disabled
     GROUP BY u.id, u.display_name, c.capacity ORDER BY u.display_name`,
    [userIds.join(",")],
  );
  return rows.map((r) => ({
    userId: r.id,
    name: r.name,
    capacity: r.capacity ?? DEFAULT_CAPACITY,
    active: r.active,
    triage: r.triage,
    monitoring: r.monitoring,
  }));
}
