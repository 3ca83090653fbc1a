import { createHash } from "node:crypto";
import {
  type Db,
  enqueueWindows,
  eraseUser,
  getConnection,
  listGaps,
  listWindows,
  setConnectionStatus,
  upsertConnection,
} from "@wearables/storage";
import { testDb } from "@wearables/storage/testing";
import { createTerraClient } from "@wearables/terra-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dayOf } from "./dates.ts";
import { horizonRange } from "./planner.ts";
import { createHarness, expectedKeys, requestsOf, sandboxFetch, storedKeys } from "./test-harness.ts";
import { runPass } from "./worker.ts";

// One database for the file; each test uses its own sandbox seed, so its own user ids.
let db: Db;
beforeAll(async () => {
  db = await testDb();
});
afterAll(() => db.close());

async function assertComplete(h: Awaited<ReturnType<typeof createHarness>>, userId: string) {
  const today = dayOf(new Date(h.clock.now()));
  const horizon = horizonRange(today, h.cfg.historyDays);
  for (const type of h.cfg.dataTypes) {
    expect(await storedKeys(h.db, userId, type), `${userId} ${type}`).toEqual(
      expectedKeys(h.sandbox, userId, type, horizon.start, horizon.end),
    );
    expect(await listGaps(h.db, { userId, type, from: horizon.start, to: horizon.end })).toEqual([]);
  }
}

