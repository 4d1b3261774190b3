// Imaging demand forecasts kept as they were made (migration 081), so that a later build of the
// warehouse can score them against the weeks that followed. Keyed by the warehouse's as-of date,
// the viewer's scope (forecasts differ by what the viewer can see) and the list.
import type { Sql } from "./sql.ts";

/** One list's weekly forecast: week start dates with the mean and interval ends. */
export interface KeptForecastWeeks {
  readonly weeks: readonly string[];
  readonly mean: readonly number[];
  readonly p10: readonly number[];
  readonly p90: readonly number[];
  readonly p025: readonly number[];
  readonly p975: readonly number[];
}

export interface KeptForecast {
  readonly asOf: string;
  readonly trust: string;
  readonly modality: string;
  readonly forecast: KeptForecastWeeks;
}

/** Keeps the forecasts made at `asOf` for `scope`; a list already kept for that date and scope is left as it was. */
export async function keepImagingForecasts(
  db: Sql,
  asOf: string,
  scope: string,
  lists: readonly { trust: string; modality: string; forecast: KeptForecastWeeks }[],
): Promise<void> {
  await db.transaction(async (tx) => {
    for (const l of lists)
      await tx.query(
        "INSERT INTO imaging_forecasts (as_of, scope, trust, modality, forecast) VALUES ($1, $2, $3, $4, $5::jsonb) ON CONFLICT DO NOTHING",
        [
          asOf,
          scope,
          l.trust,
          l.modality,
          JSON.stringify({
            weeks: l.forecast.weeks,
            mean: l.forecast.mean,
            p10: l.forecast.p10,
            p90: l.forecast.p90,
            p025: l.forecast.p025,
            p975: l.forecast.p975,
          }),
        ],
      );
  });
}

/** The forecasts kept for `scope` at as-of dates before `before`, oldest first. */
export async function keptImagingForecasts(db: Sql, scope: string, before: string): Promise<KeptForecast[]> {
  const rows = await db.query<{ as_of: string; trust: string; modality: string; forecast: unknown }>(
    "SELECT CAST(as_of AS text) AS as_of, trust, modality, forecast FROM imaging_forecasts WHERE scope = $1 AND as_of < CAST($2 AS date) ORDER BY as_of, trust, modality",
    [scope, before],
  );
  return rows.map((r) => ({
    asOf: String(r.as_of).slice(0, 10),
    trust: r.trust,
    modality: r.modality,
    forecast: (typeof r.forecast === "string" ? JSON.parse(r.forecast) : r.forecast) as KeptForecastWeeks,
  }));
}
