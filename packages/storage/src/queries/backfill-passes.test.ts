import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db.ts";
import { passInput, testDb } from "../testing.ts";
import { backfillPassHealth, listBackfillPasses, recordBackfillPass } from "./backfill-passes.ts";

let db: Db;
beforeAll(async () => {
  db = await testDb();
}, 90_000);
afterAll(() => db?.close());

const T0 = Date.parse("2026-03-01T00:00:00Z");
/** The n-th pass of a schedule every 15 minutes. */
const pass = (n: number, ok: boolean) =>
  passInput(new Date(T0 + n * 900_000 + 60_000), ok, { pass: `p${n}` });

describe("backfill passes", () => {
  it("has no health before any pass", async () => {
    expect(await backfillPassHealth(db)).toEqual({ lastSuccessAt: null, last: null, consecutiveFailed: 0 });
  });

  it("counts every failure as consecutive while no pass has succeeded", async () => {
    await recordBackfillPass(db, pass(1, false));
    await recordBackfillPass(db, pass(2, false));
    const h = await backfillPassHealth(db);
    expect(h.lastSuccessAt).toBeNull();
    expect(h.consecutiveFailed).toBe(2);
    expect(h.last?.pass).toBe("p2");
  });

  it("keeps what a pass reports and reads the last success, the last pass and the failures since", async () => {
    const stored = await recordBackfillPass(db, pass(3, true));
    expect(stored).toMatchObject({ ...pass(3, true), id: expect.any(Number) });
    await recordBackfillPass(db, pass(4, false));
    await recordBackfillPass(db, pass(5, false));
    // A `user` pass neither succeeds nor fails the scheduled ones.
    await recordBackfillPass(db, { ...pass(6, true), kind: "user" });
    const h = await backfillPassHealth(db, "run");
    expect(h.lastSuccessAt?.toISOString()).toBe(pass(3, true).finishedAt.toISOString());
    expect(h.consecutiveFailed).toBe(2);
    expect(h.last).toMatchObject({
      pass: "p5",
      ok: false,
      windowsFailed: 3,
      errorSummary: "transient_exhausted ×3",
    });
    expect((await backfillPassHealth(db, "user")).consecutiveFailed).toBe(0);
  });

  it("lists the latest passes first, by kind, in pages", async () => {
    const all = await listBackfillPasses(db, { limit: 4 });
    expect(all.items.map((p) => p.pass)).toEqual(["p6", "p5", "p4", "p3"]);
    const next = await listBackfillPasses(db, { limit: 4, cursor: all.nextCursor });
    expect(next.items.map((p) => p.pass)).toEqual(["p2", "p1"]);
    expect(next.nextCursor).toBeNull();
    expect((await listBackfillPasses(db, { kind: "user" })).items.map((p) => p.pass)).toEqual(["p6"]);
  });
});
