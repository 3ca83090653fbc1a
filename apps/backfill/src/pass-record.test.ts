// Every pass leaves one row in backfill_passes (what the admin app exports for the alerts).
import { backfillPassHealth, type Db, listBackfillPasses } from "@wearables/storage";
import { testDb } from "@wearables/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorSummary } from "./pass-record.ts";
import { createHarness, DEFAULT_TEST_NOW } from "./test-harness.ts";
import { runPass } from "./worker.ts";

let db: Db;
beforeAll(async () => {
  db = await testDb();
});
afterAll(() => db.close());

describe("errorSummary", () => {
  it("keeps the message of errors about the whole pass and counts window errors by code, naming no user", () => {
    const text = errorSummary([
      {
        userId: "*",
        code: "reconcile_failed",
        message: "TerraServerError: Terra GET /subscriptions answered 503",
      },
      {
        userId: "u-secret-1",
        type: "body",
        code: "transient_exhausted",
        message: "Terra GET /body answered 500",
      },
      { userId: "u-secret-2", type: "daily", code: "transient_exhausted", message: "…" },
      { userId: "u-secret-3", code: "unknown_user", message: "Terra does not know user u-secret-3" },
    ]);
    expect(text).toBe(
      "reconcile_failed: TerraServerError: Terra GET /subscriptions answered 503; transient_exhausted ×2; unknown_user ×1",
    );
    expect(text).not.toContain("u-secret");
    expect(errorSummary([])).toBeNull();
  });
});

describe("a pass's record", () => {
  it("a successful pass is recorded with the summary's counts", async () => {
    const h = await createHarness({ users: 2, db, seed: "pass-record-ok" });
    try {
      const s = await runPass(h.deps, h.cfg);
      expect(s.ok).toBe(true);
      const [row] = (await listBackfillPasses(db, { limit: 1 })).items;
      expect(row).toMatchObject({
        pass: s.pass,
        kind: "run",
        ok: true,
        usersActive: 2,
        windowsPlanned: s.windows.planned,
        windowsDone: s.windows.done,
        windowsFailed: 0,
        documentsInserted: s.documents.inserted,
        documentsUpdated: s.documents.updated,
        documentsUnchanged: s.documents.unchanged,
        errors: 0,
        errorSummary: null,
      });
      expect(row!.documentsInserted).toBeGreaterThan(0);
      expect(row!.startedAt.toISOString()).toBe(s.startedAt);
      expect(row!.finishedAt.getTime() - row!.startedAt.getTime()).toBe(s.durationMs);
      expect((await backfillPassHealth(db)).lastSuccessAt?.getTime()).toBe(row!.finishedAt.getTime());
    } finally {
      await h.close();
    }
  });

  it("a pass Terra refuses is recorded as failed, and failures since the last success are counted", async () => {
    // An hour after the successful pass: the failures come after it.
    const h = await createHarness({
      users: 1,
      db,
      seed: "pass-record-bad",
      now: DEFAULT_TEST_NOW + 3_600_000,
      credentials: { devId: "x", apiKey: "wrong" },
    });
    try {
      for (let i = 0; i < 2; i++) expect((await runPass(h.deps, h.cfg)).ok).toBe(false);
      const [row] = (await listBackfillPasses(db, { limit: 1 })).items;
      expect(row).toMatchObject({ kind: "run", ok: false, errors: 1 });
      expect(row!.errorSummary).toMatch(/^bad_credentials: /);
      expect((await backfillPassHealth(db)).consecutiveFailed).toBe(2);
    } finally {
      await h.close();
    }
  });

  it("a user's pass is recorded as kind user and leaves the scheduled passes' health alone", async () => {
    const h = await createHarness({ users: 1, db, seed: "pass-record-user" });
    try {
      const userId = h.sandbox.users[0]!.user_id;
      const before = await backfillPassHealth(db);
      const s = await runPass(h.deps, h.cfg, { scope: { userId, types: ["body"] } });
      const [row] = (await listBackfillPasses(db, { kind: "user", limit: 1 })).items;
      expect(row).toMatchObject({ pass: s.pass, kind: "user" });
      expect(await backfillPassHealth(db)).toEqual(before);
    } finally {
      await h.close();
    }
  });
});
