import {
  type Db,
  getConnection,
  getEvent,
  insertEvent,
  largeRequestProgress,
  readRecords,
  rows,
  transaction,
} from "@wearables/storage";
import { bodyDoc, testDb } from "@wearables/storage/testing";
import { hasShared, terraExamples } from "@wearables/test-support";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applyEvent,
  flushApplyContext,
  type IngestConfig,
  loadIngestConfig,
  newApplyContext,
  type PreparedEvent,
  prepareBody,
  processEvent,
} from "./index.ts";

let db: Db;
beforeAll(async () => {
  db = await testDb();
}, 60_000);
afterAll(async () => {
  await db?.close();
});

let seq = 0;
const bytes = (v: unknown) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v));

/** Stores a delivery in the inbox and processes it in one transaction, as the webhook does. */
async function deliver(
  body: unknown,
  config: IngestConfig,
  opts: { orderingTs?: number; reference?: string; traceId?: string } = {},
) {
  const rawBody = bytes(body);
  return transaction(db, async (tx) => {
    const row = await insertEvent(tx, {
      rawBody,
      traceId: opts.traceId ?? `trace-${++seq}`,
      type: "test",
      reference: opts.reference ?? null,
    });
    const result = await processEvent(
      tx,
      {
        eventId: row.id,
        deliveryKey: `trace:${opts.traceId ?? `trace-${seq}`}`,
        rawBody,
        orderingTs: opts.orderingTs ?? null,
        receivedAt: new Date(),
        reference: opts.reference ?? null,
        source: "webhook",
      },
      config,
    );
    return { ...result, eventId: row.id };
  });
}

const user = (id: string, extra: Record<string, unknown> = {}) => ({
  user_id: id,
  provider: "WITHINGS",
  reference_id: `ref-${id}`,
  scopes: "body,sleep",
  active: true,
  ...extra,
});

const all = loadIngestConfig();

describe.skipIf(!hasShared())("processEvent on Terra's own examples", () => {
  it("processes or ignores every official example and never fails one", async () => {
    const noS3 = loadIngestConfig({
      download: { fetch: async () => new Response("gone", { status: 403 }), retries: 0 },
    });
    const outcomes: Record<string, string> = {};
    for (const [file, example] of terraExamples()) {
      const r = await deliver(example, noS3);
      outcomes[file.replace(".openapi.example.json", "")] = r.status;
      const row = await getEvent(db, r.eventId);
      expect(row?.status, file).toBe(r.status);
    }
    for (const t of ["activity", "body", "daily", "sleep", "menstruation", "nutrition", "athlete"]) {
      expect(outcomes[t], t).toBe("processed");
    }
    for (const t of ["deauth", "access_revoked", "connection_error", "permission_change", "user_reauth"]) {
      expect(outcomes[t], t).toBe("processed");
    }
    expect(outcomes["auth.authSuccess"]).toBe("processed");
    expect(outcomes["auth.authCancelled"]).toBe("processed");
    expect(outcomes.s3_payload).toBe("pending"); // its example URL cannot be fetched here
  });
});

