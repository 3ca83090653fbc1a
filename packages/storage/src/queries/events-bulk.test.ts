import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db.ts";
import { testDb } from "../testing.ts";
import { getEvent } from "./events.ts";
import { setEventStatuses } from "./events-bulk.ts";
import { insertReceived } from "./inbox-queue.ts";

let db: Db;
beforeAll(async () => {
  db = await testDb();
});
afterAll(async () => {
  await db?.close();
});

const bytes = (s: string) => new TextEncoder().encode(s);

describe("bulk status writes", () => {
  it("sets many statuses in one statement, with errors, attempts and processed_at", async () => {
    const [a, b] = await insertReceived(db, [
      { rawBody: bytes("s1"), traceId: "st-1", receivedAt: new Date() },
      { rawBody: bytes("s2"), traceId: "st-2", receivedAt: new Date() },
    ]);
    await setEventStatuses(db, [
      {
        id: a?.id as number,
        status: "processed",
        type: "body",
        userId: "u-st",
        warnings: [{ path: "data.0.metadata.type", code: "unknown_enum_value", message: "ActivityType 155" }],
      },
      { id: b?.id as number, status: "failed", error: "schema: data.0.metadata: required" },
    ]);
    const ra = await getEvent(db, a?.id as number);
    const rb = await getEvent(db, b?.id as number);
    expect(ra).toMatchObject({ status: "processed", error: null, attempts: 1, type: "body", userId: "u-st" });
    expect(ra?.warnings).toEqual([
      { path: "data.0.metadata.type", code: "unknown_enum_value", message: "ActivityType 155" },
    ]);
    expect(ra?.processedAt).toBeInstanceOf(Date);
    expect(rb).toMatchObject({
      status: "failed",
      error: "schema: data.0.metadata: required",
      attempts: 1,
      processedAt: null,
    });
  });
});
