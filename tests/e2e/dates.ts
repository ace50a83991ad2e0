/**
 * A Shenzhen calendar day as `YYYY-MM-DD`, `offsetDays` from today: rounds can only be opened
 * with a deadline of today or later, so specs compute theirs from the clock.
 */
export function shenzhenDay(offsetDays = 0): string {
  return new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}
