// Shenzhen keeps UTC+8 all year (no daylight saving since 1991), so a fixed offset is exact.
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** `2026-11-23T13:05:07.123+08:00`: the instant in Shenzhen time with its UTC offset. */
export function toShanghaiIso(date: Date): string {
  return new Date(date.getTime() + SHANGHAI_OFFSET_MS).toISOString().replace("Z", "+08:00");
}

/** `2026-11-23 13:05:07 +08:00`, for tables and exports. */
export function formatShanghaiDateTime(date: Date): string {
  const iso = toShanghaiIso(date);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} +08:00`;
}

/** Parses `YYYY-MM-DD` as the start of that day in Shenzhen. */
export function shanghaiDayStart(day: string): Date {
  return new Date(new Date(`${day}T00:00:00.000Z`).getTime() - SHANGHAI_OFFSET_MS);
}

/** The `YYYY-MM-DD` date in Shenzhen of an instant. */
export function shanghaiDate(date: Date): string {
  return toShanghaiIso(date).slice(0, 10);
}