describe("processEvent", () => {
  it("keeps a signed but invalid body as failed with the validation error", async () => {
    const r = await deliver({ type: "body", user: user("u-invalid"), data: [{ metadata: {} }] }, all);
    expect(r.status).toBe("failed");
    expect(r.error).toMatch(/data\.0\.metadata/);
    const row = await getEvent(db, r.eventId);
    expect(row?.status).toBe("failed");
    expect(row?.error).toMatch(/schema/);
  });

  it("keeps a body that is not JSON as failed", async () => {
    const r = await deliver("{not json", all);
    expect(r.status).toBe("failed");
    expect((await getEvent(db, r.eventId))?.error).toMatch(/invalid JSON/);
  });

  it("acknowledges an unknown type as ignored", async () => {
    const r = await deliver({ type: "brand_new_thing", status: "ok" }, all);
    expect(r.status).toBe("ignored");
  });

  it("stores records of selected types only, and the connection for every event", async () => {
    const onlySleep = loadIngestConfig({ dataTypes: "sleep" });
    const r = await deliver(
      { type: "body", user: user("u-filter"), data: [bodyDoc("2026-03-01")] },
      onlySleep,
    );
    expect(r.status).toBe("ignored");
    expect((await readRecords(db, { userId: "u-filter", type: "body" })).items).toHaveLength(0);
    expect((await getConnection(db, "u-filter"))?.status).toBe("active");
  });

  it("applies the field selection before storing a record", async () => {
    const config = loadIngestConfig({
      fieldSelection: { body: { exclude: ["heart_data", "device_data.serial_number"] } },
    });
    const doc = { ...bodyDoc("2026-03-02"), device_data: { name: "Body+", serial_number: "SN-9" } };
    const r = await deliver({ type: "body", user: user("u-select"), data: [doc] }, config);
    expect(r.status).toBe("processed");
    const stored = (await readRecords(db, { userId: "u-select", type: "body" })).items[0]?.document as Record<
      string,
      Record<string, unknown>
    >;
    expect(stored).not.toHaveProperty("heart_data");
    expect(stored.device_data).toEqual({ name: "Body+" });
    expect(stored.measurements_data).toEqual(doc.measurements_data);
  });

  it("keeps the newest copy of a day whatever order the copies arrive in", async () => {
    const newer = bodyDoc("2026-03-03", { weightKg: 80 });
    const older = bodyDoc("2026-03-03", { weightKg: 70 });
    await deliver({ type: "body", user: user("u-order"), data: [newer] }, all, { orderingTs: 2000 });
    const late = await deliver({ type: "body", user: user("u-order"), data: [older] }, all, {
      orderingTs: 1000,
    });
    expect(late.records).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    const items = (await readRecords(db, { userId: "u-order", type: "body" })).items;
    expect(items).toHaveLength(1);
    const doc = items[0]?.document as { measurements_data: { measurements: { weight_kg: number }[] } };
    expect(doc.measurements_data.measurements[0]?.weight_kg).toBe(80);
  });

  it("moves a connection through auth, permission change, connection error, revocation and deauth", async () => {
    const u = user("u-life", { scopes: "body" });
    const status = async () => (await getConnection(db, "u-life"))?.status;
    await deliver({ type: "auth", status: "success", user: u, message: "ok" }, all);
    expect(await status()).toBe("active");
    await deliver(
      {
        type: "permission_change",
        status: "warning",
        message: "m",
        scopes_added: "sleep",
        scopes_removed: "",
        user: { ...u, scopes: "body,sleep" },
      },
      all,
    );
    expect((await getConnection(db, "u-life"))?.scopes).toBe("body,sleep");
    await deliver({ type: "connection_error", status: "warning", message: "m", user: u }, all);
    expect(await status()).toBe("error");
    await deliver({ type: "access_revoked", status: "warning", message: "m", user: u }, all);
    expect(await status()).toBe("revoked");
    await deliver({ type: "auth", status: "success", user: u, message: "ok" }, all);
    expect(await status()).toBe("active");
    await deliver({ type: "deauth", status: "success", message: "m", user: u }, all);
    expect(await status()).toBe("deauthorized");
  });

  it("user_reauth moves the old user's records to the new id", async () => {
    await deliver({ type: "body", user: user("u-old"), data: [bodyDoc("2026-03-04")] }, all);
    const r = await deliver(
      {
        type: "user_reauth",
        status: "warning",
        message: "m",
        new_user: user("u-new"),
        old_user: user("u-old"),
      },
      all,
    );
    expect(r.status).toBe("processed");
    expect((await readRecords(db, { userId: "u-new", type: "body" })).items).toHaveLength(1);
    expect((await readRecords(db, { userId: "u-old", type: "body" })).items).toHaveLength(0);
    expect((await getConnection(db, "u-old"))?.status).toBe("deauthorized");
  });
});

