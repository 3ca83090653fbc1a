// Building blocks shared by every model. Terra's rule is "every field is nullable unless marked
// required" and "new fields may appear at any time", so optional fields accept null and absence,
// and objects are loose: unknown keys are kept, never stripped and never an error.
import { z } from "zod";

/**
 * ISO-8601 date-time as Terra writes it: `2026-07-01T07:04:11.000000+01:00`, with or without an
 * offset (no offset means the user's local time), with `Z`, `+00:00` or `+0000`. A space instead of
 * `T` is accepted because the healthcheck event's `creation_timestamp` is written that way.
 */
export const TIMESTAMP_PATTERN =
  /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/;

export const TimestampSchema = z
  .string()
  .regex(TIMESTAMP_PATTERN, { message: "expected an ISO-8601 date-time" });

/** A calendar date (`YYYY-MM-DD`); a full date-time is tolerated, as some providers send one. */
export const DATE_PATTERN =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

export const DateStringSchema = z
  .string()
  .regex(DATE_PATTERN, { message: "expected an ISO-8601 date (YYYY-MM-DD)" });

/** A Terra integer (counts, whole seconds where Terra says integer). */
export const Int = z.number().int();

/** A Terra number (floats; units are in the field names). */
export const Num = z.number();

/** One named contributor to a Terra enrichment score, as older payloads (SDK 2.0.x) send them. */
export const DataContributorSchema = z.looseObject({
  contributor_name: z.string().nullish(),
  contributor_score: z.number().nullish(),
});

/**
 * Contributors to an enrichment score. CONFLICT in Terra's sources: the 2026 spec sends a map of
 * contributor name to weight, older payloads an array of `{contributor_name, contributor_score}`.
 * Both are accepted as sent; neither is converted, so a stored document stays what Terra wrote.
 */
export const ContributorsSchema = z.union([z.record(z.string(), z.number()), z.array(DataContributorSchema)]);

/** A 32-bit signed integer, where Terra's schema bounds one (planned workouts). */
export const Int32 = z.number().int().min(-2147483648).max(2147483647);

/**
 * `z.compile(schema)` unless the app asked zod not to generate code (`z.config({ jitless: true })`,
 * for CSP); zod itself falls back to the interpreter when it cannot compile. Same rules either way.
 */
export function compiled<T extends z.ZodType>(schema: T): T {
  return z.config().jitless ? schema : z.compile(schema);
}

/** Uses of one schema after which it is compiled (compiling a large schema takes ~0.1–0.3 s). */
export const COMPILE_AFTER_USES = 3;

/**
 * A safe-parse that runs zod's interpreter for the first few uses, and after that zod's compiled
 * boolean validator (`schema.validate`, no output object built): a short-lived process or a test
 * parsing a handful of events does not pay for compilation, a server parsing thousands pays neither
 * for interpretation nor for a deep copy of every sample. On success the compiled path returns the
 * input object itself, which is only correct because these schemas never transform, default or
 * strip anything (loose objects all the way down; a test walks them to keep it so). Failures are
 * always re-parsed by the interpreter, so errors and paths are zod's.
 */
export function hotParser<T extends z.ZodType>(schema: T): HotParser<z.output<T>> {
  let uses = 0;
  let fast: T | undefined;
  const parse = ((input: unknown) => {
    if (!fast && ++uses > COMPILE_AFTER_USES) fast = compiled(schema);
    if (fast?.validate(input)) return { success: true, data: input as z.output<T> };
    return schema.safeParse(input) as z.ZodSafeParseResult<z.output<T>>;
  }) as HotParser<z.output<T>>;
  parse.compileNow = () => {
    fast ??= compiled(schema);
  };
  return parse;
}

export interface HotParser<T> {
  (input: unknown): z.ZodSafeParseResult<T>;
  /** Compiles at once instead of after COMPILE_AFTER_USES uses (a server warming up at start). */
  compileNow(): void;
}
