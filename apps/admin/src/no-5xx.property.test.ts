// Property: no input makes the admin API answer 5xx. Routes and their parameters come from the
// app's own OpenAPI document, so a route added later is covered without touching this file.
// Every query and path parameter gets generated values: strings of every kind, numbers at the
// edges, dates PostgreSQL has not, cursors that decode to out-of-range fields, base64 garbage;
// so does every field of every JSON body (plus lone surrogates and JSON of every type).
import {
  createBackfillJob,
  insertEvent,
  setEventStatus,
  upsertConnection,
  upsertRecords,
} from "@wearables/storage";
import { bodyDoc, dailyDoc } from "@wearables/storage/testing";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, type Harness, harness, type Json, json, READ_TOKEN } from "./test-app.ts";

/** Runs per parameter and token: ~35 parameters × 2 tokens × this stays within a few seconds. */
const RUNS = 30;
const USER = "u-fuzz";

interface Param {
  name: string;
  in: "path" | "query" | "header";
  schema?: { type?: string; enum?: unknown[] };
}
/** The part of a JSON Schema (as zod-openapi writes it) that plausible bodies are made from. */
interface Schema {
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
interface Operation {
  method: string;
  path: string;
  params: Param[];
  needsBody: boolean;
  /** The JSON body's schema, $refs resolved at the top. */
  body: Schema | null;
}

let h: Harness;
let operations: Operation[] = [];
let components: Record<string, Schema> = {};
const seeds: string[] = [USER, "1", "2", "3"];

beforeAll(async () => {
  h = await harness();
  await upsertConnection(h.db, { userId: USER, provider: "WITHINGS", referenceId: "ref-fuzz" });
  await upsertRecords(h.db, {
    type: "daily",
    userId: USER,
    source: "webhook",
    records: ["2026-03-01", "2026-03-02", "2026-03-03"].map((d) => dailyDoc(d)),
  });
  await upsertRecords(h.db, {
    type: "body",
    userId: USER,
    source: "webhook",
    records: [bodyDoc("2026-03-01")],
  });
  const enc = (o: unknown) => new TextEncoder().encode(JSON.stringify(o));
  await insertEvent(h.db, {
    rawBody: enc({ type: "healthcheck" }),
    type: "healthcheck",
    status: "processed",
  });
  const bad = await insertEvent(h.db, {
    rawBody: enc({ type: "daily", user: { user_id: USER } }),
    type: "daily",
  });
  await setEventStatus(h.db, { id: bad.id, status: "failed", error: "schema" });
  await createBackfillJob(h.db, {
    userId: USER,
    dataTypes: ["body"],
    startDate: "2026-01-01",
    endDate: "2026-01-31",
  });
  // Real cursors of each listing, to be mutated by nothing but the generators around them.
  for (const path of [`/v1/users/${USER}/daily?limit=1`, "/v1/users?limit=1", "/v1/events?limit=1"]) {
    const next = (await json(await h.call("GET", path))).next_cursor;
    if (typeof next === "string") seeds.push(next);
  }
  const doc = await json(await h.call("GET", "/openapi.json", { token: null }));
  components = doc.components?.schemas ?? {};
  for (const [path, item] of Object.entries<Json>(doc.paths)) {
    for (const [method, op] of Object.entries<Json>(item)) {
      operations.push({
        method: method.toUpperCase(),
        path,
        params: (op.parameters ?? []).filter((p: Param) => p.in === "path" || p.in === "query"),
        needsBody: Boolean(op.requestBody?.required),
        body: op.requestBody ? resolve(op.requestBody.content?.["application/json"]?.schema ?? {}) : null,
      });
    }
  }
  // Erasure and disconnection last, so the other routes see the seeded user.
  const rank = (o: Operation) => (o.method === "DELETE" ? 2 : o.path.includes("disconnect") ? 1 : 0);
  operations = operations.sort((a, b) => rank(a) - rank(b));
});
afterAll(() => h?.close());

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

interface Value {
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
function plausible(p: Param): fc.Arbitrary<Value> {
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

function urlOf(op: Operation, chosen: (Value | undefined)[]): string {
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
function inputs(op: Operation, target: number): fc.Arbitrary<(Value | undefined)[]> {
  return fc.tuple(
    ...op.params.map((p, i) => {
      if (i === target) return garbage;
      return p.in === "path" ? plausible(p) : fc.option(plausible(p), { nil: undefined, freq: 2 });
    }),
  );
}

function resolve(s: Schema): Schema {
  const name = s.$ref?.replace("#/components/schemas/", "");
  return name && components[name] ? resolve(components[name]) : s;
}

/** A value the schema allows, or close: its example, default or enum, a date, a seed, a number. */
function plausibleJson(schema: Schema): fc.Arbitrary<unknown> {
  const s = resolve(schema);
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
      return fc.array(plausibleJson(s.items ?? {}), { minLength: 1, maxLength: 3 });
    case "object":
      return fc.record(
        Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, plausibleJson(v)])),
        {
          requiredKeys: s.required ?? [],
        },
      );
    default:
      if (s.format === "uri") return fc.constant("https://example.test/back");
      if (s.pattern?.includes("\\d{4}")) return fc.constantFrom("2026-03-01", "2026-03-31");
      return fc.constantFrom("body", "daily", ...seeds);
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
function bodies(schema: Schema): fc.Arbitrary<unknown>[] {
  const props = Object.entries(schema.properties ?? {});
  return props.map(([target]) =>
    fc.record(Object.fromEntries(props.map(([k, v]) => [k, k === target ? garbageJson : plausibleJson(v)])), {
      requiredKeys: [target, ...(schema.required ?? [])].filter((k, i, a) => a.indexOf(k) === i),
    }),
  );
}

async function send(
  op: Operation,
  token: string,
  chosen: (Value | undefined)[],
  body: unknown = {},
): Promise<void> {
  const url = urlOf(op, chosen);
  const res = await h.app.request(url, {
    method: op.method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(op.needsBody ? { "content-type": "application/json" } : {}),
    },
    body: op.needsBody ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (res.status >= 500) {
    const sent = op.needsBody ? ` body ${JSON.stringify(body)}` : "";
    throw new Error(`${op.method} ${url}${sent} → ${res.status} ${text.slice(0, 300)}`);
  }
}

describe("no input makes any route answer 5xx", () => {
  it("covers the routes of the OpenAPI document", () => {
    expect(operations.length).toBeGreaterThanOrEqual(15);
    expect(operations.some((o) => o.params.some((p) => p.in === "query"))).toBe(true);
  });

  it("every query and path parameter of every route, with an admin and a read token", async () => {
    let requests = 0;
    for (const op of operations) {
      for (const token of [ADMIN_TOKEN, READ_TOKEN]) {
        // A route without parameters is still called, once per token.
        if (op.params.length === 0) await send(op, token, []);
        for (let target = 0; target < op.params.length; target++) {
          await fc.assert(
            fc.asyncProperty(inputs(op, target), async (chosen) => {
              requests++;
              await send(op, token, chosen);
            }),
            { numRuns: RUNS },
          );
        }
      }
    }
    expect(requests).toBeGreaterThan(operations.length * RUNS);
  }, 120_000);

  it("every field of every JSON body, with the path's parameters plausible", async () => {
    const withBodies = operations.filter((o) => o.body?.properties);
    expect(withBodies.length).toBeGreaterThanOrEqual(3);
    for (const op of withBodies) {
      const params = fc.tuple(...op.params.map((p) => plausible(p)));
      for (const body of bodies(op.body!)) {
        await fc.assert(
          fc.asyncProperty(params, body, (chosen, b) => send(op, ADMIN_TOKEN, chosen, b)),
          { numRuns: RUNS },
        );
      }
    }
  }, 120_000);
});
