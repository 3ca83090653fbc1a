// Building blocks shared by every model. Terra's rule is "every field is nullable unless marked
// required" and "new fields may appear at any time", so optional fields accept null and absence,
// and objects are loose: unknown keys are kept, never stripped and never an error.
import { z } from "zod";
import { inStrictMode } from "./tolerance.ts";

export {
  DATE_PATTERN,
  DateStringSchema,
  STANDARD_TIMESTAMP_PATTERN,
  TIMESTAMP_PATTERN,
  TimestampSchema,
} from "./timestamps.ts";

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
 * A boolean check of `schema` by zod's compiled validator (`z.compile`'s generated code, the
 * assert-only form: no output built), or by its interpreter when the app asked zod not to generate
 * code (`z.config({ jitless: true })`, for CSP) or the schema cannot be compiled (a recursive root,
 * or `new Function` refused). `schema.validate` would re-run the interpreter on every rejection
 * (our refinements make zod unsure a rejection is final); these refinements are pure predicates that
 * never throw, so a compiled rejection is final, and the detailed parse (ADR 0203) relies on a
 * strict-mode rejection being cheap.
 */
export function compiledCheck(schema: z.ZodType): (input: unknown) => boolean {
  if (!z.config().jitless) {
    try {
      const validator = z.core.compileFn(schema, { assertOnly: true });
      return (input) => validator(input) !== z.core.INVALID;
    } catch {
      // Not compilable as a whole: z.compile keeps zod's own fallback (the interpreter).
    }
  }
  const fallback = z.config().jitless ? schema : z.compile(schema);
  return (input) => fallback.safeParse(input).success;
}

/** Uses of one schema after which it is compiled (compiling a large schema takes ~0.1–0.3 s). */
export const COMPILE_AFTER_USES = 3;

/**
 * One schema's parsers: zod's interpreter for the first few uses, and after that zod's compiled
 * boolean validator (compiledCheck, no output object built): a short-lived process or a test
 * parsing a handful of events does not pay for compilation, a server parsing thousands pays neither
 * for interpretation nor for a deep copy of every sample. On success the compiled path returns the
 * input object itself, which is only correct because these schemas never transform, default or
 * strip anything (loose objects all the way down; a test walks them to keep it so). Issues always
 * come from the interpreter, so errors and paths are zod's. `strict` runs the same check in strict
 * mode (tolerance.ts): one compiled function serves both.
 */
export interface HotSchema<T> {
  readonly schema: z.ZodType;
  /** Tolerant safe-parse. */
  parse(input: unknown): z.ZodSafeParseResult<T>;
  /** Whether `input` passes; strict also refuses what is only tolerated. */
  passes(input: unknown, strict: boolean): boolean;
  /** The interpreter's issues (empty when `input` passes). */
  issues(input: unknown, strict: boolean): z.core.$ZodIssue[];
  /** Compiles at once instead of after COMPILE_AFTER_USES uses (a server warming up at start). */
  compileNow(): void;
}

const hotSchemas = new WeakMap<z.ZodType, HotSchema<unknown>>();

/** The HotSchema of `schema`, one per schema object (so its uses are counted in one place). */
export function hotSchema<T extends z.ZodType>(schema: T): HotSchema<z.output<T>> {
  const cached = hotSchemas.get(schema);
  if (cached) return cached as HotSchema<z.output<T>>;
  let uses = 0;
  let fast: ((input: unknown) => boolean) | undefined;
  const use = () => {
    if (!fast && ++uses > COMPILE_AFTER_USES) fast = compiledCheck(schema);
    return fast;
  };
  const inMode = <R>(strict: boolean, fn: () => R): R => (strict ? inStrictMode(fn) : fn());
  const hot: HotSchema<z.output<T>> = {
    schema,
    parse(input) {
      if (use()?.(input)) return { success: true, data: input as z.output<T> };
      return schema.safeParse(input) as z.ZodSafeParseResult<z.output<T>>;
    },
    passes(input, strict) {
      const f = use();
      return inMode(strict, () => (f ? f(input) : schema.safeParse(input).success));
    },
    issues(input, strict) {
      return inMode(strict, () => schema.safeParse(input).error?.issues ?? []);
    },
    compileNow() {
      fast ??= compiledCheck(schema);
    },
  };
  hotSchemas.set(schema, hot as HotSchema<unknown>);
  return hot;
}
