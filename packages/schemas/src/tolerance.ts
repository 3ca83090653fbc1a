// What Terra may add without breaking us (ADR 0203). Terra's enums grow, coordinates may gain an
// element, a timestamp may come in another ISO-8601 form: such a value is accepted and the record
// kept as sent, with a warning. Each tolerated check is a refinement that passes unless a parse
// runs in strict mode; strict mode refuses exactly those oddities. One schema tree (and one
// compiled parser per type) then answers both "is it valid?" and "is it what Terra documents?":
// the detailed parse asks strict first (the fast path) and tolerant only when strict says no.
import { z } from "zod";

/** Something Terra sent that we accept but do not know: the record is kept as sent. */
export interface SchemaWarning {
  /** From the event root, e.g. "data.3.metadata.type" (REST: from the response root). */
  path: string;
  code: SchemaWarningCode;
  /** Names the enum or field and may name the unknown code (a category code, never a measurement value). */
  message: string;
  /** Occurrences merged into this warning: same code, message and field pattern in one record. */
  count: number;
}

export const SCHEMA_WARNING_CODES = [
  "unknown_enum_value",
  "unknown_string_value",
  "extra_array_elements",
  "nonstandard_timestamp",
] as const;
export type SchemaWarningCode = (typeof SCHEMA_WARNING_CODES)[number];

let strict = false;

/**
 * Runs `fn` with tolerated checks refusing their oddities. Parsing is synchronous, so the flag
 * cannot leak into another parse; it is reset even when `fn` throws.
 */
export function inStrictMode<T>(fn: () => T): T {
  const before = strict;
  strict = true;
  try {
    return fn();
  } finally {
    strict = before;
  }
}

/** `predicate(value)` in strict mode (the warnings walk calls one check at a time). */
export function strictly(predicate: (value: unknown) => boolean, value: unknown): boolean {
  return inStrictMode(() => predicate(value));
}

/** True inside inStrictMode (for tolerated checks and their messages). */
export function isStrict(): boolean {
  return strict;
}

/** What a tolerated check is, for the warnings walk (warnings.ts). */
export interface Tolerated {
  code: SchemaWarningCode;
  /** The warning's message for a value the check tolerates (it passed in tolerant mode). */
  message(value: unknown): string;
}

/** Tolerated refinement predicate → its warning code and message. */
export const TOLERATED = new WeakMap<object, Tolerated>();

/** Registers `predicate` (a refinement that fails only in strict mode) as tolerated. */
export function tolerated<F extends (value: never) => boolean>(predicate: F, t: Tolerated): F {
  TOLERATED.set(predicate, t);
  return predicate;
}

/** The `params` a tolerated check puts on its issue, so a strict issue maps to its warning code. */
export function toleranceParams(code: SchemaWarningCode): { tolerance: SchemaWarningCode } {
  return { tolerance: code };
}

/** The warning code of a zod issue raised by a tolerated check, or null. */
export function toleranceOf(issue: { code?: string; params?: unknown }): SchemaWarningCode | null {
  const code = (issue.params as { tolerance?: unknown } | undefined)?.tolerance;
  return typeof code === "string" && (SCHEMA_WARNING_CODES as readonly string[]).includes(code)
    ? (code as SchemaWarningCode)
    : null;
}

/** A string code worth naming in a message: identifier-like and short (anything else stays unnamed). */
function nameable(value: unknown): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_.-]{1,40}$/.test(value);
}

type EnumValues = Readonly<Record<string, string | number>>;
type Open<T extends EnumValues> = T[keyof T] extends number
  ? T[keyof T] | (number & {})
  : T[keyof T] | (string & {});

/** Open enum schema → its name and const object (JSON Schema lists the known codes by name). */
export const OPEN_ENUMS = new Map<unknown, { name: string; values: EnumValues }>();

/**
 * One of Terra's enums, open: the known codes are named in the type (`ActivityType | (number & {})`
 * keeps editor completion), any other integer (string, for string enums) is accepted, and in
 * strict mode refused with a warning code. A value of the wrong JSON type always fails.
 */
export function openEnum<const T extends EnumValues>(values: T, name: string): z.ZodType<Open<T>, Open<T>> {
  const known = new Set<unknown>(Object.values(values));
  const numeric = Object.values(values).every((v) => typeof v === "number");
  // One message per unknown code, built once (a walk may meet the same code on every sample).
  const messages = new Map<unknown, string>();
  const message = (v: unknown) => {
    let m = messages.get(v);
    if (m === undefined) {
      m = numeric
        ? `${name} has no code ${String(v)} in this version; kept as sent`
        : `${name} has no value ${nameable(v) ? `"${v}"` : "like this one"} in this version; kept as sent`;
      if (messages.size < 1000) messages.set(v, m);
    }
    return m;
  };
  const code = numeric ? "unknown_enum_value" : "unknown_string_value";
  const check = tolerated((v: unknown) => !strict || known.has(v), { code, message });
  const refinement = {
    params: toleranceParams(code),
    error: (iss: { input?: unknown }) => message(iss.input),
  };
  const schema = numeric ? z.number().int().refine(check, refinement) : z.string().refine(check, refinement);
  OPEN_ENUMS.set(schema, { name, values });
  return schema as unknown as z.ZodType<Open<T>, Open<T>>;
}

/** True when `value` is one of the codes `values` names: narrows an open enum field to the known codes. */
export function isKnown<const T extends EnumValues>(values: T, value: unknown): value is T[keyof T] {
  return Object.values(values).includes(value as string | number);
}

/**
 * An array Terra documents with `size` elements (`[lat, lng]`): more are accepted and kept, and in
 * strict mode refused as `extra_array_elements`. Fewer stay as the element schema allows.
 */
export function atMost<S extends z.ZodType<readonly unknown[]>>(schema: S, size: number, what: string): S {
  const message = `${what} has more than ${size} elements; the extra ones are kept as sent`;
  const check = tolerated((a: readonly unknown[]) => !strict || a.length <= size, {
    code: "extra_array_elements",
    message: () => message,
  });
  return (schema as z.ZodType<readonly unknown[]>).refine(check, {
    params: toleranceParams("extra_array_elements"),
    error: message,
  }) as unknown as S;
}
