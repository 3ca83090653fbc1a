import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db.ts";
import { testDb } from "../testing.ts";
import { cancelBackfillJob, createBackfillJob, getBackfillJob } from "./jobs.ts";
import { largeRequestProgress, recordChunk, recordLargeRequest } from "./large-requests.ts";
import {
  claimWindows,
  completeWindow,
  enqueueWindows,
  extendLease,
  failWindow,
  listWindows,
  rescheduleWindow,
  waitForWebhook,
} from "./windows.ts";

let db: Db;
beforeAll(async () => {
  db = await testDb();
});
afterAll(async () => {
  await db?.close();
});

const t0 = new Date("2026-05-01T00:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);
const win = (userId: string, startDate: string, endDate: string, dataType = "body") => ({
  userId,
  dataType,
  startDate,
  endDate,
  notBefore: t0,
});

describe("backfill windows", () => {
  it("inserts a live window once however often planners enqueue it", async () => {
    const a = await enqueueWindows(db, [win("w1", "2026-01-01", "2026-01-31")]);
    const b = await enqueueWindows(db, [
      win("w1", "2026-01-01", "2026-01-31"),
      win("w1", "2026-02-01", "2026-02-28"),
    ]);
    expect(a).toHaveLength(1);
    expect(b.map((w) => w.startDate)).toEqual(["2026-02-01"]);
    expect(await listWindows(db, { userId: "w1" })).toHaveLength(2);
  });

  it("never gives one window to two claimers, and re-claims it once the lease expired", async () => {
    await enqueueWindows(db, [win("w2", "2026-01-01", "2026-01-31"), win("w2", "2026-02-01", "2026-02-28")]);
    const [a, b] = await Promise.all([
      claimWindows(db, { owner: "A", limit: 1, leaseMs: 60_000, now: at(0), userId: "w2" }),
      claimWindows(db, { owner: "B", limit: 1, leaseMs: 60_000, now: at(0), userId: "w2" }),
    ]);
    expect(a).toHaveLength(1);
    expect(b).toHaveLength(1);
    expect(a[0]!.id).not.toBe(b[0]!.id);
    expect(
      await claimWindows(db, { owner: "C", limit: 5, leaseMs: 60_000, now: at(30_000), userId: "w2" }),
    ).toEqual([]);
    // A dies; its lease lapses and C takes the window over.
    const c = await claimWindows(db, {
      owner: "C",
      limit: 5,
      leaseMs: 60_000,
      now: at(61_000),
      userId: "w2",
    });
    expect(c.map((w) => w.id).sort()).toEqual([a[0]!.id, b[0]!.id].sort());
    expect(c[0]!.attempts).toBe(2);
    // A comes back late: it no longer holds the lease.
    expect(await completeWindow(db, { id: a[0]!.id, owner: "A", documents: 3 })).toBe(false);
    expect(await completeWindow(db, { id: a[0]!.id, owner: "C", documents: 3 })).toBe(true);
  });

  it("hands a second claimer another user × type before more of one already leased", async () => {
    await enqueueWindows(db, [
      win("s1", "2026-01-01", "2026-01-31", "sleep"),
      win("s1", "2026-02-01", "2026-02-28", "sleep"),
      win("s1", "2026-03-01", "2026-03-31", "sleep"),
      win("s2", "2026-01-01", "2026-01-31", "sleep"),
      win("s2", "2026-02-01", "2026-02-28", "sleep"),
    ]);
    const claim = (owner: string, limit: number) =>
      claimWindows(db, { owner, limit, leaseMs: 60_000, now: at(0), dataTypes: ["sleep"] });
    const a = await claim("A", 2);
    expect(a.map((w) => [w.userId, w.startDate])).toEqual([
      ["s1", "2026-01-01"],
      ["s1", "2026-02-01"],
    ]);
    // s1 × sleep is held by A: B gets s2's windows although s1's March was queued before them.
    const b = await claim("B", 2);
    expect(b.map((w) => w.userId)).toEqual(["s2", "s2"]);
    // Nothing else left: C still gets the rest of s1 rather than nothing.
    const c = await claim("C", 2);
    expect(c.map((w) => [w.userId, w.startDate])).toEqual([["s1", "2026-03-01"]]);
  });

  it("does not hand out a rescheduled window before not_before, and extends leases", async () => {
    const [w] = await enqueueWindows(db, [win("w3", "2026-03-01", "2026-03-31")]);
    const [claimed] = await claimWindows(db, {
      owner: "A",
      limit: 1,
      leaseMs: 1_000,
      now: at(0),
      userId: "w3",
    });
    expect(claimed!.id).toBe(w!.id);
    expect(await extendLease(db, { id: w!.id, owner: "A", leaseMs: 10_000, now: at(500) })).toBe(true);
    expect(
      await claimWindows(db, { owner: "B", limit: 1, leaseMs: 1_000, now: at(5_000), userId: "w3" }),
    ).toEqual([]);
    expect(
      await rescheduleWindow(db, {
        id: w!.id,
        owner: "A",
        notBefore: at(60_000),
        error: "429",
        countAttempt: false,
      }),
    ).toBe(true);
    expect(
      await claimWindows(db, { owner: "B", limit: 1, leaseMs: 1_000, now: at(59_000), userId: "w3" }),
    ).toEqual([]);
    const again = await claimWindows(db, {
      owner: "B",
      limit: 1,
      leaseMs: 1_000,
      now: at(60_000),
      userId: "w3",
    });
    expect(again[0]).toMatchObject({ id: w!.id, attempts: 1 });
    expect(await failWindow(db, { id: w!.id, owner: "B", error: "400 bad request" })).toBe(true);
    expect((await listWindows(db, { userId: "w3" }))[0]).toMatchObject({
      status: "failed",
      error: "400 bad request",
    });
  });

  it("completes a window waiting for a large request once all distinct chunks arrived", async () => {
    const [w] = await enqueueWindows(db, [win("w4", "2025-01-01", "2025-03-31", "daily")]);
    await claimWindows(db, { owner: "A", limit: 1, leaseMs: 60_000, now: at(0), userId: "w4" });
    // A chunk and the sending marker can beat the worker's own bookkeeping.
    await recordChunk(db, { reference: "ref-L:chunk:1", deliveryKey: "k1", documents: 10 });
    await recordLargeRequest(db, { reference: "ref-L", kind: "sending", expectedPayloads: 3 });
    expect(
      await waitForWebhook(db, { id: w!.id, owner: "A", reference: "ref-L", deadline: at(3_600_000) }),
    ).toBe(true);
    await recordChunk(db, { reference: "ref-L", deliveryKey: "k2", documents: 10 });
    const dup = await recordChunk(db, { reference: "ref-L", deliveryKey: "k2", documents: 10 });
    expect(dup).toMatchObject({ received: 2, expected: 3, completed: [] });
    const last = await recordChunk(db, { reference: "ref-L", deliveryKey: "k3", documents: 4 });
    expect(last.completed.map((x) => x.id)).toEqual([w!.id]);
    expect((await listWindows(db, { userId: "w4" }))[0]).toMatchObject({
      status: "done",
      documents: 24,
      receivedPayloads: 3,
    });
    expect(await largeRequestProgress(db, "ref-L")).toEqual({ received: 3, expected: 3 });
  });

  it("hands a waiting window out again when its webhook never came", async () => {
    const [w] = await enqueueWindows(db, [win("w5", "2025-01-01", "2025-03-31", "sleep")]);
    await claimWindows(db, { owner: "A", limit: 1, leaseMs: 60_000, now: at(0), userId: "w5" });
    await waitForWebhook(db, { id: w!.id, owner: "A", reference: "ref-M", deadline: at(120_000) });
    expect(
      await claimWindows(db, { owner: "B", limit: 1, leaseMs: 60_000, now: at(119_000), userId: "w5" }),
    ).toEqual([]);
    const again = await claimWindows(db, {
      owner: "B",
      limit: 1,
      leaseMs: 60_000,
      now: at(121_000),
      userId: "w5",
    });
    expect(again.map((x) => x.id)).toEqual([w!.id]);
  });

  it("rolls window progress up into the job and never claims a cancelled job's windows", async () => {
    const { job } = await createBackfillJob(db, {
      userId: "w6",
      dataTypes: ["body", "daily"],
      startDate: "2026-01-01",
      endDate: "2026-01-31",
      requestedBy: "test",
    });
    const ws = await enqueueWindows(db, [
      { ...win("w6", "2026-01-01", "2026-01-31"), jobId: job.id },
      { ...win("w6", "2026-01-01", "2026-01-31", "daily"), jobId: job.id },
    ]);
    expect((await getBackfillJob(db, job.id))!.progress).toMatchObject({ total: 2, done: 0, pending: 2 });
    const [one] = await claimWindows(db, { owner: "A", limit: 1, leaseMs: 60_000, now: at(0), userId: "w6" });
    await completeWindow(db, { id: one!.id, owner: "A", documents: 31 });
    const mid = (await getBackfillJob(db, job.id))!;
    expect(mid.job).toMatchObject({ status: "running", windowsDone: 1, documents: 31 });
    expect(await cancelBackfillJob(db, job.id)).toBe(true);
    expect(
      await claimWindows(db, { owner: "B", limit: 5, leaseMs: 60_000, now: at(0), userId: "w6" }),
    ).toEqual([]);
    const end = (await getBackfillJob(db, job.id))!;
    expect(end.job.status).toBe("cancelled");
    expect(ws).toHaveLength(2);
  });

  it("marks a job done when its last window completes", async () => {
    const { job } = await createBackfillJob(db, {
      userId: "w7",
      dataTypes: ["body"],
      startDate: "2026-01-01",
      endDate: "2026-01-31",
    });
    await enqueueWindows(db, [{ ...win("w7", "2026-01-01", "2026-01-31"), jobId: job.id }]);
    const [w] = await claimWindows(db, { owner: "A", limit: 1, leaseMs: 60_000, now: at(0), userId: "w7" });
    await completeWindow(db, { id: w!.id, owner: "A", documents: 5 });
    const j = (await getBackfillJob(db, job.id))!;
    expect(j.job).toMatchObject({
      status: "done",
      windowsTotal: 1,
      windowsDone: 1,
      documents: 5,
      dataTypes: ["body"],
    });
    expect(j.job.finishedAt).not.toBeNull();
  });
});
