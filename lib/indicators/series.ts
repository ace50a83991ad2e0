/**
 * The literacy rate is one series across plan periods: each plan adds its own targets (the
 * 2022–2025 plan over 25% in 2025, a next plan its 2030 target) to the same indicator.
 */
export interface SeriesTarget {
  year: number;
  value: number;
  comparator: string;
  planId: number | null;
}

/**
 * The target a plan's headline states: the plan's own (its last), else the last one within the
 * plan's years, else the last of the series.
 */
export function headlineTarget<T extends SeriesTarget>(
  targets: readonly T[],
  plan: { id: number; startYear: number; endYear: number } | null,
): T | null {
  const sorted = [...targets].sort((a, b) => a.year - b.year);
  if (plan) {
    const own = sorted.filter((target) => target.planId === plan.id);
    if (own.length > 0) return own.at(-1)!;
    const within = sorted.filter((target) => target.year >= plan.startYear && target.year <= plan.endYear);
    if (within.length > 0) return within.at(-1)!;
  }
  return sorted.at(-1) ?? null;
}

/**
 * The expected path from the baseline through every target in turn (straight between each two),
 * rounded to hundredths: the value for `year`, or null outside the baseline–last target span.
 */
export function expectedValue(baseline: { year: number; value: number }, targets: readonly SeriesTarget[], year: number): number | null {
  const stops = [{ year: baseline.year, value: baseline.value }, ...[...targets].sort((a, b) => a.year - b.year)].filter(
    (stop, index, all) => index === 0 || stop.year > all[index - 1]!.year,
  );
  for (let index = 1; index < stops.length; index++) {
    const from = stops[index - 1]!;
    const to = stops[index]!;
    if (year >= from.year && year <= to.year) {
      const value = from.value + ((to.value - from.value) * (year - from.year)) / (to.year - from.year);
      return Math.round(value * 100) / 100;
    }
  }
  return year === baseline.year ? baseline.value : null;
}
