import {
  claimWindows,
  completeWindow,
  connectionStatusCounts,
  getEvent,
  insertEvent,
  listAudit,
  setEventStatus,
  upsertConnection,
} from "@wearables/storage";
import { dailyDoc } from "@wearables/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, harness, type Json, json } from "./test-app.ts";

let h: Harness;
const U = "u-ops";
const enc = (o: unknown) => new TextEncoder().encode(JSON.stringify(o));
const dailyEvent = (date: string, steps: number) => ({
  type: "daily",
  version: "2022-03-16",
  user: { user_id: U, provider: "WITHINGS", reference_id: "ref-ops", active: true, scopes: null },
  data: [dailyDoc(date, { steps })],
});

let fixable: number;
let broken: number;
let processed: number;
beforeAll(async () => {
  h = await harness();
  await upsertConnection(h.db, { userId: U, provider: "WITHINGS", referenceId: "ref-ops" });
  // Valid today, but recorded as failed by an earlier build whose schema refused it: the fixed cause.
  fixable = (
    await insertEvent(h.db, { rawBody: enc(dailyEvent("2026-05-01", 4321)), type: "daily", userId: U })
  ).id;
  await setEventStatus(h.db, {
    id: fixable,
    status: "failed",
    error: "schema: data.0.distance_data.steps: expected int",
  });
  // Invalid still: a replay must leave it failed, with today's error.
  broken = (
    await insertEvent(h.db, {
      rawBody: enc({ type: "daily", user: { user_id: U } }),
      type: "daily",
      userId: U,
    })
  ).id;
  await setEventStatus(h.db, { id: broken, status: "failed", error: "old error" });
  processed = (
    await insertEvent(h.db, {
      rawBody: enc({ type: "healthcheck" }),
      type: "healthcheck",
      status: "processed",
    })
  ).id;
});
afterAll(() => h.close());

describe("inbox", () => {
  it("lists newest first and filters by status and type", async () => {
    const all = await json(await h.call("GET", "/v1/events"));
    expect(all.data.map((e: Json) => e.id)).toEqual([processed, broken, fixable]);
    const failed = await json(await h.call("GET", "/v1/events?status=failed&type=daily&limit=1"));
    expect(failed.data.map((e: Json) => e.id)).toEqual([broken]);
    const next = await json(
      await h.call("GET", `/v1/events?status=failed&type=daily&limit=1&cursor=${failed.next_cursor}`),
    );
    expect(next.data.map((e: Json) => e.id)).toEqual([fixable]);
    expect((await h.call("GET", "/v1/events?cursor=abc")).status).toBe(400);
  });

  it("shows one event with its error and never its body", async () => {
    const res = await h.call("GET", `/v1/events/${fixable}`);
    const e = await json(res);
    expect(e).toMatchObject({ id: fixable, status: "failed", type: "daily", user_id: U, has_body: true });
    expect(e.error).toContain("expected int");
    expect(JSON.stringify(e)).not.toContain("4321");
    expect((await h.call("GET", "/v1/events/999999")).status).toBe(404);
    expect((await h.call("GET", "/v1/events/abc")).status).toBe(400);
  });

  it("replay turns the failed event into processed once its cause is fixed, and stores its records", async () => {
    const res = await h.call("POST", `/v1/events/${fixable}/replay`);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({
      replayed: 1,
      results: [{ id: fixable, status: "processed", error: null }],
    });
    const after = await getEvent(h.db, fixable);
    expect(after?.status).toBe("processed");
    expect(after?.error).toBeNull();
    const data = await json(
      await h.call("GET", `/v1/users/${U}/daily?start_date=2026-05-01&end_date=2026-05-01`),
    );
    expect(data.data[0].document.distance_data.steps).toBe(4321);
    expect(data.data[0].source).toBe("replay");
    const audit = (await listAudit(h.db)).items.find((a) => a.action === "events.replay");
    expect(audit?.actor).toBe("token:ops");
  });

  it("replays many by status; an event still broken stays failed with the current error", async () => {
    const res = await h.call("POST", "/v1/events/replay", { body: { status: "failed" } });
    const body = await json(res);
    expect(body.replayed).toBe(1);
    expect(body.results[0]).toMatchObject({ id: broken, status: "failed" });
    expect(body.results[0].error).not.toBe("old error");
    const byIds = await json(
      await h.call("POST", "/v1/events/replay", { body: { ids: [processed, 424242] } }),
    );
    expect(byIds.results.map((r: Json) => r.status)).toEqual(["processed", "not_found"]);
  });

  it("lists partly failed events with their per-record errors and the warnings of what was kept", async () => {
    const { id } = await insertEvent(h.db, { rawBody: enc({ type: "body" }), type: "body", userId: U });
    await setEventStatus(h.db, {
      id,
      status: "partial",
      error: "schema: 1 of 2 records failed validation: data.1.metadata.start_time: Invalid timestamp",
      warnings: [
        {
          path: "data.0.device_data.data_provided.0",
          code: "unknown_string_value",
          message: "DeviceDataType NEW",
        },
      ],
    });
    const page = await json(await h.call("GET", "/v1/events?status=partial"));
    expect(page.data).toEqual([
      expect.objectContaining({
        id,
        status: "partial",
        error: expect.stringMatching(/1 of 2 records failed/),
        warnings: [
          {
            path: "data.0.device_data.data_provided.0",
            code: "unknown_string_value",
            message: "DeviceDataType NEW",
          },
        ],
      }),
    ]);
    expect((await json(await h.call("GET", `/v1/events/${id}`))).warnings).toHaveLength(1);
  });

  it("filters by warnings: has_warnings=true lists only events with some, false only those without", async () => {
    const { id } = await insertEvent(h.db, { rawBody: enc({ type: "sleep" }), type: "sleep", userId: U });
    await setEventStatus(h.db, {
      id,
      status: "processed",
      warnings: [
        { path: "data.0.metadata.upload_type", code: "unknown_enum_value", message: "SleepUploadType 9" },
      ],
    });
    const ids = async (q: string) =>
      (await json(await h.call("GET", `/v1/events?${q}`))).data.map((e: Json) => e.id as number);
    const withWarnings = await ids("has_warnings=true");
    expect(withWarnings).toContain(id);
    expect(withWarnings).toHaveLength(2);
    expect(await ids("has_warnings=true&status=processed")).toEqual([id]);
    const without = await ids("has_warnings=false");
    expect(without).not.toContain(id);
    expect(without).toEqual(expect.arrayContaining([processed, broken, fixable]));
    expect((await h.call("GET", "/v1/events?has_warnings=yes")).status).toBe(400);
  });

  it("refuses a replay request that selects nothing, naming the field", async () => {
    const res = await h.call("POST", "/v1/events/replay", { body: {} });
    expect(res.status).toBe(400);
    expect((await json(res)).error.issues[0].field).toBe("body.ids");
  });
});

