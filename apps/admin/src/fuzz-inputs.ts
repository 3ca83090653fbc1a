// Generated inputs for the admin API's no-5xx property (imported by no-5xx.property.test.ts only):
// the operations of an OpenAPI document, garbage for one parameter or body field at a time, and
// plausible values for the others so that the garbage is not hidden behind another field's 400.
import fc from "fast-check";
import type { Json } from "./test-app.ts";

export interface Param {
  name: string;
  in: "path" | "query" | "header";
  schema?: { type?: string; enum?: unknown[] };
}
/** The part of a JSON Schema (as zod-openapi writes it) that plausible bodies are made from. */
export interface Schema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  default?: unknown;
  example?: unknown;
  pattern?: string;
  format?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
}
export interface Operation {
  method: string;
  path: string;
  params: Param[];
  needsBody: boolean;
  /** The JSON body's schema, $refs resolved at the top. */
  body: Schema | null;
}

interface Context {
  components: Record<string, Schema>;
  seeds: readonly string[];
}

const b64 = (s: string) => Buffer.from(s).toString("base64url");
const EDGE_NUMBERS = [
  "0",
  "-0",
  "-1",
  "1",
  "1.5",
  "1e300",
  "1e400",
  "-1e400",
  "NaN",
  "Infinity",
  "-Infinity",
].concat(["9007199254740991", "9007199254740993", "99999999999999999999999", "0x10", " 7", "07", "1_000"]);
const EDGE_DATES = [
  "0000-01-01",
  "0000-00-00",
  "0001-01-01",
  "9999-12-31",
  "2024-02-29",
  "2023-02-29",
].concat(["2024-02-30", "2026-99-99", "10000-01-01", "-2026-01-01", "2026-1-1", "2026-01-01T00:00:00Z"]);
/** Sent as written: percent-escapes that do not decode, or decode to what a URL should not hold. */
const RAW = ["%", "%zz", "%ED%A0%80", "%00", "%FF%FE", "..", "%2e%2e", "a%2Fb", "%E2%80%AE"];

/** A cursor that decodes to the right shape with fields no row could have. */
const forgedCursor = fc
  .record({
    d: fc.oneof(
      fc.constant(null),
      fc.constantFrom(...EDGE_DATES),
      fc.string({ maxLength: 12 }),
      fc.integer(),
    ),
    i: fc.oneof(
      fc.integer(),
      fc.double(),
      fc.constantFrom(1e300, -1, 1.5, 2 ** 53 + 2, 0),
      fc.string({ maxLength: 5 }),
      fc.constant(null),
    ),
  })
  .map((c) => b64(JSON.stringify(c)));

export interface Value {
  text: string;
  raw?: boolean;
}
const text = (a: fc.Arbitrary<string>) => a.map((t): Value => ({ text: t }));
/** What is thrown at one parameter at a time. */
const garbage: fc.Arbitrary<Value> = fc.oneof(
  { weight: 3, arbitrary: text(forgedCursor) },
  {
    weight: 1,
    arbitrary: text(fc.constantFrom(b64('{"d":null,"i":1e400}'), b64('{"d":"0000-00-00","i":1}'))),
  },
  { weight: 2, arbitrary: text(fc.constantFrom(...EDGE_NUMBERS)) },
  { weight: 2, arbitrary: text(fc.constantFrom(...EDGE_DATES)) },
  { weight: 1, arbitrary: fc.constantFrom(...RAW).map((t): Value => ({ text: t, raw: true })) },
  { weight: 1, arbitrary: text(fc.base64String({ maxLength: 40 })) },
  { weight: 1, arbitrary: text(fc.string({ unit: "grapheme", maxLength: 20 })) },
  { weight: 1, arbitrary: text(fc.string({ unit: "binary", maxLength: 20 })) },
  { weight: 1, arbitrary: text(fc.string({ minLength: 257, maxLength: 700 })) },
  {
    weight: 1,
    arbitrary: text(fc.constantFrom("", "\u0000", "a\u0000b", "\uD800", " ", "null", "[]", "{}")),
  },
);

/** Values a parameter could well be given (its enum, the seeded ids and cursors, a date, a number). */
function plausible(p: Param, seeds: readonly string[]): fc.Arbitrary<Value> {
  const known = (p.schema?.enum ?? []).map(String);
  return text(fc.constantFrom(...known, ...seeds, "2026-03-01", "2026-03-31", "10"));
}

function encode(v: Value): string {
  if (v.raw) return v.text;
  try {
    return encodeURIComponent(v.text);
  } catch {
    return "%ED%A0%80"; // a lone surrogate has no UTF-8: send the bytes it would have been
  }
}

