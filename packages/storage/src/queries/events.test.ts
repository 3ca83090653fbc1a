import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, rows } from "../db.ts";
import { testDb } from "../testing.ts";
import {
  getEvent,
  getEventSummary,
  insertEvent,
  listEvents,
  purgeDeliveryKeys,
  purgeRawBodies,
  setEventStatus,
} from "./events.ts";
import { largeRequestProgress, recordChunk } from "./large-requests.ts";

let db: Db;
beforeAll(async () => {
  db = await testDb();
});
afterAll(async () => {
  await db?.close();
});

const bytes = (s: string) => new TextEncoder().encode(s);

describe("inbox", () => {
  it("stores the same delivery once and returns the first row as a duplicate", async () => {
    const body = bytes('{"type":"body","user":{"user_id":"u1"}}');
    const a = await insertEvent(db, { rawBody: body, traceId: "trace-1", type: "body", userId: "u1" });
    const b = await insertEvent(db, { rawBody: body, traceId: "trace-1", type: "body", userId: "u1" });
    expect(a.duplicate).toBe(false);
    expect(b).toEqual({ id: a.id, duplicate: true, status: "received" });
    const { items } = await listEvents(db, { userId: "u1" });
    expect(items).toHaveLength(1);
  });

  it("deduplicates on the body hash when there is no trace id, and keeps the bytes exactly", async () => {
    const body = bytes('{ "type" : "daily",  "x": "\u00e9" }');
    const a = await insertEvent(db, { rawBody: body, type: "daily" });
    const b = await insertEvent(db, { rawBody: body, type: "daily" });
    expect(b.duplicate).toBe(true);
    const row = await getEvent(db, a.id);
    expect(Buffer.from(row!.rawBody!).equals(Buffer.from(body))).toBe(true);
    expect(row!.bodyBytes).toBe(body.byteLength);
  });

  it("keeps chunks that share a terra-reference but differ in trace id", async () => {
    const a = await insertEvent(db, {
      rawBody: bytes("{}"),
      traceId: "ref-9:chunk:1",
      reference: "ref-9",
      type: "sleep",
    });
    const b = await insertEvent(db, {
      rawBody: bytes("{}"),
      traceId: "ref-9:chunk:2",
      reference: "ref-9",
      type: "sleep",
    });
    expect(a.duplicate || b.duplicate).toBe(false);
    expect((await listEvents(db, { reference: "ref-9" })).items).toHaveLength(2);
  });

  it("records status, error and attempts, and filters and pages the list", async () => {
    const e = await insertEvent(db, { rawBody: bytes("bad"), traceId: "t-fail", type: "body", userId: "u2" });
    await setEventStatus(db, { id: e.id, status: "failed", error: "metadata: required" });
    const row = await getEvent(db, e.id);
    expect(row).toMatchObject({
      status: "failed",
      error: "metadata: required",
      attempts: 1,
      processedAt: null,
    });
    await setEventStatus(db, { id: e.id, status: "processed" });
    expect(await getEvent(db, e.id)).toMatchObject({ status: "processed", error: null, attempts: 2 });
    const first = await listEvents(db, { limit: 2 });
    expect(first.items).toHaveLength(2);
    const second = await listEvents(db, { limit: 2, cursor: first.nextCursor });
    const ids = [...first.items, ...second.items].map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(first.items[0]!.id).toBeGreaterThan(first.items[1]!.id);
    expect((await listEvents(db, { status: "processed" })).items.map((i) => i.id)).toEqual([e.id]);
  });

  it("purges old raw bodies but keeps the delivery key deduplicating for at least 7 days", async () => {
    const long = new Date("2026-01-01T00:00:00Z");
    const e = await insertEvent(db, {
      rawBody: bytes("old"),
      traceId: "t-old",
      type: "daily",
      status: "processed",
      receivedAt: long,
    });
    // A row still waiting for its processor keeps its body and its row: it is the only copy.
    const waiting = await insertEvent(db, {
      rawBody: bytes("waiting"),
      traceId: "t-wait",
      type: null,
      receivedAt: long,
    });
    const { rawBody, ...before } = (await getEvent(db, e.id))!;
    expect(rawBody).not.toBeNull();
    expect(await getEventSummary(db, e.id)).toEqual({ ...before, hasBody: true });
    expect(await purgeRawBodies(db, new Date("2026-01-02T00:00:00Z"))).toBe(1);
    expect((await getEvent(db, waiting.id))?.rawBody).not.toBeNull();
    expect((await getEvent(db, e.id))!.rawBody).toBeNull();
    const after = await getEventSummary(db, e.id);
    expect(after).toMatchObject({ id: e.id, hasBody: false });
    expect(after).not.toHaveProperty("rawBody");
    expect(await getEventSummary(db, 987_654)).toBeNull();
    expect(
      (await insertEvent(db, { rawBody: bytes("old"), traceId: "t-old", type: "daily" })).duplicate,
    ).toBe(true);
    const now = new Date("2026-01-05T00:00:00Z");
    await expect(purgeDeliveryKeys(db, new Date("2026-01-02T00:00:00Z"), now)).rejects.toThrow(/7 days/);
    expect(
      await purgeDeliveryKeys(db, new Date("2026-01-02T00:00:00Z"), new Date("2026-01-20T00:00:00Z")),
    ).toBe(1);
    expect(await getEvent(db, e.id)).toBeNull();
    expect(await getEvent(db, waiting.id)).not.toBeNull();
  });

  it("purges large-request chunk keys with the delivery keys, not before", async () => {
    await recordChunk(db, { reference: "old-ref", deliveryKey: "c1" });
    await recordChunk(db, { reference: "new-ref", deliveryKey: "c1" });
    await rows(
      db,
      sql`update large_request_chunks set received_at = '2026-01-01T00:00:00Z' where reference = 'old-ref'`,
    );
    await purgeDeliveryKeys(db, new Date("2026-01-02T00:00:00Z"), new Date("2026-01-20T00:00:00Z"));
    expect(await largeRequestProgress(db, "old-ref")).toEqual({ received: 0, expected: null });
    expect(await largeRequestProgress(db, "new-ref")).toEqual({ received: 1, expected: null });
  });
});