describe("tolerance (ADR 0203): a bad record fails alone, what Terra adds is kept and flagged", () => {
  it("stores the other records of an event whose record 4 has a weight as a string: partial, replayable", async () => {
    const days = Array.from({ length: 10 }, (_, i) => bodyDoc(`2026-06-${String(i + 1).padStart(2, "0")}`));
    const bad = structuredClone(days[4]) as {
      measurements_data: { measurements: Record<string, unknown>[] };
    };
    (bad.measurements_data.measurements[0] as Record<string, unknown>).weight_kg = "81.2345";
    days[4] = bad as (typeof days)[number];
    const r = await deliver({ type: "body", user: user("u-partial"), data: days }, all);
    expect(r.status).toBe("partial");
    const row = await getEvent(db, r.eventId);
    expect(row?.status).toBe("partial");
    expect(row?.processedAt).toBeInstanceOf(Date);
    expect(row?.error).toMatch(
      /1 of 10 records failed validation: data\.4\.measurements_data\.measurements\.0\.weight_kg/,
    );
    expect(row?.error).not.toContain("81.2345");
    const stored = (await readRecords(db, { userId: "u-partial", type: "body" })).items.map(
      (x) => x.localDate,
    );
    expect(stored).toHaveLength(9);
    expect(stored).not.toContain("2026-06-05");
  });

  it("keeps a record with an activity type Terra added since, with a warning on the inbox row", async () => {
    const doc = {
      metadata: {
        summary_id: "act-155",
        start_time: "2026-06-01T07:00:00.000000+00:00",
        end_time: "2026-06-01T08:00:00.000000+00:00",
        type: 155,
        upload_type: 7,
      },
    };
    const r = await deliver({ type: "activity", user: user("u-warn"), data: [doc] }, all);
    expect(r.status).toBe("processed");
    const row = await getEvent(db, r.eventId);
    expect(row?.warnings?.map((w) => [w.path, w.code])).toEqual(
      expect.arrayContaining([
        ["data.0.metadata.type", "unknown_enum_value"],
        ["data.0.metadata.upload_type", "unknown_enum_value"],
      ]),
    );
    const [stored] = (await readRecords(db, { userId: "u-warn", type: "activity" })).items;
    expect(stored).toBeDefined();
    expect(((stored as { document: unknown }).document as { metadata: { type: number } }).metadata.type).toBe(
      155,
    );
  });

  it("applies lifecycle events whose user.provider is null, keeping the stored provider", async () => {
    await deliver({ type: "auth", status: "success", message: "ok", user: user("u-nullprov") }, all);
    const r = await deliver(
      { type: "deauth", status: "success", message: "m", user: { user_id: "u-nullprov", provider: null } },
      all,
    );
    expect(r.status).toBe("processed");
    expect(await getConnection(db, "u-nullprov")).toMatchObject({
      status: "deauthorized",
      provider: "WITHINGS",
    });
    const fresh = await deliver(
      { type: "auth", status: "success", message: "ok", user: { user_id: "u-nullprov-new", provider: null } },
      all,
    );
    expect(fresh.status).toBe("processed");
    expect(await getConnection(db, "u-nullprov-new")).toMatchObject({
      status: "active",
      provider: "UNKNOWN",
    });
  });

  it("fails only the record holding a NUL, and the event when the NUL is in its user", async () => {
    const days = [bodyDoc("2026-07-01"), { ...bodyDoc("2026-07-02"), note: "a\u0000b" }];
    const r = await deliver({ type: "body", user: user("u-nul-rec"), data: days }, all);
    expect(r.status).toBe("partial");
    expect((await getEvent(db, r.eventId))?.error).toMatch(
      /1 of 2 records .*data\.1\.note: holds a NUL character/,
    );
    expect((await readRecords(db, { userId: "u-nul-rec", type: "body" })).items).toHaveLength(1);
    // Both records bad, the second failing validation too: each named at its own position.
    const both = [
      { ...bodyDoc("2026-07-04"), note: "a\u0000b" },
      { ...bodyDoc("2026-07-05"), note: "c\u0000d" },
      { ...bodyDoc("2026-07-06"), metadata: "not an object" },
    ];
    const b = await deliver({ type: "body", user: user("u-nul-both"), data: both }, all);
    const error = (await getEvent(db, b.eventId))?.error ?? "";
    expect(error).toMatch(/3 of 3 records/);
    expect(error).toMatch(/data\.0\.note: holds a NUL/);
    expect(error).toMatch(/data\.1\.note: holds a NUL/);
    expect(error).toMatch(/data\.2\.metadata/);
    const e = await deliver(
      {
        type: "body",
        user: { ...user("u-nul-user"), reference_id: "x\u0000" },
        data: [bodyDoc("2026-07-03")],
      },
      all,
    );
    expect(e.status).toBe("failed");
    expect((await getEvent(db, e.eventId))?.error).toMatch(/user\.reference_id: holds a NUL character/);
  });
});

