import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db.ts";
import { testDb } from "../testing.ts";
import { getEvent, insertEvent } from "./events.ts";
import { insertEvents, setEventStatuses } from "./events-bulk.ts";

let db: Db;
beforeAll(async () => {
  db = await testDb();
});
afterAll(async () => {
  await db?.close();
});

const bytes = (s: string) => new TextEncoder().encode(s);

describe("bulk inbox writes", () => {
  it("inserts many deliveries at once, in order, with stored and repeated keys as duplicates", async () => {
    const earlier = await insertEvent(db, { rawBody: bytes("a"), traceId: "bulk-a", type: "body" });
    const r = await insertEvents(db, [
      { rawBody: bytes("b"), traceId: "bulk-b", type: "sleep", userId: "u1", orderingTs: 5 },
      { rawBody: bytes("a"), traceId: "bulk-a", type: "body" },
      { rawBody: bytes("b again"), traceId: "bulk-b", type: "sleep" },
      { rawBody: bytes('{"type":"x"}'), type: "x" },
    ]);
    expect(r.map((x) => x.duplicate)).toEqual([false, true, true, false]);
    expect(r[1]?.id).toBe(earlier.id);
    expect(r[2]?.id).toBe(r[0]?.id);
    const stored = await getEvent(db, r[0]?.id as number);
    expect(Buffer.from(stored?.rawBody as Uint8Array).toString()).toBe("b");
    expect(stored).toMatchObject({ type: "sleep", userId: "u1", orderingTs: 5, status: "received" });
  });

  it("sets many statuses in one statement, with errors, attempts and processed_at", async () => {
    const [a, b] = await insertEvents(db, [
      { rawBody: bytes("s1"), traceId: "st-1", type: "body" },
      { rawBody: bytes("s2"), traceId: "st-2", type: "body" },
    ]);
    await setEventStatuses(db, [
      { id: a?.id as number, status: "processed" },
      { id: b?.id as number, status: "failed", error: "schema: data.0.metadata: required" },
    ]);
    const ra = await getEvent(db, a?.id as number);
    const rb = await getEvent(db, b?.id as number);
    expect(ra).toMatchObject({ status: "processed", error: null, attempts: 1 });
    expect(ra?.processedAt).toBeInstanceOf(Date);
    expect(rb).toMatchObject({
      status: "failed",
      error: "schema: data.0.metadata: required",
      attempts: 1,
      processedAt: null,
    });
  });
});
