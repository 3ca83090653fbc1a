import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, rows, transaction } from "../db.ts";
import { bodyDoc, dailyDoc, sleepDoc, testDb } from "../testing.ts";
import { dailySummary, InvalidCursorError, readRecords, readRecordsJson } from "./read.ts";
import { recordsQuery, summaryQuery } from "./read-query.ts";
import { upsertRecords } from "./records.ts";

let db: Db;
beforeAll(async () => {
  db = await testDb();
});
afterAll(async () => {
  await db?.close();
});

const day = (n: number) => `2026-01-${String(n).padStart(2, "0")}`;

describe("readRecords", () => {
  it("pages through every row exactly once while other rows are inserted", async () => {
    const userId = "r1";
    await upsertRecords(db, {
      type: "daily",
      userId,
      records: [1, 3, 5, 7, 9, 11].map((n) => dailyDoc(day(n))),
      source: "backfill",
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 20; page++) {
      const r: Awaited<ReturnType<typeof readRecords>> = await readRecords(db, {
        userId,
        type: "daily",
        startDate: day(1),
        endDate: day(31),
        cursor,
        limit: 2,
      });
      seen.push(...r.items.map((i) => i.localDate!));
      // Between pages, days before and after the cursor arrive.
      if (page === 0) {
        await upsertRecords(db, {
          type: "daily",
          userId,
          records: [dailyDoc(day(2)), dailyDoc(day(10))],
          source: "webhook",
        });
      }
      cursor = r.nextCursor;
      if (!cursor) break;
    }
    expect(new Set(seen).size).toBe(seen.length);
    // Every original row is there; the later day after the cursor too; the earlier one was passed.
    expect(seen).toEqual([day(1), day(3), day(5), day(7), day(9), day(10), day(11)]);
  });

  it("bounds by inclusive dates and rejects a forged cursor", async () => {
    const r = await readRecords(db, { userId: "r1", type: "daily", startDate: day(3), endDate: day(5) });
    expect(r.items.map((i) => i.localDate)).toEqual([day(3), day(5)]);
    expect(r.nextCursor).toBeNull();
    await expect(
      readRecords(db, { userId: "r1", type: "daily", cursor: "not-a-cursor" }),
    ).rejects.toBeInstanceOf(InvalidCursorError);
  });
});

describe("readRecords order and plan", () => {
  it("pages dateless rows first, then by date, each exactly once across the boundary", async () => {
    const userId = "r3";
    await upsertRecords(db, {
      type: "daily",
      userId,
      records: [1, 2, 3, 4].map((n) => dailyDoc(day(n))),
      source: "backfill",
    });
    // Dateless rows cannot come from a valid Terra start_time; make two directly.
    await rows(
      db,
      sql`update daily set local_date = null where user_id = ${userId} and local_date in (${day(2)}::date, ${day(4)}::date)`,
    );
    const seen: (string | null)[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const r: Awaited<ReturnType<typeof readRecords>> = await readRecords(db, {
        userId,
        type: "daily",
        cursor,
        limit: 1,
      });
      seen.push(...r.items.map((i) => i.localDate));
      cursor = r.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual([null, null, day(1), day(3)]);
  });

  it("readRecordsJson returns the same rows with each document as its JSON text", async () => {
    const args = { userId: "r1", type: "daily" as const, limit: 3 };
    const [parsed, text] = await Promise.all([readRecords(db, args), readRecordsJson(db, args)]);
    expect(text.nextCursor).toBe(parsed.nextCursor);
    expect(
      text.items.map(({ documentJson, ...r }) => ({ ...r, document: JSON.parse(documentJson) })),
    ).toEqual(parsed.items);
  });

  it("reads the (user_id, local_date, id) index in order, without sorting, for every kind of page", async () => {
    const first = await readRecords(db, { userId: "r1", type: "daily", limit: 2 });
    const pages = [
      { userId: "r1", type: "daily" as const, startDate: day(1), endDate: day(31), limit: 500 },
      { userId: "r1", type: "daily" as const, cursor: first.nextCursor, limit: 2 },
      {
        userId: "r3",
        type: "daily" as const,
        cursor: Buffer.from('{"d":null,"i":1}').toString("base64url"),
        limit: 2,
      },
      { userId: "r1", type: "sleep" as const },
    ];
    for (const args of pages) {
      // Tiny test tables would be scanned sequentially; forbidding that shows which order the
      // index gives: with a mismatched index the plan gains a Sort node above the index scan.
      const plan = await transaction(db, async (tx) => {
        await tx.execute(sql`set local enable_seqscan = off`);
        await tx.execute(sql`set local enable_bitmapscan = off`);
        const out = await rows<Record<string, string>>(tx, sql`explain ${recordsQuery(args)}`);
        return out.map((r) => Object.values(r)[0]).join("\n");
      });
      expect(plan).toMatch(/Index Scan using (daily|sleep)_user_date_idx/);
      expect(plan).not.toMatch(/Sort/);
    }
  });
});

describe("dailySummary", () => {
  it("reads daily, body and sleep once each, through an index", async () => {
    const plan = await transaction(db, async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const out = await rows<Record<string, string>>(
        tx,
        sql`explain ${summaryQuery({ userId: "r2", startDate: day(1), endDate: day(31) })}`,
      );
      return out.map((r) => Object.values(r)[0]).join("\n");
    });
    for (const table of ["daily", "body", "sleep"]) {
      const scans = plan.match(new RegExp(`Scan (using \\w+ )?on ${table}\\b`, "g")) ?? [];
      expect(scans, plan).toHaveLength(1);
    }
    expect(plan).not.toMatch(/Seq Scan/);
  });

  it("joins steps, body metrics and sleep by local day", async () => {
    const userId = "r2";
    await upsertRecords(db, {
      type: "daily",
      userId,
      records: [dailyDoc(day(4), { steps: 4_000 })],
      source: "webhook",
    });
    await upsertRecords(db, {
      type: "body",
      userId,
      records: [bodyDoc(day(4), { weightKg: 80 }), bodyDoc(day(5))],
      source: "webhook",
    });
    const nap = sleepDoc("nap4", day(4));
    nap.metadata.is_nap = true;
    await upsertRecords(db, {
      type: "sleep",
      userId,
      records: [sleepDoc("n4", day(4)), nap],
      source: "webhook",
    });
    const s = await dailySummary(db, { userId, startDate: day(1), endDate: day(31) });
    expect(s.map((d) => d.date)).toEqual([day(4), day(5)]);
    expect(s[0]).toMatchObject({
      steps: 4_000,
      restingHrBpm: 58,
      weightKg: 80.2,
      systolicBp: 120,
      diastolicBp: 78,
      afibPositiveCount: 1,
      sleepSeconds: 26_100,
      sleepEfficiency: 0.91,
    });
    expect(s[1]).toMatchObject({ steps: null, sleepSeconds: null });
  });

  it("keeps a day with only a nap (no sleep figures) and a day with only sleep", async () => {
    const userId = "r4";
    const nap = sleepDoc("nap6", day(6));
    nap.metadata.is_nap = true;
    await upsertRecords(db, {
      type: "sleep",
      userId,
      records: [nap, sleepDoc("n7", day(7))],
      source: "webhook",
    });
    await upsertRecords(db, { type: "daily", userId, records: [dailyDoc(day(8))], source: "webhook" });
    const s = await dailySummary(db, { userId, startDate: day(6), endDate: day(8) });
    expect(s.map((d) => [d.date, d.sleepSeconds, d.weightKg])).toEqual([
      [day(6), null, null],
      [day(7), 26_100, null],
      [day(8), null, null],
    ]);
    expect(s[2]!.steps).not.toBeNull();
  });
});
