import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, rows, transaction } from "../db.ts";
import { bodyDoc, dailyDoc, testDb } from "../testing.ts";
import { InvalidCursorError, readRecordsJson } from "./read.ts";
import { recordsQuery } from "./read-query.ts";
import { upsertRecords } from "./records.ts";

let db: Db;
const USER = "budget";
const day = (n: number) => `2026-02-${String(n).padStart(2, "0")}`;
const cursorOf = (raw: string) => Buffer.from(raw).toString("base64url");

beforeAll(async () => {
  db = await testDb();
  // Ten body days of very different sizes: 1, 2, …, 10 × 40 measurement samples.
  await upsertRecords(db, {
    type: "body",
    userId: USER,
    source: "backfill",
    records: Array.from({ length: 10 }, (_, i) => bodyDoc(day(i + 1), { samples: (i + 1) * 40 })),
  });
});
afterAll(() => db?.close());

async function allPages(maxBytes: number, limit = 100) {
  const pages: { dates: string[]; bytes: number }[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 50; i++) {
    const p: Awaited<ReturnType<typeof readRecordsJson>> = await readRecordsJson(db, {
      userId: USER,
      type: "body",
      cursor,
      limit,
      maxBytes,
    });
    pages.push({
      dates: p.items.map((r) => r.localDate!),
      bytes: p.items.reduce((n, r) => n + Buffer.byteLength(r.documentJson), 0),
    });
    cursor = p.nextCursor;
    if (!cursor) break;
  }
  return pages;
}

describe("readRecordsJson with a byte budget", () => {
  it("ends pages early at the budget, each record once, in order, a next cursor between", async () => {
    const whole = await readRecordsJson(db, { userId: USER, type: "body", limit: 100 });
    const total = whole.items.reduce((n, r) => n + Buffer.byteLength(r.documentJson), 0);
    const budget = Math.floor(total / 4);
    const pages = await allPages(budget);
    expect(pages.length).toBeGreaterThanOrEqual(4);
    expect(pages.flatMap((p) => p.dates)).toEqual(whole.items.map((r) => r.localDate));
    for (const p of pages) {
      // Over the budget only when one record alone is larger than it.
      if (p.dates.length > 1) expect(p.bytes).toBeLessThanOrEqual(budget);
    }
  });

  it("gives a record larger than the budget alone, then goes on", async () => {
    const pages = await allPages(1);
    expect(pages.map((p) => p.dates.length)).toEqual(Array(10).fill(1));
    expect(pages.flatMap((p) => p.dates)).toEqual(Array.from({ length: 10 }, (_, i) => day(i + 1)));
  });

  it("fills the budget when documents compress less than first guessed (small ones, stored as is)", async () => {
    const user = "budget-small";
    const dates = Array.from({ length: 20 }, (_, i) => `2026-03-${String(i + 1).padStart(2, "0")}`);
    await upsertRecords(db, {
      type: "daily",
      userId: user,
      source: "webhook",
      records: dates.map((d) => dailyDoc(d)),
    });
    const whole = await readRecordsJson(db, { userId: user, type: "daily", limit: 100 });
    const size = Buffer.byteLength(whole.items[0]!.documentJson);
    const seen: string[] = [];
    let cursor: string | null = null;
    const counts: number[] = [];
    for (let i = 0; i < 30; i++) {
      const p: Awaited<ReturnType<typeof readRecordsJson>> = await readRecordsJson(db, {
        userId: user,
        type: "daily",
        cursor,
        maxBytes: size * 6 + size / 2,
      });
      counts.push(p.items.length);
      seen.push(...p.items.map((r) => r.localDate!));
      cursor = p.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(dates);
    // Six documents fit each page: a page cut after the first guess's one or two would be short.
    expect(counts).toEqual([6, 6, 6, 2]);
  });

  it("still stops at the count limit when the budget is large", async () => {
    const pages = await allPages(64 * 1024 * 1024, 3);
    expect(pages.map((p) => p.dates.length)).toEqual([3, 3, 3, 1]);
  });

  it("reads the index in order without sorting, budget or not", async () => {
    for (const maxBytes of [undefined, 1000]) {
      const plan = await transaction(db, async (tx) => {
        await tx.execute(sql`set local enable_seqscan = off`);
        await tx.execute(sql`set local enable_bitmapscan = off`);
        const out = await rows<Record<string, string>>(
          tx,
          sql`explain ${recordsQuery({ userId: USER, type: "body", limit: 50, maxBytes })}`,
        );
        return out.map((r) => Object.values(r)[0]).join("\n");
      });
      expect(plan).toMatch(/Index Scan using body_user_date_idx/);
      expect(plan).not.toMatch(/Sort/);
    }
  });
});

describe("cursors whose fields could not come from a row", () => {
  const forged = [
    '{"d":"2026-99-99","i":1}',
    '{"d":"0000-00-00","i":1}',
    '{"d":"0000-01-01","i":1}',
    '{"d":"2024-02-30","i":1}',
    '{"d":null,"i":1e300}',
    '{"d":null,"i":1e400}',
    '{"d":null,"i":1.5}',
    '{"d":null,"i":-1}',
    '{"d":null,"i":"1"}',
    '{"d":20260101,"i":1}',
    '{"i":1}',
    "null",
    "[]",
  ];
  for (const raw of forged) {
    it(`${raw} is refused as a cursor, not sent to the database`, async () => {
      await expect(
        readRecordsJson(db, { userId: USER, type: "body", cursor: cursorOf(raw) }),
      ).rejects.toBeInstanceOf(InvalidCursorError);
    });
  }

  it("a cursor at the edges of the calendar is still a cursor", async () => {
    for (const raw of ['{"d":"9999-12-31","i":1}', '{"d":"0001-01-01","i":9007199254740991}']) {
      const p = await readRecordsJson(db, { userId: USER, type: "body", cursor: cursorOf(raw) });
      expect(p.items.length).toBeGreaterThanOrEqual(0);
    }
  });
});
