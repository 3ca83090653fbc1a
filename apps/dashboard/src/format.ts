export const fmtNumber = (v: number | null | undefined, digits = 1): string =>
  v === null || v === undefined ? "–" : v.toLocaleString(undefined, { maximumFractionDigits: digits });

/** An ISO instant on the viewer's clock, to the minute. */
export const fmtInstant = (iso: string | null | undefined): string =>
  iso ? new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : "–";

/** A Terra timestamp as written (the wearer's local time), without converting it. */
export const fmtWallClock = (ts: string): string => ts.replace("T", " ").slice(0, 16);
