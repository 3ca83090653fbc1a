import { ApiChangePageSchema, ApiMeasurementListSchema, MEASUREMENT_CATALOG } from "@wearables/schemas";
import { upsertRecords } from "@wearables/storage";
import { bodyDoc, dailyDoc } from "@wearables/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, harness, type Json, json } from "./test-app.ts";

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(() => h.close());

/** Polls the feed from `after` until `userId` appears (a shared PostgreSQL can hold it back a moment). */
async function pollFor(after: string | null, userId: string, query = "") {
  const seen: Json[] = [];
  let cursor = after;
  for (let i = 0; i < 600; i++) {
    const res = await h.call("GET", `/v1/changes?limit=3${query}${cursor ? `&after=${cursor}` : ""}`);
    expect(res.status).toBe(200);
    const page = await json(res);
    expect(ApiChangePageSchema.strict().parse(page)).toEqual(page);
    seen.push(...page.data);
    cursor = page.next_cursor;
    if (!page.has_more && seen.some((c) => c.user_id === userId)) return { seen, cursor };
    if (!page.has_more) await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${userId} never appeared in the feed`);
}

describe("GET /v1/changes", () => {
  it("hands out created and revised records, in order, paged with next_cursor", async () => {
    await upsertRecords(h.db, {
      type: "daily",
      userId: "c1",
      source: "webhook",
      records: [dailyDoc("2026-03-01", { steps: 1 })],
      orderingTs: 1,
    });
    await upsertRecords(h.db, {
      type: "body",
      userId: "c1",
      source: "webhook",
      records: [bodyDoc("2026-03-01")],
    });
    await upsertRecords(h.db, {
      type: "daily",
      userId: "c1",
      source: "webhook",
      records: [dailyDoc("2026-03-01", { steps: 2 })],
      orderingTs: 2,
    });
    await upsertRecords(h.db, {
      type: "daily",
      userId: "c-end",
      source: "webhook",
      records: [dailyDoc("2026-03-01")],
    });
    const { seen, cursor } = await pollFor(null, "c-end");
    expect(seen.map((c) => `${c.type}:${c.user_id}:${c.key}:${c.change}:${c.revision}`)).toEqual([
      "body:c1:2026-03-01:created:1",
      "daily:c1:2026-03-01:revised:2",
      "daily:c-end:2026-03-01:created:1",
    ]);
    // Nothing new: the cursor comes back as given.
    const again = await json(await h.call("GET", `/v1/changes?after=${cursor}`));
    expect(again).toEqual({ data: [], next_cursor: cursor, has_more: false });
  });

  it("filters by type and carries documents when asked", async () => {
    const start = (await pollFor(null, "c-end")).cursor;
    await upsertRecords(h.db, {
      type: "body",
      userId: "c2",
      source: "webhook",
      records: [bodyDoc("2026-03-02")],
    });
    await upsertRecords(h.db, {
      type: "daily",
      userId: "c2",
      source: "webhook",
      records: [dailyDoc("2026-03-02", { steps: 77 })],
    });
    const { seen } = await pollFor(start, "c2", "&types=daily&documents=true");
    expect(seen.map((c) => c.type)).toEqual(["daily"]);
    expect(seen[0].document).toEqual(dailyDoc("2026-03-02", { steps: 77 }));
  });

  for (const [query, field] of [
    ["after=bm9wZQ", "query.after"],
    ["types=steps", "query.types.0"],
    ["limit=0", "query.limit"],
    ["documents=yes", "query.documents"],
  ]) {
    it(`${query} → 400 naming ${field}`, async () => {
      const res = await h.call("GET", `/v1/changes?${query}`);
      expect(res.status).toBe(400);
      expect((await json(res)).error.issues.map((i: Json) => i.field)).toContain(field);
    });
  }
});

describe("GET /v1/measurements", () => {
  it("serves the catalog, as measurements.json has it", async () => {
    const res = await h.call("GET", "/v1/measurements", { token: null });
    expect(res.status).toBe(401);
    const body = await json(await h.call("GET", "/v1/measurements"));
    expect(ApiMeasurementListSchema.strict().parse(body)).toBeTruthy();
    expect(body.data.map((m: Json) => m.name)).toEqual(MEASUREMENT_CATALOG.map((m) => m.name));
    expect(body.data.find((m: Json) => m.name === "spo2")).toMatchObject({
      unit: "%",
      model: "body",
      skip_when: { type: 1 },
    });
  });
});
