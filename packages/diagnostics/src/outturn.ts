// Forecasts against outturn: forecasts kept as they were made at earlier as-of dates, scored on
// the weeks of actual requests that have arrived since. A week counts once per list and forecast;
// it is inside an interval when its count lies between the interval's ends, both included (the
// kept forecasts hold the interval ends, not the draws, so this is the plain share).

export interface KeptListForecast {
  readonly asOf: string;
  readonly trust: string;
  readonly modality: string;
  readonly forecast: {
    readonly weeks: readonly string[];
    readonly p10: readonly number[];
    readonly p90: readonly number[];
    readonly p025: readonly number[];
    readonly p975: readonly number[];
  };
}

export interface ActualRequests {
  /** Week start dates of the actual series. */
  readonly weeks: readonly string[];
  readonly lists: readonly {
    readonly trust: string;
    readonly modality: string;
    readonly counts: readonly number[];
  }[];
}

export interface OutturnScore {
  /** As-of dates of the kept forecasts with at least one week to score. */
  readonly origins: readonly string[];
  /** Weeks scored (list × forecast × week). */
  readonly weeks: number;
  /** Share of those weeks inside the 80% and 95% intervals; null with no week to score. */
  readonly inside80: number | null;
  readonly inside95: number | null;
}

/** Scores kept forecasts on the weeks of `actual` that they forecast. */
export function scoreOutturn(kept: readonly KeptListForecast[], actual: ActualRequests): OutturnScore {
  const at = new Map(actual.weeks.map((w, i) => [w, i]));
  const origins = new Set<string>();
  let weeks = 0;
  let in80 = 0;
  let in95 = 0;
  for (const k of kept) {
    const list = actual.lists.find((l) => l.trust === k.trust && l.modality === k.modality);
    if (!list) continue;
    k.forecast.weeks.forEach((week, h) => {
      const i = at.get(week);
      const y = i === undefined ? undefined : list.counts[i];
      if (y === undefined) return;
      weeks++;
      origins.add(k.asOf);
      if (y >= (k.forecast.p10[h] ?? Number.NaN) && y <= (k.forecast.p90[h] ?? Number.NaN)) in80++;
      if (y >= (k.forecast.p025[h] ?? Number.NaN) && y <= (k.forecast.p975[h] ?? Number.NaN)) in95++;
    });
  }
  return {
    origins: [...origins].sort(),
    weeks,
    inside80: weeks ? in80 / weeks : null,
    inside95: weeks ? in95 / weeks : null,
  };
}
