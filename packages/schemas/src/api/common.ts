import { z } from "zod";

/**
 * A calendar day as Terra writes it (`YYYY-MM-DD`), checked to be a real date: `2026-02-30` is
 * refused here rather than silently rolled over by the database, and so is year 0000, which
 * PostgreSQL's `date` does not have (it counts 1 BC, then AD 1).
 */
export const ApiDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "expected a date as YYYY-MM-DD" })
  .refine(isCalendarDate, { message: "not a calendar date (years 0001–9999)" })
  .meta({ description: "Calendar date, YYYY-MM-DD", example: "2026-07-01" });

/** `YYYY-MM-DD` naming a real day of the years 0001–9999. */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || s.startsWith("0000")) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export const MAX_PAGE_LIMIT = 500;
export const DEFAULT_PAGE_LIMIT = 100;

/** Query strings carry numbers as text; coerce, then bound. */
export const ApiLimitSchema = z.coerce
  .number()
  .int()
  .min(1)
  .max(MAX_PAGE_LIMIT)
  .default(DEFAULT_PAGE_LIMIT)
  .meta({ description: `Page size, 1–${MAX_PAGE_LIMIT}` });

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Text PostgreSQL can hold: `text` refuses NUL, `jsonb` (the audit log's details) also a lone surrogate. */
export function isStorableText(s: string): boolean {
  return !s.includes("\u0000") && !UNPAIRED_SURROGATE.test(s);
}
const STORABLE = { message: "must not contain NUL (\\u0000) or an unpaired surrogate" };

/**
 * A free-text parameter or body field (a user id, a provider, a type filter, a reference id):
 * 1–256 characters of text PostgreSQL can hold (a 400 here, not a database error).
 */
export const ApiTextParamSchema = z.string().min(1).max(256).refine(isStorableText, STORABLE);

export const ApiCursorSchema = z
  .string()
  .min(1)
  .max(512)
  .refine(isStorableText, STORABLE)
  .meta({ description: "Opaque `next_cursor` from the previous page" });

/** A keyset page: stable while rows are inserted, because the cursor names the last row seen. */
export function apiPageOf<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    next_cursor: z.string().nullable().describe("Pass as `cursor` for the next page; null at the end"),
  });
}

/** `true`/`false` in a query string (z.coerce.boolean would read "false" as true). */
export const ApiQueryBooleanSchema = z.enum(["true", "false"]).transform((v) => v === "true");