describe("backfill jobs", () => {
  let jobId: number;
  it("creates a job for a user, types and range, split into windows for the worker", async () => {
    const res = await h.call("POST", `/v1/users/${U}/backfills`, {
      body: { types: ["body", "sleep"], start_date: "2026-01-15", end_date: "2026-03-10" },
    });
    expect(res.status).toBe(201);
    const job = await json(res);
    jobId = job.id;
    expect(job).toMatchObject({
      user_id: U,
      types: ["body", "sleep"],
      status: "queued",
      requested_by: "token:ops",
    });
    // Month-aligned: Jan 15–31, Feb, Mar 1–10, for each of two types.
    expect(job.progress).toMatchObject({ windows_total: 6, windows_done: 0, windows_pending: 6 });
  });

  it("shows progress as the worker completes windows", async () => {
    const [w] = await claimWindows(h.db, {
      owner: "test-worker",
      limit: 1,
      leaseMs: 60_000,
      now: new Date(),
    });
    expect(w?.jobId).toBe(jobId);
    await completeWindow(h.db, { id: w!.id, owner: "test-worker", documents: 3 });
    const job = await json(await h.call("GET", `/v1/backfills/${jobId}`));
    expect(job.progress).toMatchObject({ windows_total: 6, windows_done: 1, windows_pending: 5 });
  });

  it("lists jobs, filtered by user", async () => {
    const page = await json(await h.call("GET", `/v1/backfills?user_id=${U}`));
    expect(page.data.map((j: Json) => j.id)).toEqual([jobId]);
    expect((await json(await h.call("GET", "/v1/backfills?user_id=other"))).data).toEqual([]);
    expect((await h.call("GET", "/v1/backfills/999999")).status).toBe(404);
  });

  it("refuses an unknown user (404) and a connection that is not active (409)", async () => {
    const body = { types: ["body"], start_date: "2026-01-01", end_date: "2026-01-02" };
    expect((await h.call("POST", "/v1/users/nobody/backfills", { body })).status).toBe(404);
    await upsertConnection(h.db, { userId: "u-gone", provider: "WITHINGS", status: "deauthorized" });
    const res = await h.call("POST", "/v1/users/u-gone/backfills", { body });
    expect(res.status).toBe(409);
    expect((await json(res)).error.code).toBe("conflict");
  });

  it("refuses unknown types and reversed ranges, naming the field", async () => {
    const bad = async (body: unknown) =>
      (await json(await h.call("POST", `/v1/users/${U}/backfills`, { body }))).error;
    expect(
      (await bad({ types: ["steps"], start_date: "2026-01-01", end_date: "2026-01-02" })).issues[0].field,
    ).toBe("body.types");
    expect(
      (await bad({ types: ["body"], start_date: "2026-02-01", end_date: "2026-01-02" })).issues[0].field,
    ).toBe("body.end_date");
    expect(
      (await bad({ types: ["body"], start_date: "2026-02-31", end_date: "2026-03-02" })).issues[0].field,
    ).toBe("body.start_date");
  });
});

describe("stats", () => {
  it("counts deliveries per day by type and outcome, connections by status, failed events, the backlog", async () => {
    // Acknowledged two minutes ago and not processed yet: no type until a processor parsed it.
    const waitingSince = new Date(Date.now() - 120_000);
    await insertEvent(h.db, {
      rawBody: enc({ type: "daily" }),
      type: null,
      status: "received",
      receivedAt: waitingSince,
    });
    const res = await h.call("GET", "/v1/stats?days=7");
    expect(res.status).toBe(200);
    const s = await json(res);
    const today = new Date().toISOString().slice(0, 10);
    expect(s.deliveries).toEqual(
      expect.arrayContaining([
        { day: today, type: "daily", outcome: "processed", count: 1 },
        { day: today, type: "daily", outcome: "failed", count: 1 },
        { day: today, type: "healthcheck", outcome: "processed", count: 1 },
      ]),
    );
    expect(s.failed_events).toBe(1);
    expect(s.deliveries).toContainEqual({ day: today, type: "(unprocessed)", outcome: "received", count: 1 });
    expect(s.backlog).toMatchObject({
      waiting: 1,
      retrying: 0,
      oldest_received_at: waitingSince.toISOString(),
    });
    expect(s.backlog.oldest_age_seconds).toBeGreaterThanOrEqual(119);
    expect(s.connections).toEqual(await connectionStatusCounts(h.db));
    expect(s.connections).toContainEqual({ status: "active", count: 1 });
    expect((await h.call("GET", "/v1/stats?days=1000")).status).toBe(400);
  });
});