describe("backfill safety", () => {
  it("two concurrent runs fetch each window once", async () => {
    const h = await createHarness({ db, users: 3, seed: "concurrent" });
    const [a, b] = await Promise.all([runPass(h.deps, h.cfg), runPass(h.deps, h.cfg)]);
    expect(a.ok && b.ok).toBe(true);
    const seen = new Map<string, number>();
    for (const r of h.sandbox.state.requests) {
      const key = `${r.userId} ${r.type} ${r.start}..${r.end}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    expect([...seen.values()].filter((n) => n > 1)).toEqual([]);
    expect(a.windows.done + b.windows.done).toBe(seen.size);
    for (const u of h.sandbox.users) await assertComplete(h, u.user_id);
    await h.close();
  });

  it("a storm of 429 and 5xx still converges to the full history", async () => {
    const h = await createHarness({
      db,
      users: 2,
      seed: "storm",
      faults: { rest5xxRate: 0.3, rest429Rate: 0.3 },
      cfg: { maxAttempts: 12, dataTypes: ["body", "sleep"] },
    });
    const s = await runPass(h.deps, h.cfg);
    const statuses = h.sandbox.state.requests.map((r) => r.status);
    expect(statuses.filter((x) => x === 429).length).toBeGreaterThan(3);
    expect(statuses.filter((x) => x >= 500).length).toBeGreaterThan(3);
    expect(s.ok).toBe(true);
    expect(s.windows.failed).toBe(0);
    for (const u of h.sandbox.users) await assertComplete(h, u.user_id);
    await h.close();
  });

  it("a `processing` answer is asked again after retry_after_seconds", async () => {
    const h = await createHarness({ db, users: 1, seed: "processing", cfg: { dataTypes: ["daily"] } });
    const userId = h.sandbox.users[0]!.user_id;
    h.sandbox.triggers.processing(userId, 30, 1);
    const started = h.clock.now();
    const s = await runPass(h.deps, h.cfg);
    expect(s.ok).toBe(true);
    // The processing answer cost one extra request, and the pass waited (on its clock) to ask again.
    expect(h.sandbox.state.requests.filter((r) => r.userId === userId).length).toBe(s.windows.done + 1);
    expect(h.clock.now() - started).toBeGreaterThanOrEqual(30_000);
    await assertComplete(h, userId);
    await h.close();
  });

  it("deauthorised, revoked and erased users are never fetched", async () => {
    const h = await createHarness({ db, users: 4, seed: "lifecycle", cfg: { dataTypes: ["body"] } });
    const [deauthed, gone, erased, kept] = h.sandbox.users.map((u) => u.user_id);
    for (const userId of [deauthed!, gone!, erased!, kept!]) {
      await upsertConnection(db, { userId, provider: "WITHINGS", status: "active", connected: true });
    }
    // Our deauth webhook arrived, Terra still lists the user; a window was already queued for it.
    await setConnectionStatus(db, { userId: deauthed!, status: "deauthorized" });
    await enqueueWindows(
      db,
      [{ userId: deauthed!, dataType: "body", startDate: "2026-01-01", endDate: "2026-01-05" }],
      { now: new Date(h.clock.now()) },
    );
    // Terra dropped a user without our hearing of it.
    h.sandbox.triggers.deauth(gone!);
    // An erased user Terra still lists.
    await eraseUser(db, erased!, "test");

    const s = await runPass(h.deps, h.cfg);
    expect(s.ok).toBe(true);
    // Users of earlier tests in this file's database are gone from this sandbox too.
    expect(s.users.markedGone).toBeGreaterThanOrEqual(1);
    expect(s.windows.skipped).toBe(1);
    expect(requestsOf(h.sandbox, deauthed!)).toEqual([]);
    expect(requestsOf(h.sandbox, gone!)).toEqual([]);
    expect(requestsOf(h.sandbox, erased!)).toEqual([]);
    expect(requestsOf(h.sandbox, kept!).length).toBeGreaterThan(0);
    expect((await getConnection(db, deauthed!))?.status).toBe("deauthorized");
    expect((await getConnection(db, gone!))?.status).toBe("revoked");
    expect(await getConnection(db, erased!)).toBeNull();
    expect(createHash("sha256").update(erased!).digest("hex")).toHaveLength(64);
    await h.close();
  });

  it("an unknown user (404) is stopped and recorded; the others complete", async () => {
    const h = await createHarness({ db, users: 1, seed: "ghost", cfg: { dataTypes: ["body", "daily"] } });
    // Only this test's two connections are active (earlier tests left theirs in this database).
    await runPass(h.deps, { ...h.cfg, dataTypes: [] });
    const ghost = "ghost-user-0000";
    await upsertConnection(db, { userId: ghost, provider: "WITHINGS", status: "active", connected: true });
    const real = h.sandbox.users[0]!.user_id;
    await upsertConnection(db, { userId: real, provider: "WITHINGS", status: "active", connected: true });
    const s = await runPass(h.deps, h.cfg, { skipReconcile: true });
    expect(s.ok).toBe(false);
    expect(s.errors.filter((e) => e.userId === ghost).map((e) => e.code)).toEqual(["unknown_user"]);
    // Stopped after the windows already in flight, not one request per window.
    const ghostCalls = h.sandbox.state.requests.filter((r) => r.userId === ghost).length;
    expect(ghostCalls).toBeLessThanOrEqual(h.cfg.concurrency);
    expect((await getConnection(db, ghost))?.status).toBe("error");
    await assertComplete(h, real);
    await h.close();
  });

  it("bad credentials stop the pass before any data request", async () => {
    const h = await createHarness({ db, users: 1, seed: "badkey" });
    const terra = createTerraClient({
      devId: "dev-test",
      apiKey: "wrong",
      baseUrl: "http://sandbox.test/v2",
      fetch: sandboxFetch(h.sandbox),
      clock: h.clock,
    });
    const s = await runPass({ ...h.deps, terra }, h.cfg);
    expect(s.ok).toBe(false);
    expect(s.errors.map((e) => e.code)).toEqual(["bad_credentials"]);
    expect(h.sandbox.state.requests).toHaveLength(0);
    await h.close();
  });

  it("a stop signal (SIGTERM) ends the pass with nothing left leased, and the next pass completes", async () => {
    const h = await createHarness({
      db,
      users: 1,
      seed: "sigterm",
      cfg: { dataTypes: ["body", "daily"], concurrency: 1, claimBatch: 2 },
    });
    const stop = new AbortController();
    const s = await runPass(h.deps, h.cfg, {
      signal: stop.signal,
      reporter: {
        update: (p) => {
          if (p.windowsDone >= 1) stop.abort();
        },
        finish() {},
      },
    });
    expect(s.windows.done).toBeGreaterThan(0);
    expect(s.windows.done).toBeLessThan(s.windows.planned);
    expect(await listWindows(db, { statuses: ["leased"] })).toEqual([]);
    const again = await runPass(h.deps, h.cfg);
    expect(again.ok).toBe(true);
    await assertComplete(h, h.sandbox.users[0]!.user_id);
    await h.close();
  });

  it("the per-user day budget defers what does not fit in the hour instead of asking Terra", async () => {
    const h = await createHarness({
      db,
      users: 1,
      seed: "budget",
      cfg: { dataTypes: ["body", "daily"], daysPerHourBudget: 70, maxWaitSeconds: 60 },
    });
    const userId = h.sandbox.users[0]!.user_id;
    const s = await runPass(h.deps, h.cfg);
    // 2 types × 60 days do not fit in 70 days an hour: the rest waits for the next pass.
    expect(s.ok).toBe(true);
    expect(s.windows.deferred).toBeGreaterThan(0);
    const asked = h.sandbox.state.requests.filter((r) => r.userId === userId && r.status === 200);
    const days = asked.reduce((n, r) => n + (Date.parse(r.end!) - Date.parse(r.start!)) / 86_400_000 + 1, 0);
    expect(days).toBeLessThanOrEqual(70);
    expect(h.sandbox.state.requests.filter((r) => r.status === 429)).toHaveLength(0);
    expect(await listWindows(db, { userId, statuses: ["pending"] })).toHaveLength(s.windows.deferred);
    await h.close();
  });
});
