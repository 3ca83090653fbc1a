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
import { fuzzModel, type Operation, urlOf, type Value } from "./fuzz-inputs.ts";
import { ADMIN_TOKEN, type Harness, harness, json, READ_TOKEN } from "./test-app.ts";

/** Runs per parameter and token: ~35 parameters × 2 tokens × this stays within a few seconds. */
const RUNS = 30;
const USER = "u-fuzz";

let h: Harness;
let model: ReturnType<typeof fuzzModel>;
let operations: Operation[] = [];
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
  model = fuzzModel(await json(await h.call("GET", "/openapi.json", { token: null })), seeds);
  // Erasure and disconnection last, so the other routes see the seeded user.
  const rank = (o: Operation) => (o.method === "DELETE" ? 2 : o.path.includes("disconnect") ? 1 : 0);
  operations = [...model.operations].sort((a, b) => rank(a) - rank(b));
});
afterAll(() => h?.close());

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
            fc.asyncProperty(model.inputs(op, target), async (chosen) => {
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
      const params = fc.tuple(...op.params.map((p) => model.plausible(p)));
      for (const body of model.bodies(op.body!)) {
        await fc.assert(
          fc.asyncProperty(params, body, (chosen, b) => send(op, ADMIN_TOKEN, chosen, b)),
          { numRuns: RUNS },
        );
      }
    }
  }, 120_000);
});
