import { ApiRecordPageSchema } from "@wearables/schemas";
import { upsertConnection, upsertRecords } from "@wearables/storage";
import { bodyDoc, dailyDoc, nextDay, sleepDoc } from "@wearables/storage/testing";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app.ts";
import { ADMIN_TOKEN, type Harness, harness, type Json, json, TOKENS } from "./test-app.ts";

let h: Harness;
const USER = "u-data";

function days(from: string, n: number): string[] {
  const out = [from];
  while (out.length < n) out.push(nextDay(out.at(-1)!));
  return out;
}

beforeAll(async () => {
  h = await harness();
  await upsertConnection(h.db, { userId: USER, provider: "WITHINGS", referenceId: "ref-data" });
  const d = days("2026-03-01", 10);
  await upsertRecords(h.db, {
    type: "daily",
    userId: USER,
    source: "webhook",
    records: d.map((x, i) => dailyDoc(x, { steps: 1000 + i })),
  });
  await upsertRecords(h.db, {
    type: "body",
    userId: USER,
    source: "webhook",
    records: d.slice(0, 3).map((x) => bodyDoc(x)),
  });
  await upsertRecords(h.db, {
    type: "sleep",
    userId: USER,
    source: "webhook",
    records: [sleepDoc("s-1", "2026-03-02")],
  });
});
afterAll(() => h.close());

describe("GET /v1/users/{id}/{type}", () => {
  it("returns whole documents in a date range, in date order", async () => {
    const res = await h.call("GET", `/v1/users/${USER}/daily?start_date=2026-03-03&end_date=2026-03-05`);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.data.map((r: Json) => r.date)).toEqual(["2026-03-03", "2026-03-04", "2026-03-05"]);
    expect(body.data[0].document).toEqual(dailyDoc("2026-03-03", { steps: 1002 }));
    expect(body.next_cursor).toBeNull();
  });

  it("answers JSON that matches ApiRecordPageSchema exactly, documents spliced in as stored", async () => {
    const res = await h.call(
      "GET",
      `/v1/users/${USER}/daily?start_date=2026-03-01&end_date=2026-03-02&limit=1`,
    );
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const body = await json(res);
    // Strict parse: the hand-built body has exactly the schema's fields, no more.
    expect(ApiRecordPageSchema.strict().parse(body)).toEqual(body);
    expect(Object.keys(body.data[0])).toEqual(["date", "key", "received_at", "source", "document"]);
    expect(body.data[0]).toMatchObject({ date: "2026-03-01", source: "webhook" });
    expect(body.data[0].received_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(body.data[0].document).toEqual(dailyDoc("2026-03-01", { steps: 1000 }));
    expect(typeof body.next_cursor).toBe("string");
  });

  it("pages with a cursor to the end, each row once", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
      const body = await json(await h.call("GET", `/v1/users/${USER}/daily?limit=4${q}`));
      seen.push(...body.data.map((r: Json) => r.date));
      cursor = body.next_cursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(days("2026-03-01", 10));
  });

  it("refuses a type that does not exist, naming the field", async () => {
    const res = await h.call("GET", `/v1/users/${USER}/steps`);
    expect(res.status).toBe(400);
    expect((await json(res)).error.issues[0].field).toBe("param.type");
  });
});

