import { ApiErrorSchema } from "@wearables/schemas";
import { type Db, getEvent, listEvents, readRecords, rows } from "@wearables/storage";
import { bodyDoc, testDb } from "@wearables/storage/testing";
import { hasShared, terraExamples } from "@wearables/test-support";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metricValue, settled, signedInit, switchableDb, testApp } from "./test-helpers.ts";

let base: Db;
let db: ReturnType<typeof switchableDb>;
let service: ReturnType<typeof testApp>;

beforeAll(async () => {
  base = await testDb();
  db = switchableDb(base);
  service = testApp(db.db, { bodyLimit: 256 * 1024 });
}, 60_000);
afterAll(async () => {
  await service?.drain();
  await base?.close();
});

const post = (body: string | Buffer, o: Parameters<typeof signedInit>[1] = {}) =>
  service.app.request("/webhooks/terra", signedInit(body, o));

const user = (id: string) => ({
  user_id: id,
  provider: "WITHINGS",
  reference_id: null,
  scopes: null,
  active: true,
});
const bodyEvent = (userId: string, doc: unknown) =>
  JSON.stringify({ type: "body", user: user(userId), data: [doc] });

async function inboxCount(where = sql`true`): Promise<number> {
  const r = await rows<{ n: number }>(
    base,
    sql`select count(*)::int as n from webhook_events where ${where}`,
  );
  return r[0]?.n ?? 0;
}

async function ackOf(res: Response): Promise<{ eventId: number; status: string; duplicate: boolean }> {
  expect(res.status).toBe(200);
  return (await res.json()) as { eventId: number; status: string; duplicate: boolean };
}

describe.skipIf(!hasShared())("every event type from Terra's examples", () => {
  it("is acknowledged with 200 once stored raw, then processed behind the inbox, never failed", async () => {
    const acks: [string, string, number][] = [];
    for (const [file, example] of terraExamples()) {
      const body = JSON.stringify(example);
      const ack = await ackOf(await post(body, { traceId: `example-${file}` }));
      expect(ack.status, file).toBe("received");
      acks.push([file, body, ack.eventId]);
    }
    await settled(service);
    for (const [file, body, id] of acks) {
      const row = await getEvent(base, id);
      expect(Buffer.from(row?.rawBody as Uint8Array).toString(), file).toBe(body);
      // s3_payload's example URL cannot be fetched here: pending, replayable.
      expect(["processed", "ignored", "pending"], file).toContain(row?.status);
    }
  });
});

