import { formatLocal, localMidnight, offsetMinutes } from "../time.ts";
import type { Person } from "../users.ts";

export interface GenOptions {
  /** Include the `*_samples` series and `detailed` blocks (Terra's `with_samples`). */
  withSamples: boolean;
  /** Only what has happened by this instant (epoch ms): a day in progress is partial. */
  asOfMs: number;
}

/** Everything a generator needs about one person on one local date. */
export interface DayContext {
  person: Person;
  date: string;
  tz: string;
  /** Epoch ms of local midnight. */
  dayStart: number;
  /** Offset (minutes) at local midnight; used for the day's end so start/end are 24 h apart. */
  startOffset: number;
  /** An instant written in the person's zone with the offset in force then. */
  ts(ms: number): string;
}

export function dayContext(person: Person, date: string): DayContext {
  const dayStart = localMidnight(date, person.timeZone);
  return {
    person,
    date,
    tz: person.timeZone,
    dayStart,
    startOffset: offsetMinutes(person.timeZone, dayStart),
    ts: (ms) => formatLocal(ms, person.timeZone),
  };
}

/** Body/Daily metadata: local midnight to the next, exactly 24 h apart, written with one offset. */
export function dayMetadata(ctx: DayContext): {
  start_time: string;
  end_time: string;
  timestamp_localization: 1;
} {
  return {
    start_time: formatLocal(ctx.dayStart, ctx.tz, ctx.startOffset),
    end_time: formatLocal(ctx.dayStart + 86_400_000, ctx.tz, ctx.startOffset),
    // LOCAL: timestamps are the user's wall-clock time with their offset.
    timestamp_localization: 1,
  };
}

/** A numeric, stable summary id (Withings ids are integers; Terra passes them as strings). */
export function summaryId(...parts: (string | number)[]): string {
  let h = 1469598103934665603n;
  for (const ch of parts.join("|")) {
    h ^= BigInt(ch.codePointAt(0) ?? 0);
    h = (h * 1099511628211n) & 0xffffffffffffn;
  }
  return String(1_000_000_000n + (h % 8_999_999_999n));
}

export function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

export function withingsDevice(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { manufacturer: "Withings", name, ...extra };
}
