// Validation that keeps what it can (ADR 0203): a body whose records are all valid and all as
// Terra documents them passes one compiled strict check and is returned as is. Otherwise the
// envelope and each record are judged alone: a record that fails is reported and left out, a
// record that is only unusual (an unknown enum code, a third coordinate, a `Z` timestamp) is kept
// as sent with warnings. The extra work happens only when something is wrong.
import type { z } from "zod";
import type { HotSchema } from "./common.ts";
import type { SchemaWarning } from "./tolerance.ts";
import { warningsOf } from "./warnings.ts";

/** One problem of a refused record or envelope; the message never quotes a received value. */
export interface SchemaIssue {
  /** Dotted path ("measurements_data.measurements.0.weight_kg"); "" for the value itself. */
  path: string;
  message: string;
  /** Occurrences merged into this issue: same message and field pattern (array indices aside). */
  count: number;
}

/** One record of a data event that failed validation; its siblings are kept. */
export interface RecordFailure {
  /** Index in the event's original `data` array. */
  index: number;
  /** Paths relative to the record; messages never quote a received value. */
  issues: SchemaIssue[];
}

/** What the detailed parse of a body with records found. */
export type Detailed<T> =
  | { success: true; data: T; warnings: SchemaWarning[]; failedRecords: RecordFailure[] }
  | { success: false; issues: SchemaIssue[] };

/** At most this many distinct issues are listed per record or envelope (the first ones). */
export const MAX_ISSUES = 20;

type ZodIssue = z.core.$ZodIssue;

const pathOf = (path: readonly PropertyKey[]) => path.map(String).join(".");
const shapeOf = (path: readonly PropertyKey[]) =>
  path.map((p) => (typeof p === "number" ? "*" : String(p))).join(".");

/** Issues merged by message and field pattern, so 16,000 bad samples make one line, not 16,000. */
export function toIssues(issues: readonly ZodIssue[]): SchemaIssue[] {
  const merged = new Map<string, SchemaIssue>();
  for (const i of issues) {
    const key = `${shapeOf(i.path)}\u0000${i.message}`;
    const seen = merged.get(key);
    if (seen) seen.count++;
    else if (merged.size < MAX_ISSUES)
      merged.set(key, { path: pathOf(i.path), message: i.message, count: 1 });
  }
  return [...merged.values()];
}

type Judged = { ok: true; warnings: SchemaWarning[] } | { ok: false; issues: ZodIssue[] };

/** One unit (a record, an envelope, a whole event without records) against its schema. */
export function judge(hot: HotSchema<unknown>, value: unknown, warningPrefix = ""): Judged {
  if (hot.passes(value, true)) return { ok: true, warnings: [] };
  if (!hot.passes(value, false)) {
    const issues = hot.issues(value, false);
    // The compiled validator and the interpreter agree by zod's design; if not, the interpreter wins.
    if (issues.length) return { ok: false, issues };
  }
  return { ok: true, warnings: warningsOf(hot.schema, value, warningPrefix) };
}

/**
 * A body whose `key` holds an array of records (`data`): the envelope (the body with no records)
 * and every record are judged apart. The result holds the passing records in their order; the body
 * itself is returned when every record passed.
 */
export function parseWithRecords<T>(
  body: unknown,
  whole: HotSchema<unknown>,
  record: HotSchema<unknown>,
  key = "data",
): Detailed<T> {
  if (whole.passes(body, true)) return { success: true, data: body as T, warnings: [], failedRecords: [] };
  const obj = body as Record<string, unknown>;
  const records = body && typeof body === "object" ? obj[key] : undefined;
  // Not an object, or records that are not an array: the envelope is wrong, nothing to split.
  if (!Array.isArray(records)) return parseWhole<T>(body, whole);
  const envelope = judge(whole, { ...obj, [key]: [] });
  if (!envelope.ok) return { success: false, issues: toIssues(envelope.issues) };
  const warnings = [...envelope.warnings];
  const failedRecords: RecordFailure[] = [];
  const kept: unknown[] = [];
  records.forEach((r, index) => {
    const judged = judge(record, r, `${key}.${index}.`);
    if (judged.ok) {
      kept.push(r);
      warnings.push(...judged.warnings);
    } else failedRecords.push({ index, issues: toIssues(judged.issues) });
  });
  const data = (failedRecords.length ? { ...obj, [key]: kept } : body) as T;
  return { success: true, data, warnings, failedRecords };
}

/** A body that is its own only unit (lifecycle events, athlete): it passes whole or fails whole. */
export function parseWhole<T>(body: unknown, whole: HotSchema<unknown>): Detailed<T> {
  const judged = judge(whole, body);
  return judged.ok
    ? { success: true, data: body as T, warnings: judged.warnings, failedRecords: [] }
    : { success: false, issues: toIssues(judged.issues) };
}