describe("POST /webhooks/terra", () => {
  it("stores the body as the exact bytes received and processes it after the acknowledgement", async () => {
    const raw = `{ "type" : "body",\n  "user": ${JSON.stringify(user("u-bytes"))}, "data": [${JSON.stringify(bodyDoc("2026-04-01"))}] }`;
    const { eventId, status } = await ackOf(await post(raw, { traceId: "bytes-1" }));
    expect(status).toBe("received");
    await settled(service);
    const row = await getEvent(base, eventId);
    expect(Buffer.from(row?.rawBody as Uint8Array).toString()).toBe(raw);
    // One processing attempt, its type and user learnt from the body, the lease gone.
    expect(row).toMatchObject({
      status: "processed",
      error: null,
      attempts: 1,
      type: "body",
      userId: "u-bytes",
      leaseOwner: null,
    });
    expect(row?.processedAt).toBeInstanceOf(Date);
    expect((await readRecords(base, { userId: "u-bytes", type: "body" })).items).toHaveLength(1);
    // Its measurements became series rows with the record (prepared in the worker thread).
    const [points] = await rows<{ n: number }>(
      base,
      sql`select count(*)::int as n from measurements where user_id = 'u-bytes'`,
    );
    expect(points?.n).toBeGreaterThan(0);
  });

  it("stores a duplicate delivery once, by trace id and, without one, by body hash", async () => {
    const body = bodyEvent("u-dup", bodyDoc("2026-04-02"));
    const first = await ackOf(await post(body, { traceId: "dup-1" }));
    const again = await ackOf(await post(body, { traceId: "dup-1" }));
    expect(again).toMatchObject({ duplicate: true, eventId: first.eventId });
    const plain = bodyEvent("u-dup", bodyDoc("2026-04-03"));
    await post(plain);
    await post(plain);
    await settled(service);
    expect(await inboxCount(sql`user_id = 'u-dup'`)).toBe(2);
  });

  it("keeps the newest copy when an older one arrives later", async () => {
    const newer = bodyEvent("u-reorder", bodyDoc("2026-04-04", { weightKg: 81 }));
    const older = bodyEvent("u-reorder", bodyDoc("2026-04-04", { weightKg: 79 }));
    await ackOf(await post(newer, { traceId: "ro-new", orderingTs: 2_000 }));
    await ackOf(await post(older, { traceId: "ro-old", orderingTs: 1_000 }));
    await settled(service);
    const [rec] = (await readRecords(base, { userId: "u-reorder", type: "body" })).items;
    const doc = rec?.document as { measurements_data: { measurements: { weight_kg: number }[] } } | undefined;
    expect(doc?.measurements_data.measurements[0]?.weight_kg).toBe(81);
  });

  it.each([
    [
      "a schema error",
      '{"type":"body","user":{"user_id":"u-bad","provider":"WITHINGS"},"data":[{}]}',
      /schema/,
    ],
    ["garbage", "this is not json at all", /invalid JSON/],
    ["a JSON array", '[{"type":"body"}]', /not an object/],
    ["invalid UTF-8", Buffer.from([0x7b, 0x22, 0x74, 0xff, 0xfe, 0x22, 0x7d]), /not valid UTF-8/],
    [
      "a NUL in a user field",
      '{"type":"auth","status":"success","message":"m","user":{"user_id":"u-nul","provider":"WITHINGS","reference_id":"a\\u0000b"}}',
      /user\.reference_id: holds a NUL character/,
    ],
    ["deep nesting", `${"[".repeat(100_000)}${"]".repeat(100_000)}`, /not an object|nested too deeply/],
    [
      "a deeply nested record",
      JSON.stringify({ type: "body", user: user("u-deep"), data: [bodyDoc("2026-04-09")] }).replace(
        '"metadata":',
        `"deep":${"[".repeat(50_000)}${"]".repeat(50_000)},"metadata":`,
      ),
      /nested too deeply/,
    ],
  ])(
    "acknowledges a signed body with %s, keeps it raw and fails it with a clear error",
    async (_n, body, error) => {
      const raw = typeof body === "string" ? Buffer.from(body) : body;
      const { eventId } = await ackOf(await post(raw));
      await settled(service);
      const row = await getEvent(base, eventId);
      expect(Buffer.compare(Buffer.from(row?.rawBody as Uint8Array), raw)).toBe(0);
      expect(row?.status).toBe("failed");
      expect(row?.error).toMatch(error);
    },
  );

  it("refuses an empty body as unsigned, as Terra's own verifier does, and stores nothing", async () => {
    const before = await inboxCount();
    expect((await post("")).status).toBe(401);
    expect(await inboxCount()).toBe(before);
  });

  it("keeps a record with an enum code Terra added since, flags it on the row and counts it in /metrics", async () => {
    const doc = {
      metadata: {
        summary_id: "w-155",
        start_time: "2026-04-10T07:00:00.000000+00:00",
        end_time: "2026-04-10T08:00:00.000000+00:00",
        type: 155,
        upload_type: 1,
      },
    };
    const before = await metricValue(service.metrics.warnings, { code: "unknown_enum_value" });
    const { eventId } = await ackOf(
      await post(JSON.stringify({ type: "activity", user: user("u-warn"), data: [doc] }), {
        traceId: "warn-155",
      }),
    );
    await settled(service);
    const row = await getEvent(base, eventId);
    expect(row?.status).toBe("processed");
    expect(row?.warnings).toEqual([
      expect.objectContaining({ path: "data.0.metadata.type", code: "unknown_enum_value" }),
    ]);
    expect(await metricValue(service.metrics.warnings, { code: "unknown_enum_value" })).toBe(before + 1);
    expect((await readRecords(base, { userId: "u-warn", type: "activity" })).items).toHaveLength(1);
  });

  it("accepts either signature header and the previous secret during a rotation", async () => {
    const a = await post(bodyEvent("u-hdr", bodyDoc("2026-04-05")), { header: "terra-signature" });
    const b = await post(bodyEvent("u-hdr", bodyDoc("2026-04-06")), { secret: "test-secret-previous" });
    expect([a.status, b.status]).toEqual([200, 200]);
  });

  it.each([
    ["a wrong secret", { secret: "nope" }, "no_matching_signature"],
    ["a stale timestamp", { t: Math.floor(Date.now() / 1000) - 600 }, "timestamp_too_old"],
    ["a future timestamp", { t: Math.floor(Date.now() / 1000) + 600 }, "timestamp_in_future"],
    ["no signature header", { header: "none" as const }, "missing_header"],
    ["a malformed header", { signature: "garbage" }, "no_timestamp"],
  ])("answers 401 with the error model for %s and stores nothing", async (_name, opts, reason) => {
    const before = await inboxCount();
    const counted = await metricValue(service.metrics.signatureFailures, { reason });
    const res = await post(bodyEvent("u-sig", bodyDoc("2026-04-07")), opts);
    expect(res.status).toBe(401);
    // The one error model of our APIs (@wearables/schemas), as the admin API answers it.
    const body = ApiErrorSchema.parse(await res.json());
    expect(body.error.code).toBe("bad_signature");
    expect(body.error.requestId).toBe(res.headers.get("x-request-id"));
    expect(await inboxCount()).toBe(before);
    expect(await metricValue(service.metrics.signatureFailures, { reason })).toBe(counted + 1);
  });

  it("answers 413 above the body limit, declared or streamed", async () => {
    const big = Buffer.alloc(300 * 1024, 0x20);
    const declared = await post(big);
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 5; i++) c.enqueue(new Uint8Array(64 * 1024));
        c.close();
      },
    });
    const chunked = await service.app.request("/webhooks/terra", {
      method: "POST",
      body: stream,
      headers: { "x-terra-signature": "t=1,v1=00" },
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
  });

  it("answers 503 while the database is down and stores the retries once it is back", async () => {
    const body = bodyEvent("u-down", bodyDoc("2026-04-08"));
    db.setDown(true);
    try {
      const res = await post(body, { traceId: "down-1" });
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("database_unavailable");
      expect((await service.app.request("/readyz")).status).toBe(503);
    } finally {
      db.setDown(false);
    }
    expect(await inboxCount(sql`trace_id = 'down-1'`)).toBe(0);
    await ackOf(await post(body, { traceId: "down-1" }));
    await settled(service);
    expect(await inboxCount(sql`trace_id = 'down-1'`)).toBe(1);
    expect((await readRecords(base, { userId: "u-down", type: "body" })).items).toHaveLength(1);
  });

  it("commits concurrent deliveries together and acknowledges each after its commit", async () => {
    const before = await metricValue(service.metrics.commitSize, {}, "_count");
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        post(bodyEvent(`u-group-${i % 4}`, bodyDoc(`2026-05-${String(i + 1).padStart(2, "0")}`)), {
          traceId: `group-${i}`,
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(new Array(24).fill(200));
    const commits = (await metricValue(service.metrics.commitSize, {}, "_count")) - before;
    expect(commits).toBeLessThan(24);
    expect(await inboxCount(sql`trace_id like 'group-%'`)).toBe(24);
    await settled(service);
    expect(await inboxCount(sql`trace_id like 'group-%' and status = 'processed'`)).toBe(24);
  });
});

