import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, transaction } from "../db.ts";
import { bodyDoc, dailyDoc, sleepDoc, testDb } from "../testing.ts";
import { type Change, readChanges } from "./changes.ts";
import { decodeChangeCursor, encodeChangeCursor } from "./changes-query.ts";
import { InvalidCursorError } from "./read-query.ts";
import { upsertRecords } from "./records.ts";

let db: Db;
beforeAll(async () => {
  db = await testDb();
});
afterAll(async () => {
  await db?.close();
});

/**
 * Polls from `after` until the feed has handed out `until` (a label, see below) and then nothing
 * more. On a shared PostgreSQL server another database's open transaction holds the horizon back
 * for a while (ADR 0305): the feed is late then, never wrong, so the test waits for a sentinel.
 */
async function drain(
  after: string | null,
  opts: { limit?: number; types?: ("daily" | "body" | "sleep")[]; until?: string } = {},
) {
  const seen: Change[] = [];
  let cursor = after;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const page = await readChanges(db, { after: cursor, limit: opts.limit, types: opts.types });
    seen.push(...page.items);
    cursor = page.nextCursor;
    const done = opts.until === undefined || seen.some((c) => label(c) === opts.until);
    if (page.items.length === 0 && done) return { seen, cursor };
    if (page.items.length === 0) await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`feed did not hand out ${opts.until} within 60 s`);
}

/** Writes a record nobody else writes and returns its label: the end of what a drain must see. */
let sentinels = 0;
async function sentinel(): Promise<string> {
  const userId = `sentinel-${++sentinels}`;
  await upsertRecords(db, { type: "daily", userId, records: [dailyDoc("2026-01-01")], source: "webhook" });
  return `daily:${userId}:2026-01-01:r1`;
}

function label(c: Change): string {
  return `${c.type}:${c.userId}:${c.naturalKey}:r${c.revision}`;
}

describe("readChanges", () => {
  it("starts empty and hands back a cursor to poll with", async () => {
    const page = await readChanges(db);
    expect(page.items).toEqual([]);
    expect(decodeChangeCursor(page.nextCursor)).toEqual({ xid: 0n, rank: 0, id: 0n });
  });

  it("hands out every record once, in commit order, across types and pages", async () => {
    await upsertRecords(db, {
      type: "daily",
      userId: "f1",
      records: [dailyDoc("2026-04-01"), dailyDoc("2026-04-02")],
      source: "webhook",
    });
    await transaction(db, async (tx) => {
      await upsertRecords(tx, {
        type: "sleep",
        userId: "f1",
        records: [sleepDoc("s-f1", "2026-04-01")],
        source: "webhook",
      });
      await upsertRecords(tx, {
        type: "body",
        userId: "f1",
        records: [bodyDoc("2026-04-01")],
        source: "webhook",
      });
    });
    await upsertRecords(db, {
      type: "daily",
      userId: "f2",
      records: [dailyDoc("2026-04-01")],
      source: "webhook",
    });
    const end = await sentinel();
    const { seen } = await drain(null, { limit: 2, until: end });
    expect(seen.map(label)).toEqual([
      "daily:f1:2026-04-01:r1",
      "daily:f1:2026-04-02:r1",
      // One transaction: its changes come together, ordered by table.
      "body:f1:2026-04-01:r1",
      "sleep:f1:s-f1:r1",
      "daily:f2:2026-04-01:r1",
      end,
    ]);
    expect(seen.every((c) => c.updatedAt instanceof Date)).toBe(true);
    expect(seen[0]!.localDate).toBe("2026-04-01");
  });

  it("hands a revised record out again at its new revision, and not for an unchanged re-delivery", async () => {
    const start = (await drain(null)).cursor;
    await upsertRecords(db, {
      type: "daily",
      userId: "f3",
      records: [dailyDoc("2026-04-03", { steps: 1 })],
      orderingTs: 1,
      source: "webhook",
    });
    await upsertRecords(db, {
      type: "daily",
      userId: "f3",
      records: [dailyDoc("2026-04-03", { steps: 2 })],
      orderingTs: 2,
      source: "webhook",
    });
    const end1 = await sentinel();
    const first = await drain(start, { until: end1 });
    // Revised twice before the poll: handed out once, at its latest revision.
    expect(first.seen.map(label)).toEqual(["daily:f3:2026-04-03:r2", end1]);
    await upsertRecords(db, {
      type: "daily",
      userId: "f3",
      records: [dailyDoc("2026-04-03", { steps: 2 })],
      orderingTs: 3,
      source: "webhook",
    });
    await upsertRecords(db, {
      type: "daily",
      userId: "f3",
      records: [dailyDoc("2026-04-03", { steps: 0 })],
      orderingTs: 0,
      source: "webhook",
    });
    const end2 = await sentinel();
    const second = await drain(first.cursor, { until: end2 });
    expect(second.seen.map(label)).toEqual([end2]);
    await upsertRecords(db, {
      type: "daily",
      userId: "f3",
      records: [dailyDoc("2026-04-03", { steps: 3 })],
      orderingTs: 4,
      source: "webhook",
    });
    const end3 = await sentinel();
    expect((await drain(second.cursor, { until: end3 })).seen.map(label)).toEqual([
      "daily:f3:2026-04-03:r3",
      end3,
    ]);
  });

  it("filters by type and can carry the documents", async () => {
    const start = (await drain(null)).cursor;
    await upsertRecords(db, {
      type: "body",
      userId: "f4",
      records: [bodyDoc("2026-04-04")],
      source: "webhook",
    });
    await upsertRecords(db, {
      type: "daily",
      userId: "f4",
      records: [dailyDoc("2026-04-04", { steps: 77 })],
      source: "webhook",
    });
    const end = await sentinel();
    expect((await drain(start, { types: ["daily"], until: end })).seen.map(label)).toEqual([
      "daily:f4:2026-04-04:r1",
      end,
    ]);
    const page = await readChanges(db, { after: start, types: ["daily"], documents: true });
    expect(JSON.parse(page.items[0]!.documentJson!)).toEqual(dailyDoc("2026-04-04", { steps: 77 }));
    const small = await readChanges(db, { after: start, documents: true, maxBytes: 10 });
    expect(small.items).toHaveLength(1);
  });

  it("refuses cursors it did not issue", async () => {
    const good = encodeChangeCursor({ xid: 5n, rank: 2, id: 9n });
    expect(decodeChangeCursor(good)).toEqual({ xid: 5n, rank: 2, id: 9n });
    for (const bad of [
      "x",
      "",
      Buffer.from("c1.5.2").toString("base64url"),
      Buffer.from("c1.5.7.1").toString("base64url"),
      Buffer.from("c1.-5.2.1").toString("base64url"),
      Buffer.from("c1.99999999999999999999.2.1").toString("base64url"),
      Buffer.from("c1.5.2.9999999999999999999").toString("base64url"),
      `${good}=`,
    ]) {
      expect(() => decodeChangeCursor(bad), bad).toThrow(InvalidCursorError);
    }
    await expect(readChanges(db, { after: "nope" })).rejects.toBeInstanceOf(InvalidCursorError);
  });
});
