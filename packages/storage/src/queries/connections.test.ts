import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, transaction } from "../db.ts";
import { dailyDoc, sleepDoc, testDb } from "../testing.ts";
import { listAudit } from "./audit.ts";
import { getConnection, listConnections, setConnectionStatus, upsertConnection } from "./connections.ts";
import { insertEvent, listEvents } from "./events.ts";
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

describe("connections", () => {
  it("creates on auth, keeps scopes when a later event omits them, and records deauth", async () => {
    await upsertConnection(db, {
      userId: "c1",
      provider: "WITHINGS",
      referenceId: "ref-1",
      scopes: "a,b",
      connected: true,
    });
    await upsertConnection(db, { userId: "c1", provider: "WITHINGS" });
    expect(await getConnection(db, "c1")).toMatchObject({
      status: "active",
      active: true,
      scopes: "a,b",
      referenceId: "ref-1",
    });
    expect(await setConnectionStatus(db, { userId: "c1", status: "deauthorized", reason: "user left" })).toBe(
      true,
    );
    const c = await getConnection(db, "c1");
    expect(c).toMatchObject({ status: "deauthorized", active: false, statusReason: "user left" });
    expect(c!.deauthorizedAt).not.toBeNull();
    expect(await setConnectionStatus(db, { userId: "nobody", status: "error" })).toBe(false);
    await upsertConnection(db, { userId: "c1", provider: "WITHINGS", connected: true });
    expect(await getConnection(db, "c1")).toMatchObject({
      status: "active",
      active: true,
      deauthorizedAt: null,
    });
  });

  it("lists with filters and a cursor that visits each connection once", async () => {
    for (const id of ["l1", "l2", "l3", "l4", "l5"]) {
      await upsertConnection(db, { userId: id, provider: id === "l3" ? "OURA" : "WITHINGS" });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page: Awaited<ReturnType<typeof listConnections>> = await listConnections(db, {
        provider: "WITHINGS",
        cursor,
        limit: 2,
      });
      seen.push(...page.items.map((c) => c.userId));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(seen.filter((s) => s.startsWith("l"))).toEqual(["l1", "l2", "l4", "l5"]);
  });
});

describe("reauthSwap", () => {
  it("moves every row of the old id to the new one, keeping the newer copy of a shared key", async () => {
    await upsertConnection(db, {
      userId: "old",
      provider: "WITHINGS",
      referenceId: "person-1",
      connected: true,
    });
    await upsertRecords(db, {
      type: "daily",
      userId: "old",
      records: [dailyDoc("2026-01-01", { steps: 100 }), dailyDoc("2026-01-02", { steps: 200 })],
      orderingTs: 10,
      source: "webhook",
    });
    await upsertRecords(db, {
      type: "sleep",
      userId: "old",
      records: [sleepDoc("s-old", "2026-01-01")],
      orderingTs: 10,
      source: "webhook",
    });
    await insertEvent(db, { rawBody: new Uint8Array([1]), traceId: "r1", type: "daily", userId: "old" });
    // The new id already has a newer 01-02 and an older 01-01.
    await upsertRecords(db, {
      type: "daily",
      userId: "new",
      records: [dailyDoc("2026-01-02", { steps: 999 })],
      orderingTs: 20,
      source: "webhook",
    });
    await upsertRecords(db, {
      type: "daily",
      userId: "new",
      records: [dailyDoc("2026-01-01", { steps: 1 })],
      orderingTs: 5,
      source: "webhook",
    });

    await reauthSwap(db, {
      oldUserId: "old",
      newUser: { userId: "new", provider: "WITHINGS", referenceId: "person-1" },
    });

    const daily = (await readRecords(db, { userId: "new", type: "daily" })).items;
    expect(
      daily.map((r) => [r.localDate, (r.document as ReturnType<typeof dailyDoc>).distance_data.steps]),
    ).toEqual([
      ["2026-01-01", 100],
      ["2026-01-02", 999],
    ]);
    expect((await readRecords(db, { userId: "new", type: "sleep" })).items).toHaveLength(1);
    expect((await readRecords(db, { userId: "old", type: "daily" })).items).toHaveLength(0);
    expect((await listEvents(db, { userId: "new" })).items).toHaveLength(1);
    expect((await listEvents(db, { userId: "old" })).items).toHaveLength(0);
    expect(await getConnection(db, "old")).toMatchObject({ replacedBy: "new", active: false });
    expect(await getConnection(db, "new")).toMatchObject({ replaces: "old", active: true, status: "active" });
    const log = await listAudit(db, { targetUserId: "new" });
    expect(log.items[0]).toMatchObject({ action: "user.reauth_swap" });
  });

  it("joins the caller's transaction: a failure after the swap undoes it", async () => {
    await upsertConnection(db, { userId: "tx-old", provider: "WITHINGS", connected: true });
    await upsertRecords(db, {
      type: "daily",
      userId: "tx-old",
      records: [dailyDoc("2026-05-01")],
      source: "webhook",
    });
    await expect(
      transaction(db, async (tx) => {
        await reauthSwap(tx, { oldUserId: "tx-old", newUser: { userId: "tx-new", provider: "WITHINGS" } });
        expect((await readRecords(tx, { userId: "tx-new", type: "daily" })).items).toHaveLength(1);
        throw new Error("later step failed");
      }),
    ).rejects.toThrow("later step failed");
    expect((await readRecords(db, { userId: "tx-old", type: "daily" })).items).toHaveLength(1);
    expect(await getConnection(db, "tx-new")).toBeNull();
    expect(await getConnection(db, "tx-old")).toMatchObject({ replacedBy: null, active: true });
  });

  it("refuses a swap onto the same id", async () => {
    await expect(
      reauthSwap(db, { oldUserId: "same", newUser: { userId: "same", provider: "WITHINGS" } }),
    ).rejects.toThrow();
  });
});
