// Inputs that used to reach PostgreSQL and come back as 500s: each is the caller's mistake, a 400
// naming the field.
import { upsertConnection, upsertRecords } from "@wearables/storage";
import { dailyDoc } from "@wearables/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, harness, type Json, json } from "./test-app.ts";

let h: Harness;
const USER = "u-input";
const cursor = (raw: string) => encodeURIComponent(Buffer.from(raw).toString("base64url"));

beforeAll(async () => {
  h = await harness();
  await upsertConnection(h.db, { userId: USER, provider: "WITHINGS" });
  await upsertRecords(h.db, {
    type: "daily",
    userId: USER,
    source: "webhook",
    records: [dailyDoc("2026-03-01"), dailyDoc("2026-03-02")],
  });
});
afterAll(() => h.close());

async function expect400(path: string, field: string): Promise<void> {
  const res = await h.call("GET", path);
  const body = await json(res);
  expect(res.status, `${path}: ${JSON.stringify(body)}`).toBe(400);
  expect(body.error.code).toBe("invalid_request");
  expect(body.error.issues.map((i: Json) => i.field)).toContain(field);
  expect(body.error.message).toContain(field);
}

describe("cursors with out-of-range fields", () => {
  for (const raw of [
    '{"d":"2026-99-99","i":1}',
    '{"d":"0000-00-00","i":1}',
    '{"d":null,"i":1e300}',
    '{"d":null,"i":1e400}',
    '{"d":null,"i":1.5}',
  ]) {
    it(`${raw} → 400 on query.cursor`, () =>
      expect400(`/v1/users/${USER}/daily?cursor=${cursor(raw)}`, "query.cursor"));
  }
});

describe("dates PostgreSQL has not", () => {
  it("start_date=0000-01-01 → 400 on query.start_date", () =>
    expect400(`/v1/users/${USER}/daily?start_date=0000-01-01`, "query.start_date"));
  it("the summary's start_date=0000-01-01 → 400 on query.start_date", () =>
    expect400(`/v1/users/${USER}/summary?start_date=0000-01-01&end_date=0000-01-02`, "query.start_date"));
  it("the edges of the calendar are fine", async () => {
    const res = await h.call("GET", `/v1/users/${USER}/daily?start_date=0001-01-01&end_date=9999-12-31`);
    expect(res.status).toBe(200);
    expect((await json(res)).data).toHaveLength(2);
  });
});

describe("text PostgreSQL cannot hold", () => {
  for (const [path, field] of [
    ["/v1/users?cursor=%00", "query.cursor"],
    ["/v1/users?provider=WITH%00INGS", "query.provider"],
    ["/v1/users?reference_id=%00", "query.reference_id"],
    ["/v1/users/u%00x", "param.id"],
    ["/v1/events?type=%00", "query.type"],
    ["/v1/events?user_id=%00", "query.user_id"],
    ["/v1/backfills?user_id=%00", "query.user_id"],
  ] as const) {
    it(`${path} → 400 on ${field}`, () => expect400(path, field));
  }
});

describe("bodies PostgreSQL cannot hold", () => {
  for (const [path, body, field] of [
    ["/v1/events/replay", { status: "failed", type: "da\u0000ily" }, "body.type"],
    ["/v1/users/connect", { reference_id: "ref\u0000" }, "body.reference_id"],
    ["/v1/users/connect", { reference_id: "ref", provider: "WITH\u0000INGS" }, "body.provider"],
    ["/v1/users/connect", { reference_id: "ref", language: "\u0000" }, "body.language"],
    // jsonb (the audit row's details) refuses a lone surrogate; JSON can carry one.
    ["/v1/users/connect", { reference_id: "ref\uD800" }, "body.reference_id"],
    [
      "/v1/users/u-input/backfills",
      { types: ["\uDC00"], start_date: "2026-01-01", end_date: "2026-01-02" },
      "body.types.0",
    ],
  ] as const) {
    it(`${path} ${JSON.stringify(body)} → 400 on ${field}`, async () => {
      const res = await h.call("POST", path, { body });
      const out = await json(res);
      expect(res.status, JSON.stringify(out)).toBe(400);
      expect(out.error.issues.map((i: Json) => i.field)).toContain(field);
      expect(h.terra.calls).toHaveLength(0);
    });
  }
});