describe("operations endpoints", () => {
  it("healthz is live, readyz checks database and migrations, metrics shows delivery and processing", async () => {
    expect((await service.app.request("/healthz")).status).toBe(200);
    const ready = await service.app.request("/readyz");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ migrations: "current" });
    await settled(service);
    const metrics = await (await service.app.request("/metrics")).text();
    expect(metrics).toMatch(/wearables_webhook_deliveries_total\{outcome="stored"\} \d+/);
    expect(metrics).toMatch(
      /wearables_webhook_request_duration_seconds_bucket\{le="0.05",status="200"\} \d+/,
    );
    expect(metrics).toMatch(/wearables_webhook_inbox_commit_size_count \d+/);
    expect(metrics).toMatch(/wearables_webhook_signature_failures_total\{reason="timestamp_too_old"\} 1/);
    expect(metrics).toMatch(/wearables_events_processed_total\{type="body",status="processed"\} \d+/);
    expect(metrics).toMatch(/wearables_events_processed_total\{type="invalid"|status="failed"\}/);
    expect(metrics).toMatch(/wearables_processing_lag_seconds_count \d+/);
    expect(metrics).toMatch(/wearables_inbox_backlog\{state="waiting"\} 0/);
    expect(metrics).toMatch(/wearables_inbox_oldest_age_seconds 0/);
  });

  it("unknown routes answer the error model", async () => {
    const res = await service.app.request("/nope");
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });

  it("lists nothing it did not acknowledge", async () => {
    const { items } = await listEvents(base, { limit: 500 });
    expect(items.every((e) => e.source === "webhook" || e.source === "s3_payload")).toBe(true);
  });
});