describe("a page's byte budget", () => {
  it("ends a page early with a next cursor; a record larger than the budget comes alone", async () => {
    const pageMaxBytes = 1_500;
    const unused = async (): Promise<never> => {
      throw new Error("not called");
    };
    const app = createApp({
      db: h.db,
      terra: { generateWidgetSession: unused, authenticateUser: unused, deauthenticateUser: unused },
      logger: pino({ level: "silent" }),
      clock: { now: () => new Date() },
      tokens: TOKENS,
      pageMaxBytes,
    });
    const pages: { dates: string[]; bytes: number }[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 20; i++) {
      const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
      const res = await app.request(`/v1/users/${USER}/daily?limit=500${q}`, {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      const body = await json(res);
      pages.push({
        dates: body.data.map((r: Json) => r.date),
        bytes: body.data.reduce((n: number, r: Json) => n + Buffer.byteLength(JSON.stringify(r.document)), 0),
      });
      cursor = body.next_cursor;
      if (!cursor) break;
    }
    expect(pages.flatMap((p) => p.dates)).toEqual(days("2026-03-01", 10));
    expect(pages.length).toBeGreaterThan(2);
    for (const p of pages) if (p.dates.length > 1) expect(p.bytes).toBeLessThanOrEqual(pageMaxBytes);
  });
});

describe("bad parameters name the field", () => {
  const cases: [string, string][] = [
    ["start_date=2026-13-01", "query.start_date"],
    ["start_date=2026-02-30", "query.start_date"],
    ["end_date=yesterday", "query.end_date"],
    ["start_date=2026-03-05&end_date=2026-03-01", "query.end_date"],
    ["limit=100000", "query.limit"],
    ["limit=0", "query.limit"],
    ["cursor=not-a-cursor", "query.cursor"],
  ];
  for (const [query, field] of cases) {
    it(`${query} → 400 on ${field}`, async () => {
      const res = await h.call("GET", `/v1/users/${USER}/daily?${query}`);
      expect(res.status).toBe(400);
      const body = await json(res);
      expect(body.error.code).toBe("invalid_request");
      expect(body.error.message).toContain(field);
      expect(body.error.issues.map((i: Json) => i.field)).toContain(field);
    });
  }

  it("the summary needs both dates and at most two years", async () => {
    for (const [q, field] of [
      ["start_date=2026-03-01", "query.end_date"],
      ["start_date=2020-01-01&end_date=2026-01-01", "query.end_date"],
    ]) {
      const res = await h.call("GET", `/v1/users/${USER}/summary?${q}`);
      expect(res.status).toBe(400);
      expect((await json(res)).error.issues.map((i: Json) => i.field)).toContain(field);
    }
  });
});

describe("GET /v1/users/{id}/summary", () => {
  it("gives the day's steps, weight, fat, blood pressure, resting HR, sleep and AFib", async () => {
    const res = await h.call("GET", `/v1/users/${USER}/summary?start_date=2026-03-01&end_date=2026-03-03`);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.data.map((d: Json) => d.date)).toEqual(["2026-03-01", "2026-03-02", "2026-03-03"]);
    const day2 = body.data[1];
    expect(day2.steps).toBe(1001);
    expect(day2.resting_hr_bpm).toBe(58);
    expect(day2.weight_kg).toBeGreaterThan(70);
    expect(day2.bodyfat_percentage).toBeGreaterThan(20);
    expect(day2.systolic_bp).toBeGreaterThan(100);
    expect(day2.diastolic_bp).toBeGreaterThan(60);
    expect(day2.afib_positive_count).toBe(1);
    expect(day2.sleep_duration_seconds).toBe(26_100);
    expect(day2.sleep_efficiency).toBe(91);
    expect(body.data[0].sleep_duration_seconds).toBeNull();
  });
});

describe("pagination while rows are inserted", () => {
  it("never repeats or skips a row that existed when paging began", async () => {
    const user = "u-paging";
    const initial = days("2026-01-01", 30).filter((_, i) => i % 2 === 0); // every other day
    await upsertRecords(h.db, {
      type: "daily",
      userId: user,
      source: "webhook",
      records: initial.map((d) => dailyDoc(d)),
    });
    const late = days("2026-01-01", 30).filter((_, i) => i % 2 === 1);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 50; page++) {
      const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
      const body = await json(await h.call("GET", `/v1/users/${user}/daily?limit=4${q}`));
      seen.push(...body.data.map((r: Json) => r.date));
      // Between pages, days land both before and after the cursor.
      const insert = late.splice(0, 2);
      if (insert.length > 0) {
        await upsertRecords(h.db, {
          type: "daily",
          userId: user,
          source: "webhook",
          records: insert.map((d) => dailyDoc(d)),
        });
      }
      cursor = body.next_cursor;
      if (!cursor) break;
    }
    expect(new Set(seen).size).toBe(seen.length);
    for (const d of initial) expect(seen).toContain(d);
    expect([...seen].sort()).toEqual(seen);
  });
});
