import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { upsertRecords } from "@wearables/storage";
import { dailyDoc, dayRange } from "@wearables/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chooseEncoding, ifNoneMatchHits } from "./http-cache.ts";
import { ADMIN_TOKEN, type Harness, harness } from "./test-app.ts";

let h: Harness;
const USER = "u-cache";
beforeAll(async () => {
  h = await harness();
  const d = dayRange("2026-04-01", 30);
  await upsertRecords(h.db, {
    type: "daily",
    userId: USER,
    source: "backfill",
    records: d.map((x) => dailyDoc(x)),
    orderingTs: 1,
  });
});
afterAll(() => h.close());

const get = (path: string, headers: Record<string, string> = {}) =>
  h.app.request(path, { headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...headers } });

const YEAR = `/v1/users/${USER}/daily?start_date=2026-04-01&end_date=2026-04-30`;

describe("every JSON answer: ETag, If-None-Match, Accept-Encoding", () => {
  it("carries an ETag on answers, errors and the OpenAPI document included", async () => {
    for (const path of [
      "/v1/users",
      "/v1/measurements",
      "/openapi.json",
      "/v1/nope",
      "/v1/changes?limit=0",
      YEAR,
    ]) {
      const res = await get(path);
      expect(res.headers.get("etag"), path).toMatch(/^W\/"[\w-]+"$/);
      expect(res.headers.get("vary"), path).toMatch(/Accept-Encoding/);
    }
  });

  it("answers a matching If-None-Match with 304 and no body, and a stale one with the answer", async () => {
    const first = await get("/v1/measurements");
    const etag = first.headers.get("etag")!;
    const again = await get("/v1/measurements", { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
    expect((await get("/v1/measurements", { "if-none-match": 'W/"other", "x"' })).status).toBe(200);
  });

  it("compresses with gzip or brotli as asked, with the same ETag, and leaves small answers alone", async () => {
    const plain = await get(YEAR);
    const text = await plain.text();
    expect(text.length).toBeGreaterThan(10_000);
    const gz = await get(YEAR, { "accept-encoding": "gzip" });
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(text);
    const br = await get(YEAR, { "accept-encoding": "gzip;q=0.5, br" });
    expect(br.headers.get("content-encoding")).toBe("br");
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(text);
    expect(gz.headers.get("etag")).toBe(plain.headers.get("etag"));
    expect(br.headers.get("etag")).toBe(plain.headers.get("etag"));
    const none = await get(YEAR, { "accept-encoding": "gzip;q=0, br;q=0" });
    expect(none.headers.get("content-encoding")).toBeNull();
    const small = await get("/v1/users/nobody/daily", { "accept-encoding": "gzip" });
    expect(small.headers.get("content-encoding")).toBeNull();
  });

  it("decides a 304 for documents from the records' revisions, without reading the documents", async () => {
    const first = await get(YEAR);
    const etag = first.headers.get("etag")!;
    expect((await get(YEAR, { "if-none-match": etag })).status).toBe(304);
    // Change a stored document behind the upsert's back (no new revision): a validator computed
    // from the answer's bytes would see it; ours, computed before any document is read, does not.
    await h.db.orm.execute(`update daily set document = document || '{"x":1}' where user_id = '${USER}'`);
    expect((await get(YEAR, { "if-none-match": etag })).status).toBe(304);
    // A real revision changes it.
    await upsertRecords(h.db, {
      type: "daily",
      userId: USER,
      source: "webhook",
      records: [dailyDoc("2026-04-10", { steps: 5 })],
      orderingTs: 2,
    });
    const after = await get(YEAR, { "if-none-match": etag });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
    // Another page or range is another validator.
    expect((await get(`${YEAR}&limit=5`)).headers.get("etag")).not.toBe(after.headers.get("etag"));
    const summary = `/v1/users/${USER}/summary?start_date=2026-04-01&end_date=2026-04-30`;
    const s = await get(summary);
    expect((await get(summary, { "if-none-match": s.headers.get("etag")! })).status).toBe(304);
  });
});

describe("header parsing", () => {
  it("reads Accept-Encoding q-values", () => {
    expect(chooseEncoding(undefined)).toBeNull();
    expect(chooseEncoding("gzip, deflate")).toBe("gzip");
    expect(chooseEncoding("gzip, deflate, br, zstd")).toBe("br");
    expect(chooseEncoding("br;q=0.1, gzip;q=0.9")).toBe("gzip");
    expect(chooseEncoding("*")).toBe("br");
    expect(chooseEncoding("*;q=0, identity")).toBeNull();
    expect(chooseEncoding("deflate")).toBeNull();
    expect(chooseEncoding("gzip;q=abc")).toBeNull();
  });

  it("matches If-None-Match weakly, lists and * included", () => {
    expect(ifNoneMatchHits('"abc"', 'W/"abc"')).toBe(true);
    expect(ifNoneMatchHits('W/"x", W/"abc"', 'W/"abc"')).toBe(true);
    expect(ifNoneMatchHits("*", 'W/"abc"')).toBe(true);
    expect(ifNoneMatchHits('W/"abd"', 'W/"abc"')).toBe(false);
    expect(ifNoneMatchHits(undefined, 'W/"abc"')).toBe(false);
  });
});
