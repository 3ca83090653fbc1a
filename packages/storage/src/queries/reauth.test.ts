import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, rows } from "../db.ts";
import { bodyDoc, dailyDoc, sleepDoc, testDb } from "../testing.ts";
import { readRecords } from "./read.ts";
import { reauthSwap } from "./reauth.ts";
import { upsertRecords } from "./records.ts";

let db: Db;
beforeAll(async () => {
  db = await testDb();
});
afterAll(async () => {
  await db?.close();
});

type SleepDocument = ReturnType<typeof sleepDoc>;

async function sleepOf(userId: string) {
  return (await readRecords(db, { userId, type: "sleep" })).items.map((r) => ({
    key: r.naturalKey,
    orderingTs: r.orderingTs,
    doc: r.document as SleepDocument,
  }));
}

async function pointOwners(): Promise<{ user_id: string; record_id: number; n: number }[]> {
  return rows(
    db,
    sql`select user_id, record_id, count(*)::int as n from measurements group by user_id, record_id order by user_id, record_id`,
  );
}

describe("reauthSwap and the newer-wins rule", () => {
  it("keeps a score only the older copy had when the new id holds the newer copy", async () => {
    await upsertRecords(db, {
      type: "sleep",
      userId: "ra-old",
      records: [sleepDoc("n1", "2026-02-01", { score: 80 })],
      orderingTs: 100,
      source: "webhook",
    });
    const newer = sleepDoc("n1", "2026-02-01", { score: null });
    newer.sleep_durations_data.asleep.duration_asleep_state_seconds = 27_000;
    await upsertRecords(db, {
      type: "sleep",
      userId: "ra-new",
      records: [newer],
      orderingTs: 200,
      source: "webhook",
    });

    await reauthSwap(db, { oldUserId: "ra-old", newUser: { userId: "ra-new", provider: "WITHINGS" } });

    const [night, ...rest] = await sleepOf("ra-new");
    expect(rest).toEqual([]);
    expect(night!.orderingTs).toBe(200);
    expect(night!.doc.sleep_durations_data.asleep.duration_asleep_state_seconds).toBe(27_000);
    expect(night!.doc.data_enrichment.sleep_score).toBe(80);
    expect(await sleepOf("ra-old")).toEqual([]);
  });

  it("keeps the old id's copy when it is newer, with a score only the new id's copy had", async () => {
    const newerOld = sleepDoc("n2", "2026-02-02", { score: null });
    newerOld.sleep_durations_data.asleep.duration_asleep_state_seconds = 20_000;
    await upsertRecords(db, {
      type: "sleep",
      userId: "rb-old",
      records: [newerOld],
      orderingTs: 300,
      source: "webhook",
    });
    await upsertRecords(db, {
      type: "sleep",
      userId: "rb-new",
      records: [sleepDoc("n2", "2026-02-02", { score: 71 })],
      orderingTs: 100,
      source: "webhook",
    });

    await reauthSwap(db, { oldUserId: "rb-old", newUser: { userId: "rb-new", provider: "WITHINGS" } });

    const [night, ...rest] = await sleepOf("rb-new");
    expect(rest).toEqual([]);
    expect(night!.orderingTs).toBe(300);
    expect(night!.doc.sleep_durations_data.asleep.duration_asleep_state_seconds).toBe(20_000);
    expect(night!.doc.data_enrichment.sleep_score).toBe(71);
  });

  it("ends as the upsert would, whichever id held which copy", async () => {
    // The same two copies given to the upsert in order of arrival and to the swap: same result.
    const a = sleepDoc("n3", "2026-02-03", { score: 64 });
    const b = sleepDoc("n3", "2026-02-03", { score: null });
    b.sleep_durations_data.awake.num_wakeup_events = 9;
    await upsertRecords(db, {
      type: "sleep",
      userId: "rc-upsert",
      records: [a],
      orderingTs: 1,
      source: "webhook",
    });
    await upsertRecords(db, {
      type: "sleep",
      userId: "rc-upsert",
      records: [b],
      orderingTs: 2,
      source: "webhook",
    });
    for (const [oldDoc, oldTs, newDoc, newTs, id] of [
      [a, 1, b, 2, "rc1"],
      [b, 2, a, 1, "rc2"],
    ] as const) {
      await upsertRecords(db, {
        type: "sleep",
        userId: `${id}-old`,
        records: [oldDoc],
        orderingTs: oldTs,
        source: "webhook",
      });
      await upsertRecords(db, {
        type: "sleep",
        userId: `${id}-new`,
        records: [newDoc],
        orderingTs: newTs,
        source: "webhook",
      });
      await reauthSwap(db, {
        oldUserId: `${id}-old`,
        newUser: { userId: `${id}-new`, provider: "WITHINGS" },
      });
      expect(
        (await sleepOf(`${id}-new`)).map((n) => n.doc),
        id,
      ).toEqual((await sleepOf("rc-upsert")).map((n) => n.doc));
    }
  });

  it("moves the winner's measurement rows with it and deletes the loser's", async () => {
    await upsertRecords(db, {
      type: "daily",
      userId: "rd-old",
      records: [dailyDoc("2026-02-04", { steps: 111 }), dailyDoc("2026-02-05", { steps: 222 })],
      orderingTs: 50,
      source: "webhook",
    });
    await upsertRecords(db, {
      type: "daily",
      userId: "rd-new",
      records: [dailyDoc("2026-02-04", { steps: 333 })],
      orderingTs: 10,
      source: "webhook",
    });
    await upsertRecords(db, {
      type: "body",
      userId: "rd-new",
      records: [bodyDoc("2026-02-04")],
      orderingTs: 10,
      source: "webhook",
    });
    const before = await pointOwners();
    const [lostDaily] = await rows<{ id: number }>(db, sql`select id from daily where user_id = 'rd-new'`);

    await reauthSwap(db, { oldUserId: "rd-old", newUser: { userId: "rd-new", provider: "WITHINGS" } });

    const steps = await rows<{ value: number; day: string }>(
      db,
      sql`select value, local_ts::date::text as day from measurements where user_id = 'rd-new' and measurement = 70 order by day`,
    );
    expect(steps).toEqual([
      { value: 111, day: "2026-02-04" },
      { value: 222, day: "2026-02-05" },
    ]);
    const after = await pointOwners();
    expect(after.filter((o) => o.user_id === "rd-old")).toEqual([]);
    // Every remaining row points at a record that exists and belongs to the same user.
    const orphans = await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from measurements m
          where not exists (select 1 from daily d where d.id = m.record_id and d.user_id = m.user_id)
            and not exists (select 1 from body b where b.id = m.record_id and b.user_id = m.user_id)
            and not exists (select 1 from sleep s where s.id = m.record_id and s.user_id = m.user_id)`,
    );
    expect(orphans[0]?.n).toBe(0);
    // The new id's losing Daily took its rows with it.
    const loser = before.find((o) => o.user_id === "rd-new" && o.record_id === lostDaily!.id);
    expect(loser?.n).toBeGreaterThan(0);
    const left = await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from measurements where record_id = ${lostDaily!.id} and measurement = 70`,
    );
    expect(left[0]?.n).toBe(0);
  });

  it("marks moved records as revised for the change feed", async () => {
    await upsertRecords(db, {
      type: "daily",
      userId: "re-old",
      records: [dailyDoc("2026-02-06")],
      source: "webhook",
    });
    const [before] = await rows<{ revision: number; change_xid: string }>(
      db,
      sql`select revision, change_xid::text from daily where user_id = 're-old'`,
    );
    await reauthSwap(db, { oldUserId: "re-old", newUser: { userId: "re-new", provider: "WITHINGS" } });
    const [after] = await rows<{ revision: number; change_xid: string }>(
      db,
      sql`select revision, change_xid::text from daily where user_id = 're-new'`,
    );
    expect(after!.revision).toBe(before!.revision + 1);
    expect(BigInt(after!.change_xid)).toBeGreaterThan(BigInt(before!.change_xid));
  });
});