export function urlOf(op: Operation, chosen: (Value | undefined)[]): string {
  let path = op.path;
  const query: string[] = [];
  op.params.forEach((p, i) => {
    const v = chosen[i];
    if (v === undefined) return;
    if (p.in === "path") path = path.replace(`{${p.name}}`, encode(v));
    else query.push(`${p.name}=${encode(v)}`);
  });
  return query.length ? `${path}?${query.join("&")}` : path;
}

/**
 * One parameter gets garbage; the others are absent (query) or plausible, so that the garbage is
 * not hidden behind another parameter's 400.
 */
function inputs(
  op: Operation,
  target: number,
  seeds: readonly string[],
): fc.Arbitrary<(Value | undefined)[]> {
  return fc.tuple(
    ...op.params.map((p, i) => {
      if (i === target) return garbage;
      return p.in === "path"
        ? plausible(p, seeds)
        : fc.option(plausible(p, seeds), { nil: undefined, freq: 2 });
    }),
  );
}

function resolve(s: Schema, components: Record<string, Schema>): Schema {
  const name = s.$ref?.replace("#/components/schemas/", "");
  return name && components[name] ? resolve(components[name], components) : s;
}

/** A value the schema allows, or close: its example, default or enum, a date, a seed, a number. */
function plausibleJson(schema: Schema, ctx: Context): fc.Arbitrary<unknown> {
  const s = resolve(schema, ctx.components);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  if (s.example !== undefined) return fc.constant(s.example);
  if (s.default !== undefined) return fc.constant(s.default);
  switch (s.type) {
    case "integer":
    case "number":
      return fc.constantFrom(1, 2, 10);
    case "boolean":
      return fc.boolean();
    case "array":
      return fc.array(plausibleJson(s.items ?? {}, ctx), { minLength: 1, maxLength: 3 });
    case "object":
      return fc.record(
        Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, plausibleJson(v, ctx)])),
        {
          requiredKeys: s.required ?? [],
        },
      );
    default:
      if (s.format === "uri") return fc.constant("https://example.test/back");
      if (s.pattern?.includes("\\d{4}")) return fc.constantFrom("2026-03-01", "2026-03-31");
      return fc.constantFrom("body", "daily", ...ctx.seeds);
  }
}

/** What is thrown at one body field: the parameters' garbage as strings, and JSON of every kind. */
const garbageJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: garbage.map((v) => v.text) },
  // What a JSON body can carry and a query string cannot: lone surrogates; NUL again.
  { weight: 2, arbitrary: fc.constantFrom("\u0000", "a\u0000b", "\uD800", "x\uDFFFy", "\uDBFF\uDBFF") },
  fc.constantFrom(1e308, -1e308, -1, 0, -0, 1.5, 2 ** 53 + 2, 1e300, null, true, false),
  fc.double(),
  fc.array(
    garbage.map((v) => v.text),
    { maxLength: 3 },
  ),
  fc.array(fc.constantFrom(1e300, -1, 0, 1.5, 2 ** 31, 2 ** 63), { minLength: 1, maxLength: 3 }),
  fc.constantFrom({}, [], { nested: { deeper: "\u0000" } }),
);

/** One field of the body gets garbage, the others are plausible or absent. */
function bodies(schema: Schema, ctx: Context): fc.Arbitrary<unknown>[] {
  const props = Object.entries(schema.properties ?? {});
  return props.map(([target]) =>
    fc.record(
      Object.fromEntries(props.map(([k, v]) => [k, k === target ? garbageJson : plausibleJson(v, ctx)])),
      {
        requiredKeys: [target, ...(schema.required ?? [])].filter((k, i, a) => a.indexOf(k) === i),
      },
    ),
  );
}

/**
 * The operations of the app's OpenAPI document (path and query parameters, the JSON body's
 * schema) with the generators bound to its components and to `seeds` (ids and cursors that exist).
 */
export function fuzzModel(doc: Json, seeds: readonly string[]) {
  const ctx: Context = { components: doc.components?.schemas ?? {}, seeds };
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries<Record<string, Json>>(doc.paths)) {
    for (const [method, op] of Object.entries<Json>(item)) {
      operations.push({
        method: method.toUpperCase(),
        path,
        params: (op.parameters ?? []).filter((p: Param) => p.in === "path" || p.in === "query"),
        needsBody: Boolean(op.requestBody?.required),
        body: op.requestBody
          ? resolve(op.requestBody.content?.["application/json"]?.schema ?? {}, ctx.components)
          : null,
      });
    }
  }
  return {
    operations,
    inputs: (op: Operation, target: number) => inputs(op, target, seeds),
    plausible: (p: Param) => plausible(p, seeds),
    bodies: (schema: Schema) => bodies(schema, ctx),
  };
}
