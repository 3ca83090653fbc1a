// Retention, logging hygiene and an unreachable database, on one database for the file.
import { Writable } from "node:stream";
import { loadIngestConfig } from "@wearables/ingest";
import { createDb, type Db, getEvent, insertEvent, readRecords } from "@wearables/storage";
import { bodyDoc, dailyDoc, testDb } from "@wearables/storage/testing";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app.ts";
import { runRetention } from "./retention.ts";
import { SECRET, settled, signedInit, silent, testApp } from "./test-helpers.ts";

let db: Db;
beforeAll(async () => {
  db = await testDb();
}, 90_000);
afterAll(async () => {
  await db?.close();
});

const DAY = 86_400_000;

describe("retention", () => {
  it("purges raw bodies after RAW_RETENTION_DAYS and delivery keys only after the longer retention", async () => {
    const now = Date.now();
    const at = (days: number, key: string) =>
      insertEvent(db, {
        rawBody: Buffer.from(`{"type":"healthcheck","k":"${key}"}`),
        traceId: key,
        type: "healthcheck",
        status: "processed",
        receivedAt: new Date(now - days * DAY),
      });
    const fresh = await at(1, "ret-fresh");
    const old = await at(31, "ret-31d");
    const ancient = await at(60, "ret-60d");
    // Still waiting for processing (a long outage of the processors): never purged, body or key.
    const waiting = await insertEvent(db, {
      rawBody: Buffer.from('{"type":"healthcheck","k":"ret-waiting"}'),
      traceId: "ret-waiting",
      type: null,
      status: "received",
      receivedAt: new Date(now - 90 * DAY),
    });
    const purged = await runRetention({
      db,
      logger: silent,
      rawRetentionDays: 30,
      dedupRetentionDays: 45,
      clock: () => now,
    });
    expect(purged).toEqual({ rawBodies: 2, deliveryKeys: 1 });
    expect((await getEvent(db, fresh.id))?.rawBody).not.toBeNull();
    const kept = await getEvent(db, old.id);
    expect(kept?.rawBody).toBeNull(); // body gone, key still stops a late duplicate
    expect(
      (await insertEvent(db, { rawBody: Buffer.from("x"), traceId: "ret-31d", type: "healthcheck" }))
        .duplicate,
    ).toBe(true);
    expect(await getEvent(db, ancient.id)).toBeNull();
    expect((await getEvent(db, waiting.id))?.rawBody).not.toBeNull();
  });

  it("never purges delivery keys younger than 7 days, whatever is configured", async () => {
    const now = Date.now();
    const recent = await insertEvent(db, {
      rawBody: Buffer.from('{"type":"healthcheck"}'),
      traceId: "ret-5d",
      type: "healthcheck",
      status: "processed",
      receivedAt: new Date(now - 5 * DAY),
    });
    await runRetention({ db, logger: silent, rawRetentionDays: 1, dedupRetentionDays: 1, clock: () => now });
    expect(await getEvent(db, recent.id)).not.toBeNull();
  });
});

describe("logging", () => {
  it("writes one line per delivery with request id, trace id and outcome, never the body or the secret", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const service = testApp(db, { secrets: [SECRET], logger: pino({ level: "info" }, sink) });
    const secretMarker = "WEIGHT-MARKER-99.123";
    const doc = { ...bodyDoc("2026-07-01"), note: secretMarker };
    const body = JSON.stringify({
      type: "body",
      user: { user_id: "u-log", provider: "WITHINGS" },
      data: [doc],
    });
    const res = await service.app.request("/webhooks/terra", signedInit(body, { traceId: "log-trace-1" }));
    expect(res.status).toBe(200);
    await service.app.request(
      "/webhooks/terra",
      signedInit(body, { traceId: "log-trace-2", secret: "wrong" }),
    );
    // A body the processor fails: its error is stored and logged without the values.
    const bad = JSON.stringify({
      type: "body",
      user: { user_id: "u-log", provider: "WITHINGS" },
      data: [{ metadata: { start_time: secretMarker } }],
    });
    const badAck = (await (
      await service.app.request("/webhooks/terra", signedInit(bad, { traceId: "log-trace-3" }))
    ).json()) as { eventId: number };
    await settled(service);
    const failed = await getEvent(db, badAck.eventId);
    expect(failed?.status).toBe("failed");
    expect(failed?.error).toMatch(/data\.0\.metadata/);
    expect(failed?.error).not.toContain(secretMarker);
    await service.drain();
    const all = lines.join("");
    const summary = lines.map((l) => JSON.parse(l)).find((l) => l.traceId === "log-trace-1");
    expect(summary).toMatchObject({
      outcome: "stored",
      status: 200,
      requestId: res.headers.get("x-request-id"),
    });
    expect(lines.map((l) => JSON.parse(l)).find((l) => l.traceId === "log-trace-2")).toMatchObject({
      status: 401,
    });
    expect(all).not.toContain(secretMarker);
    expect(all).not.toContain(SECRET);
  });
});

describe("a record the database refuses", () => {
  it("fails that delivery with the reduced error, stored and logged without a payload value", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const service = testApp(db, { secrets: [SECRET], logger: pino({ level: "debug" }, sink) });
    const marker = "HR-MARKER-61.5";
    // Steps past PostgreSQL's integer: the schema cannot know, the database refuses the statement.
    const doc = { ...dailyDoc("2026-07-02", { steps: 3_000_000_001 }), note: marker };
    const body = JSON.stringify({
      type: "daily",
      user: { user_id: "u-refused", provider: "WITHINGS" },
      data: [doc],
    });
    const fine = JSON.stringify({
      type: "daily",
      user: { user_id: "u-fine", provider: "WITHINGS" },
      data: [dailyDoc("2026-07-02")],
    });
    const ack = (await (
      await service.app.request("/webhooks/terra", signedInit(body, { traceId: "refused-1" }))
    ).json()) as { eventId: number };
    await service.app.request("/webhooks/terra", signedInit(fine, { traceId: "refused-2" }));
    await settled(service);
    await service.drain();
    const row = await getEvent(db, ack.eventId);
    expect(row?.status).toBe("failed");
    expect(row?.error).toMatch(/22003/);
    for (const text of [row?.error ?? "", lines.join("")]) {
      expect(text).not.toContain("3000000001");
      expect(text).not.toContain(marker);
    }
    // The other delivery of the same batch is stored.
    expect((await readRecords(db, { userId: "u-fine", type: "daily" })).items).toHaveLength(1);
  });
});

describe("an unreachable database", () => {
  it("answers 503 to deliveries and to readiness, never 2xx", async () => {
    const down = await createDb("postgres://postgres@127.0.0.1:1/none", { poolSize: 1 });
    const service = createApp({ db: down, ingest: loadIngestConfig(), secrets: [SECRET], logger: silent });
    try {
      const res = await service.app.request(
        "/webhooks/terra",
        signedInit('{"type":"healthcheck","status":"normal"}'),
      );
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("database_unavailable");
      expect((await service.app.request("/readyz")).status).toBe(503);
      expect((await service.app.request("/healthz")).status).toBe(200);
    } finally {
      await service.drain();
      await down.close();
    }
  });
});
