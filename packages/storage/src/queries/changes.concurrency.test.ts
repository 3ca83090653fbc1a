import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db, rows, transaction } from "../db.ts";
import { dailyDoc, onRealPostgres, type TestDb, testDb } from "../testing.ts";
import { type Change, readChanges } from "./changes.ts";
import { upsertRecords } from "./records.ts";

// The change feed's trap needs transactions that overlap on different connections: PostgreSQL only
// (TEST_DATABASE_URL). PGlite has one connection; changes.test.ts covers the feed there.
describe.skipIf(!onRealPostgres())("the change feed under concurrent writers (PostgreSQL)", () => {
  let db: TestDb;
  let second: Db;
  beforeAll(async () => {
    db = await testDb();
    second = await createDb(db.connectionUrl, { poolSize: 6 });
  });
  afterAll(async () => {
    await second?.close();
    await db?.close();
  });

  const key = (c: Change) => `${c.userId}/${c.naturalKey}`;

  async function pollUntil(after: string, want: (seen: Change[]) => boolean, seen: Change[] = []) {
    let cursor = after;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const page = await readChanges(db, { after: cursor, limit: 50 });
      seen.push(...page.items);
      cursor = page.nextCursor;
      if (page.items.length === 0 && want(seen)) return { seen, cursor };
      if (page.items.length === 0) await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error("the feed did not catch up within 60 s");
  }

  it("holds back a later commit while an earlier transaction is open, then hands out both in order", async () => {
    const start = (await readChanges(db)).nextCursor;
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let wrote!: () => void;
    const written = new Promise<void>((r) => {
      wrote = r;
    });
    // Writer A takes its transaction id first and keeps the transaction open.
    const writerA = transaction(second, async (tx) => {
      await upsertRecords(tx, {
        type: "daily",
        userId: "early",
        records: [dailyDoc("2026-05-01")],
        source: "webhook",
      });
      wrote();
      await held;
    });
    await written;
    // Writer B starts later, takes a higher id and a higher record id, and commits first.
    await upsertRecords(db, {
      type: "daily",
      userId: "late",
      records: [dailyDoc("2026-05-01")],
      source: "webhook",
    });

    // A cursor on the record id (or a sequence, or a timestamp) would hand out B now and move past
    // A's lower id: when A commits, nothing after the cursor is left to find.
    const byId = await rows<{ id: string; user_id: string }>(
      db,
      sql`select id::text, user_id from daily order by id`,
    );
    expect(byId.map((r) => r.user_id)).toEqual(["late"]);
    const naiveCursor = byId[0]!.id;

    // The feed hands out neither while A is in flight.
    const during = await readChanges(db, { after: start });
    expect(during.items.map(key)).not.toContain("late/2026-05-01");
    expect(during.items.map(key)).not.toContain("early/2026-05-01");

    release();
    await writerA;
    const missed = await rows<{ user_id: string }>(
      db,
      sql`select user_id from daily where id > ${naiveCursor}::bigint order by id`,
    );
    expect(missed).toEqual([]); // the naive consumer never sees "early"
    const { seen } = await pollUntil(during.nextCursor, (s) => s.some((c) => c.userId === "late"));
    const ours = seen.map(key).filter((k) => k.endsWith("2026-05-01"));
    expect(ours).toEqual(["early/2026-05-01", "late/2026-05-01"]);
  });

  it("never misses a change while writers hold transactions open at random and a consumer polls", async () => {
    const start = (await readChanges(db)).nextCursor;
    const seen: Change[] = [];
    let stop = false;
    let cursor = start;
    const consumer = (async () => {
      while (!stop) {
        const page = await readChanges(db, { after: cursor, limit: 37 });
        seen.push(...page.items);
        cursor = page.nextCursor;
        if (page.items.length === 0) await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const until = Date.now() + 3_000;
    let writes = 0;
    const writer = async (w: number) => {
      let n = 0;
      while (Date.now() < until) {
        const pool = w % 2 === 0 ? db : second;
        // A few keys per writer, so that records are created and revised, sometimes twice in a row.
        const day = `2026-06-0${1 + (n % 4)}`;
        const steps = ++n;
        await transaction(pool, async (tx) => {
          await upsertRecords(tx, {
            type: "daily",
            userId: `stress-${w}`,
            records: [dailyDoc(day, { steps })],
            orderingTs: n,
            source: "webhook",
          });
          // Hold the transaction open for a while after taking its id, as a slow group commit would.
          await new Promise((r) => setTimeout(r, Math.random() * 40));
        });
        writes++;
      }
    };
    await Promise.all([0, 1, 2, 3, 4, 5].map(writer));
    stop = true;
    await consumer;
    await upsertRecords(db, {
      type: "daily",
      userId: "stress-end",
      records: [dailyDoc("2026-06-09")],
      source: "webhook",
    });
    await pollUntil(cursor, (s) => s.some((c) => c.userId === "stress-end"), seen);

    expect(writes).toBeGreaterThan(30);
    const final = await rows<{ user_id: string; natural_key: string; revision: number }>(
      db,
      sql`select user_id, natural_key, revision from daily where user_id like 'stress-%'`,
    );
    const lastSeen = new Map<string, number>();
    for (const c of seen.filter((x) => x.userId.startsWith("stress-"))) {
      const k = key(c);
      // Revisions of one record only ever go forward in the feed.
      expect(c.revision, k).toBeGreaterThan(lastSeen.get(k) ?? 0);
      lastSeen.set(k, c.revision);
    }
    expect(lastSeen.size).toBe(final.length);
    for (const r of final) expect(lastSeen.get(`${r.user_id}/${r.natural_key}`), r.user_id).toBe(r.revision);
  }, 120_000);
});