describe("deferred writes (the webhook's group commit)", () => {
  it("writes a data event's records and connection before a later reauth in the same transaction moves them", async () => {
    const bodies = [
      { type: "body", user: user("u-defer-old"), data: [bodyDoc("2026-03-05")] },
      {
        type: "user_reauth",
        status: "warning",
        message: "m",
        new_user: user("u-defer-new"),
        old_user: user("u-defer-old"),
      },
      { type: "body", user: user("u-defer-other"), data: [bodyDoc("2026-03-06")] },
    ];
    const statuses = await transaction(db, async (tx) => {
      const ctx = newApplyContext({ deferStatuses: true, deferRecords: true });
      for (const body of bodies) {
        const rawBody = bytes(body);
        const row = await insertEvent(tx, { rawBody, traceId: `defer-${++seq}`, type: body.type });
        await applyEvent(
          tx,
          { eventId: row.id, receivedAt: new Date(), source: "webhook" },
          prepareBody(rawBody, all) as PreparedEvent,
          all,
          ctx,
        );
      }
      // Only the reauth forced a flush: the second user's writes are still pending here.
      expect(ctx.records).toHaveLength(1);
      expect(ctx.touches).toHaveLength(1);
      await flushApplyContext(tx, ctx);
      return ctx.statuses?.map((s) => s.status);
    });
    expect(statuses).toEqual(["processed", "processed", "processed"]);
    expect((await readRecords(db, { userId: "u-defer-new", type: "body" })).items).toHaveLength(1);
    expect((await readRecords(db, { userId: "u-defer-old", type: "body" })).items).toHaveLength(0);
    expect((await readRecords(db, { userId: "u-defer-other", type: "body" })).items).toHaveLength(1);
    expect((await getConnection(db, "u-defer-other"))?.referenceId).toBe("ref-u-defer-other");
    expect((await getConnection(db, "u-defer-old"))?.status).toBe("deauthorized");
  });
});

describe("large requests", () => {
  it("records the expected payload count and counts each chunk delivery once", async () => {
    const u = user("u-large");
    const ref = "ref-large-1";
    const marker = { user: u, reference: ref, message: "m" };
    await deliver({ type: "large_request_processing", status: "processing", ...marker }, all);
    await deliver({ type: "large_request_sending", expected_payloads: 2, ...marker }, all);
    const chunk = (d: string) => ({ type: "body", user: u, data: [bodyDoc(d)] });
    await deliver(chunk("2026-02-01"), all, { reference: ref, traceId: "large-c1" });
    expect(await largeRequestProgress(db, ref)).toEqual({ received: 1, expected: 2 });
    await deliver(chunk("2026-02-02"), all, { reference: ref, traceId: "large-c2" });
    expect(await largeRequestProgress(db, ref)).toEqual({ received: 2, expected: 2 });
    // A replay of the same delivery (same delivery key) is not a new chunk.
    await deliver(chunk("2026-02-02"), all, { reference: ref, traceId: "large-c2" });
    expect(await largeRequestProgress(db, ref)).toEqual({ received: 2, expected: 2 });
    expect((await readRecords(db, { userId: "u-large", type: "body" })).items).toHaveLength(2);
  });
});

