// Whether the build wrote an optional table (person_risk is absent when the build did not score).
import type { ScopedWarehouse } from "../scope.ts";

export async function hasTable(sw: ScopedWarehouse, name: string): Promise<boolean> {
  const row = await sw.one<{ n: bigint }>(
    "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = $name",
    { name },
  );
  return Number(row.n) > 0;
}
