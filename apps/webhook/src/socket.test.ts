// Over a real socket: the sandbox's sender (signs exactly as Terra, retries any non-2xx) against
// the service served by @hono/node-server, plus a local HTTP server standing in for S3.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { loadIngestConfig } from "@wearables/ingest";
import { type Db, getEvent, readRecords, rows } from "@wearables/storage";
import { onRealPostgres, testDb } from "@wearables/storage/testing";
import {
  accessRevokedEvent,
  athleteEvent,
  athleteFor,
  authSuccessEvent,
  connectionErrorEvent,
  createWebhookSender,
  dataEvent,
  deauthEvent,
  largeRequestProcessingEvent,
  largeRequestSendingEvent,
  makePerson,
  makeUser,
  permissionChangeEvent,
  recordsForDay,
  userReauthEvent,
} from "@wearables/terra-sandbox";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metricValue, SECRET, settled, signedInit, switchableDb, testApp } from "./test-helpers.ts";

let base: Db;
let sw: ReturnType<typeof switchableDb>;
let service: ReturnType<typeof testApp>;
let server: ReturnType<typeof serve>;
let url: string;
let s3: Server;
let s3Url: string;
const s3Bodies = new Map<string, string>();

beforeAll(async () => {
  base = await testDb();
  sw = switchableDb(base);
  service = testApp(sw.db, {
    ingest: loadIngestConfig({ download: { timeoutMs: 1000, retries: 1, backoffMs: () => 10 } }),
  });
  await new Promise<void>((resolve) => {
    server = serve({ fetch: service.app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
      url = `http://127.0.0.1:${info.port}/webhooks/terra`;
      resolve();
    });
  });
  s3 = createServer((req, res) => {
    const body = s3Bodies.get(req.url ?? "");
    if (body === undefined) {
      res
        .writeHead(400, { "content-type": "application/xml" })
        .end("<Error><Code>ExpiredToken</Code></Error>");
      return;
    }
    res.writeHead(200, { "content-type": "application/json" }).end(body);
  });
  await new Promise<void>((resolve) => s3.listen(0, "127.0.0.1", resolve));
  s3Url = `http://127.0.0.1:${(s3.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await service?.drain();
  await new Promise((r) => server?.close(r));
  await new Promise((r) => s3?.close(r));
  await base?.close();
});

const person = makePerson("webhook-socket", 1);
const u = makeUser("webhook-socket", person);
// Another person for the tests after the first, whose user_reauth moves u's data to a new id.
const person2 = makePerson("webhook-socket", 2);
const u2 = makeUser("webhook-socket", person2);
const day = "2026-06-10";
const gen = { withSamples: true, asOfMs: Date.parse("2026-07-01T00:00:00Z") };

async function statusOfTrace(traceId: string): Promise<string | undefined> {
  const r = await rows<{ status: string }>(
    base,
    sql`select status from webhook_events where trace_id = ${traceId}`,
  );
  return r[0]?.status;
}

async function countTrace(traceId: string): Promise<number> {
  const r = await rows<{ n: number }>(
    base,
    sql`select count(*)::int as n from webhook_events where trace_id = ${traceId}`,
  );
  return r[0]?.n ?? 0;
}

function sender(faultRates?: Record<string, number>) {
  return createWebhookSender({ url, secret: SECRET, timeScale: 0.0002, seed: Math.random(), faultRates });
}

describe("with the sandbox's sender over a socket", () => {
  it("delivers every event type, each stored exactly once despite faults", async () => {
    const s = sender();
    const newUser = makeUser("webhook-socket", person, 1);
    const events = [
      authSuccessEvent(u),
      ...(["body", "sleep", "daily", "activity"] as const).map((t) =>
        dataEvent(t, u, recordsForDay(person, t, day, gen)),
      ),
      athleteEvent(u, athleteFor(person)),
      permissionChangeEvent(u, "user.sleepevents", ""),
      connectionErrorEvent(u),
      largeRequestProcessingEvent(u, "ref-socket"),
      largeRequestSendingEvent(u, "ref-socket", 1),
      accessRevokedEvent(u),
      userReauthEvent(u, newUser),
      deauthEvent(newUser),
    ];
    const faults = [
      "duplicate",
      "drop_first",
      "wrong_signature",
      "stale_timestamp",
      "truncated_body",
    ] as const;
    const deliveries = events.map((e, i) => s.send(e, { fault: faults[i % faults.length] }));
    await s.flush();
    s.close();
    expect(deliveries.map((d) => d.state)).toEqual(deliveries.map(() => "delivered"));
    // Faulty first attempts were refused (401) and their retries accepted.
    const firstStatuses = deliveries.map((d) => d.attempts[0]?.status);
    expect(firstStatuses).toContain(401);
    for (const d of deliveries) expect(await countTrace(d.traceId), d.type).toBe(1);
    await settled(service);
    const bodies = await readRecords(base, { userId: newUser.user_id, type: "body" });
    expect(bodies.items.length).toBeGreaterThan(0); // moved by the user_reauth swap
  });

  it("keeps the newest copy when the sender reorders copies of one day", async () => {
    const s = sender();
    const older = recordsForDay(person2, "daily", "2026-06-11", {
      withSamples: false,
      asOfMs: Date.parse("2026-06-11T12:00:00Z"),
    });
    const newer = recordsForDay(person2, "daily", "2026-06-11", {
      withSamples: false,
      asOfMs: Date.parse("2026-06-12T00:00:00Z"),
    });
    const v2 = s.send(dataEvent("daily", u2, newer), { orderingTs: 2_000 });
    await v2.done;
    await settled(service);
    const v1 = s.send(dataEvent("daily", u2, older), { orderingTs: 1_000 });
    await v1.done;
    s.close();
    await settled(service);
    const stored = await readRecords(base, {
      userId: u2.user_id,
      type: "daily",
      startDate: "2026-06-11",
      endDate: "2026-06-11",
    });
    expect(stored.items).toHaveLength(1);
    expect(stored.items[0]?.orderingTs).toBe(2_000);
    expect(stored.items[0]?.document).toEqual(newer[0]);
  });

  it("loses nothing across a database outage: 503s while down, the retries store everything", async () => {
    const s = sender();
    sw.setDown(true);
    const deliveries = Array.from({ length: 6 }, (_, i) =>
      s.send(dataEvent("body", u2, recordsForDay(person2, "body", `2026-06-${20 + i}`, gen))),
    );
    await Promise.all(deliveries.map((d) => d.sent));
    expect(deliveries.map((d) => d.attempts[0]?.status)).toEqual(new Array(6).fill(503));
    sw.setDown(false);
    await s.flush();
    s.close();
    expect(deliveries.every((d) => d.state === "delivered")).toBe(true);
    for (const d of deliveries) expect(await countTrace(d.traceId)).toBe(1);
    await settled(service);
    for (const d of deliveries) expect(await statusOfTrace(d.traceId)).toBe("processed");
  });
});

describe.skipIf(!onRealPostgres())("on real PostgreSQL", () => {
  it("loses nothing when the server terminates every connection during a load", async () => {
    const s = sender();
    const deliveries = Array.from({ length: 24 }, (_, i) =>
      s.send(
        dataEvent(
          "daily",
          u,
          recordsForDay(person2, "daily", `2026-07-${String(i + 1).padStart(2, "0")}`, gen),
        ),
      ),
    );
    await new Promise((r) => setTimeout(r, 30));
    await rows(
      base,
      sql`select pg_terminate_backend(pid) from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid()`,
    );
    await s.flush();
    s.close();
    expect(deliveries.every((d) => d.state === "delivered")).toBe(true);
    for (const d of deliveries) expect(await countTrace(d.traceId)).toBe(1);
    await settled(service);
    for (const d of deliveries) expect(await statusOfTrace(d.traceId)).toBe("processed");
  });

  it("loses nothing when the server terminates every connection while rows are being processed", async () => {
    const s = sender();
    const deliveries = Array.from({ length: 40 }, (_, i) =>
      s.send(
        dataEvent(
          "daily",
          u,
          recordsForDay(person2, "daily", `2026-08-${String((i % 28) + 1).padStart(2, "0")}`, gen),
        ),
      ),
    );
    await s.flush();
    s.close();
    // Acknowledged; processing runs now: cut every connection of the database under it, twice.
    for (let k = 0; k < 2; k++) {
      await rows(
        base,
        sql`select pg_terminate_backend(pid) from pg_stat_activity
            where datname = current_database() and pid <> pg_backend_pid()`,
      );
      await new Promise((r) => setTimeout(r, 20));
    }
    await settled(service);
    for (const d of deliveries) expect(await statusOfTrace(d.traceId)).toBe("processed");
  });
});

describe("s3_payload over HTTP", () => {
  it("downloads the payload at once and stores its records", async () => {
    const inner = dataEvent("sleep", u, recordsForDay(person, "sleep", "2026-06-15", gen));
    s3Bodies.set("/payload-ok.json", JSON.stringify(inner));
    const ping = JSON.stringify({
      type: "s3_payload",
      status: "success",
      url: `${s3Url}/payload-ok.json`,
      expires_in: 300,
    });
    const res = await fetch(url, signedInit(ping, { traceId: "s3-ok" }));
    expect(res.status).toBe(200);
    const ack = (await res.json()) as { eventId: number; status: string };
    expect(ack.status).toBe("received");
    await settled(service);
    const child = await rows<{ status: string; type: string }>(
      base,
      sql`select status, type from webhook_events where delivery_key = 'trace:s3-ok' or delivery_key = 's3:trace:s3-ok' order by id`,
    );
    expect(child).toEqual([
      { status: "processed", type: "s3_payload" },
      { status: "processed", type: "sleep" },
    ]);
  });

  it("acknowledges an expired URL and leaves the event pending for the worker", async () => {
    const ping = JSON.stringify({
      type: "s3_payload",
      status: "success",
      url: `${s3Url}/expired.json`,
      expires_in: 300,
    });
    const res = await fetch(url, signedInit(ping, { traceId: "s3-expired" }));
    expect(res.status).toBe(200);
    const ack = (await res.json()) as { eventId: number; status: string };
    await settled(service);
    const row = await getEvent(base, ack.eventId);
    expect(row?.status).toBe("pending");
    expect(row?.error).toMatch(/HTTP 400/);
  });
});

describe("load shedding", () => {
  it("answers 503 at once past its bounds (queue plus batches in flight) instead of queueing", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const blocked = testApp(base, {
      batch: { maxQueue: 2, maxBatch: 1, lingerMs: 0 },
      processing: { enabled: false },
      insert: async (ds) => {
        await gate;
        return ds.map((d, i) => ({
          id: i,
          deliveryKey: d.deliveryKey ?? "",
          duplicate: false,
          status: "received" as const,
        }));
      },
    });
    const body = (i: number) => JSON.stringify({ type: "healthcheck", status: "normal", n: i });
    const held = [0, 1, 2].map((i) => blocked.app.request("/webhooks/terra", signedInit(body(i))));
    await new Promise((r) => setTimeout(r, 50));
    const shed = await blocked.app.request("/webhooks/terra", signedInit(body(3)));
    expect(shed.status).toBe(503);
    expect(((await shed.json()) as { error: { code: string } }).error.code).toBe("overloaded");
    release();
    expect((await Promise.all(held)).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await metricValue(blocked.metrics.shed)).toBe(1);
    await blocked.drain();
  });
});
