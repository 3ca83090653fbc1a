export const fmtNumber = (v: number | null | undefined, digits = 1): string =>
  v === null || v === undefined ? "–" : v.toLocaleString(undefined, { maximumFractionDigits: digits });

/** An ISO instant on the viewer's clock, to the minute. */
export const fmtInstant = (iso: string | null | undefined): string =>
  iso ? new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : "–";

/** A Terra timestamp as written (the wearer's local time), without converting it. */
export const fmtWallClock = (ts: string): string => ts.replace("T", " ").slice(0, 16);

/** A duration in seconds, to its two largest units: "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
export function fmtAge(seconds: number): string {
  const s = Math.floor(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  return `${Math.floor(s / 86_400)} d ${Math.floor((s % 86_400) / 3600)} h`;
}