describe("s3_payload", () => {
  const inner = { type: "body", user: user("u-s3"), data: [bodyDoc("2026-03-05")] };
  const ping = { type: "s3_payload", status: "success", url: "http://s3.test/p.json", expires_in: 300 };

  it("downloads the payload at once, keeps its bytes as a child event and processes it", async () => {
    const urls: string[] = [];
    const config = loadIngestConfig({
      download: {
        fetch: async (url) => {
          urls.push(url);
          return new Response(JSON.stringify(inner));
        },
      },
    });
    const r = await deliver(ping, config);
    expect(urls).toEqual(["http://s3.test/p.json"]);
    expect(r.status).toBe("processed");
    expect(r.childEventId).toBeTypeOf("number");
    const child = await getEvent(db, r.childEventId as number);
    expect(child?.type).toBe("body");
    expect(Buffer.from(child?.rawBody as Uint8Array).toString()).toBe(JSON.stringify(inner));
    expect((await readRecords(db, { userId: "u-s3", type: "body" })).items).toHaveLength(1);
    expect((await getEvent(db, r.eventId))?.status).toBe("processed");
  });

  it("leaves the event pending when the URL has expired, without retrying a 4xx", async () => {
    let calls = 0;
    const config = loadIngestConfig({
      download: {
        fetch: async () => {
          calls++;
          return new Response("<Error>ExpiredToken</Error>", { status: 400 });
        },
        retries: 3,
      },
    });
    const r = await deliver(ping, config);
    expect(r.status).toBe("pending");
    expect(calls).toBe(1);
    const row = await getEvent(db, r.eventId);
    expect(row?.status).toBe("pending");
    expect(row?.error).toMatch(/HTTP 400/);
  });

  it("retries a 5xx and then succeeds", async () => {
    let calls = 0;
    const config = loadIngestConfig({
      download: {
        fetch: async () =>
          ++calls < 3 ? new Response("busy", { status: 503 }) : new Response(JSON.stringify(inner)),
        retries: 2,
        backoffMs: () => 1,
      },
    });
    const r = await deliver({ ...ping, url: "http://s3.test/retry.json" }, config, { traceId: "s3-retry" });
    expect(calls).toBe(3);
    expect(r.status).toBe("processed");
  });
});

describe("measurements (ADR 0304)", () => {
  it("writes the selected measurements as series rows with the record, none when told", async () => {
    const count = async (u: string) =>
      (
        await rows<{ n: number }>(db, sql`select count(*)::int as n from measurements where user_id = ${u}`)
      )[0]?.n;
    await deliver({ type: "body", user: user("u-meas"), data: [bodyDoc("2026-08-01")] }, all);
    expect(await count("u-meas")).toBeGreaterThan(0);
    const none = loadIngestConfig({ measurements: "none" });
    await deliver({ type: "body", user: user("u-meas-none"), data: [bodyDoc("2026-08-01")] }, none);
    expect(await count("u-meas-none")).toBe(0);
  });
});

describe("loadIngestConfig", () => {
  it("refuses unknown data types and malformed selections with a clear message", () => {
    expect(() => loadIngestConfig({ dataTypes: "body,steps" })).toThrow(
      /DATA_TYPES: unknown type\(s\) steps/,
    );
    expect(() => loadIngestConfig({ fieldSelection: { bodyy: { exclude: ["a"] } } })).toThrow(
      /unknown type "bodyy"/,
    );
    expect(() => loadIngestConfig({ fieldSelection: "/nonexistent.json" })).toThrow(
      /FIELD_SELECTION: cannot read/,
    );
  });
});
