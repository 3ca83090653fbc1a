import { addDays, compareDays, type DayRange, fromDayNumber, rangeDays, toDayNumber } from "./dates.ts";

/**
 * What a pass must fetch for one user × data type, as pure functions over days so they are tested
 * without a database: the horizon, the gaps inside it, the always re-fetched recent days, minus what
 * is already queued or was fetched since this pass began (ADR 0600).
 */

/** The history horizon: the last `historyDays` days, today included. */
export function horizonRange(today: string, historyDays: number): DayRange {
  return { start: addDays(today, -(historyDays - 1)), end: today };
}

/** The recent days Terra may still grow (it re-sends a growing day as a superset). */
export function refetchRange(today: string, refetchDays: number): DayRange | null {
  if (refetchDays <= 0) return null;
  return { start: addDays(today, -(refetchDays - 1)), end: today };
}

/** Sorted, merged union of ranges (adjacent ranges join). */
export function mergeRanges(ranges: readonly DayRange[]): DayRange[] {
  const sorted = [...ranges].sort((a, b) => compareDays(a.start, b.start));
  const out: DayRange[] = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && toDayNumber(r.start) <= toDayNumber(last.end) + 1) {
      if (compareDays(r.end, last.end) > 0) last.end = r.end;
    } else {
      out.push({ ...r });
    }
  }
  return out;
}

/** `ranges` minus `remove`, both as inclusive day ranges. */
export function subtractRanges(ranges: readonly DayRange[], remove: readonly DayRange[]): DayRange[] {
  const cut = mergeRanges(remove);
  const out: DayRange[] = [];
  for (const r of mergeRanges(ranges)) {
    let cursor = toDayNumber(r.start);
    const end = toDayNumber(r.end);
    for (const c of cut) {
      const cs = toDayNumber(c.start);
      const ce = toDayNumber(c.end);
      if (ce < cursor || cs > end) continue;
      if (cs > cursor) out.push({ start: fromDayNumber(cursor), end: fromDayNumber(cs - 1) });
      cursor = Math.max(cursor, ce + 1);
      if (cursor > end) break;
    }
    if (cursor <= end) out.push({ start: fromDayNumber(cursor), end: fromDayNumber(end) });
  }
  return out;
}

/** Ranges clipped to `bounds`. */
export function clipRanges(ranges: readonly DayRange[], bounds: DayRange): DayRange[] {
  const out: DayRange[] = [];
  for (const r of ranges) {
    const start = compareDays(r.start, bounds.start) < 0 ? bounds.start : r.start;
    const end = compareDays(r.end, bounds.end) > 0 ? bounds.end : r.end;
    if (compareDays(start, end) <= 0) out.push({ start, end });
  }
  return out;
}

export interface PlanInput {
  /** Today for this pass (`YYYY-MM-DD`). */
  today: string;
  /** Bounds asked for: the horizon for a pass, or `--from/--to` for `user`. */
  bounds: DayRange;
  /** Days missing from the coverage ledger inside `bounds`. */
  gaps: readonly DayRange[];
  refetchDays: number;
  /** Days fetched since this pass began (by us or an overlapping pass): never fetched twice. */
  freshSincePassStart: readonly DayRange[];
  /** Ranges already queued or in flight (pending, leased, waiting for the webhook). */
  open: readonly DayRange[];
}

/** The day ranges one pass must fetch for one user × data type. */
export function planRanges(input: PlanInput): DayRange[] {
  const recent = refetchRange(input.today, input.refetchDays);
  const wanted = clipRanges(recent ? [...input.gaps, recent] : input.gaps, input.bounds);
  return subtractRanges(wanted, [...input.freshSincePassStart, ...input.open]);
}

export type Splitter = (
  start: string,
  end: string,
  opts: { maxDays: number; alignToMonths: boolean },
) => DayRange[];

/** Windows for the planned ranges: aligned to months, at most `maxDays` each. */
export function toWindows(ranges: readonly DayRange[], maxDays: number, split: Splitter): DayRange[] {
  return ranges.flatMap((r) => split(r.start, r.end, { maxDays, alignToMonths: true }));
}

/** Days a set of windows asks Terra for (what the per-user budget counts). */
export function totalDays(windows: readonly DayRange[]): number {
  return windows.reduce((n, w) => n + rangeDays(w), 0);
}
