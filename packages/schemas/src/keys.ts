// Natural keys of records. Activity and sleep are identified by their summary id; the per-day types
// by the date part of metadata.start_time AS WRITTEN: converting to UTC first would move a record
// that starts at local midnight east of Greenwich to the previous day.
import type { DataType } from "./models/index.ts";

type Meta = { summary_id?: unknown; start_time?: unknown; end_time?: unknown };

function metadataOf(record: unknown): Meta {
  if (record && typeof record === "object" && "metadata" in record) {
    const m = (record as { metadata?: unknown }).metadata;
    if (m && typeof m === "object") return m as Meta;
  }
  return {};
}

/** `YYYY-MM-DD` from an ISO-8601 string as written, or null when it does not start with a date. */
function datePart(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(value);
  return m ? (m[1] as string) : null;
}

/**
 * The natural key of a record within one user and type: summary_id for activity and sleep (falling
 * back to `start_time|end_time` when it is null or empty), the date part of `metadata.start_time`
 * for daily, body, nutrition and menstruation, and `"athlete"` for the one athlete profile.
 * Throws when the record has none of these, which a validated record always has.
 */
export function recordKey(type: DataType, record: unknown): string {
  if (type === "athlete") return "athlete";
  const meta = metadataOf(record);
  if (type === "activity" || type === "sleep") {
    if (typeof meta.summary_id === "string" && meta.summary_id !== "") return meta.summary_id;
    if (typeof meta.start_time === "string" && typeof meta.end_time === "string") {
      return `${meta.start_time}|${meta.end_time}`;
    }
    throw new Error(`${type} record has neither metadata.summary_id nor start_time and end_time`);
  }
  const date = datePart(meta.start_time);
  if (date === null) throw new Error(`${type} record has no metadata.start_time date`);
  return date;
}

/**
 * The calendar day a record belongs to (`YYYY-MM-DD`, the date part of `metadata.start_time` as
 * written, never converted to UTC), or null for athlete and records without a start time.
 */
export function recordDate(type: DataType, record: unknown): string | null {
  if (type === "athlete") return null;
  return datePart(metadataOf(record).start_time);
}
