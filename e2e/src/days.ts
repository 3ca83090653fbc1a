/** Calendar arithmetic on `YYYY-MM-DD` strings (UTC calendar, no time of day). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The date on the wall calendar of `timeZone` at `ms`: Terra dates records as the user lives them. */
export function localDay(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(ms));
}

export const minDay = (a: string, b: string) => (a < b ? a : b);
