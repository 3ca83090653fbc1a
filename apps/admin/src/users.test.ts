import {
  getConnection,
  insertEvent,
  listAudit,
  markCoverage,
  recordChunk,
  upsertConnection,
  upsertRecords,
} from "@wearables/storage";
import { bodyDoc, dailyDoc, sleepDoc } from "@wearables/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, harness, type Json, json } from "./test-app.ts";

let h: Harness;
beforeAll(async () => {
  h = await harness();
  for (let i = 0; i < 7; i++) {
    await upsertConnection(h.db, {
      userId: `u-${i}`,
      provider: i % 2 ? "WITHINGS" : "GARMIN",
      referenceId: `ref-${i % 3}`,
      status: i === 6 ? "deauthorized" : "active",
    });
  }
  await upsertRecords(h.db, {
    type: "body",
    userId: "u-1",
    source: "webhook",
    records: [bodyDoc("2026-02-01"), bodyDoc("2026-02-03")],
  });
  await markCoverage(h.db, {
    userId: "u-1",
    type: "body",
    startDate: "2026-01-01",
    endDate: "2026-01-31",
    source: "backfill",
  });
});
afterAll(() => h.close());

describe("users", () => {
  it("lists every user across pages", async () => {
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const body: Json = await json(
        await h.call("GET", `/v1/users?limit=3${cursor ? `&cursor=${cursor}` : ""}`),
      );
      ids.push(...body.data.map((u: Json) => u.user_id));
      cursor = body.next_cursor;
      if (!cursor) break;
    }
    expect(ids.sort()).toEqual(["u-0", "u-1", "u-2", "u-3", "u-4", "u-5", "u-6"]);
  });

  it("filters by status, provider and reference id", async () => {
    const ids = async (q: string) =>
      (await json(await h.call("GET", `/v1/users?${q}`))).data.map((u: Json) => u.user_id).sort();
    expect(await ids("status=deauthorized")).toEqual(["u-6"]);
    expect(await ids("provider=WITHINGS")).toEqual(["u-1", "u-3", "u-5"]);
    expect(await ids("reference_id=ref-1&provider=WITHINGS")).toEqual(["u-1"]);
    expect((await h.call("GET", "/v1/users?status=sleeping")).status).toBe(400);
  });

  it("shows one user with connection status and coverage", async () => {
    const res = await h.call("GET", "/v1/users/u-1");
    expect(res.status).toBe(200);
    const u = await json(res);
    expect(u).toMatchObject({
      user_id: "u-1",
      provider: "WITHINGS",
      reference_id: "ref-1",
      status: "active",
    });
    expect(u.coverage).toEqual([
      expect.objectContaining({
        type: "body",
        records: 2,
        first_date: "2026-02-01",
        last_date: "2026-02-03",
        days_covered: 31,
        ranges: [
          expect.objectContaining({ start_date: "2026-01-01", end_date: "2026-01-31", source: "backfill" }),
        ],
      }),
    ]);
    const cov = await json(await h.call("GET", "/v1/users/u-1/coverage"));
    expect(cov.data).toEqual(u.coverage);
  });

  it("answers 404 for an unknown user", async () => {
    const res = await h.call("GET", "/v1/users/nobody");
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe("not_found");
    expect((await h.call("GET", "/v1/users/nobody/coverage")).status).toBe(404);
  });
});

describe("connect and disconnect through Terra", () => {
  it("makes a widget session for a reference id", async () => {
    const res = await h.call("POST", "/v1/users/connect", { body: { reference_id: "ref-new" } });
    expect(res.status).toBe(201);
    expect(await json(res)).toMatchObject({
      mode: "widget",
      url: "https://widget.example/session/sess-1",
      expires_in: 900,
    });
    const call = h.terra.calls.at(-1)!;
    expect(call.path).toBe("/auth/generateWidgetSession");
    expect(call.body).toMatchObject({ reference_id: "ref-new", providers: "WITHINGS" });
  });

  it("makes an authenticateUser link for a provider", async () => {
    const res = await h.call("POST", "/v1/users/connect", {
      body: { reference_id: "ref-new", mode: "link" },
    });
    const body = await json(res);
    expect(body.mode).toBe("link");
    expect(body.user_id).toMatch(/^u-link-/);
    expect(h.terra.calls.at(-1)!.query.resource).toBe("WITHINGS");
  });

  it("refuses a connect body without a reference id, naming it", async () => {
    const res = await h.call("POST", "/v1/users/connect", { body: { mode: "link" } });
    expect(res.status).toBe(400);
    expect((await json(res)).error.issues[0].field).toBe("body.reference_id");
  });

  it("deauthenticates at Terra and marks the connection, audited", async () => {
    h.terra.known.add("u-2");
    const res = await h.call("POST", "/v1/users/u-2/disconnect");
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ user_id: "u-2", status: "deauthorized", terra: "deauthenticated" });
    expect(h.terra.calls.at(-1)).toMatchObject({
      method: "DELETE",
      path: "/auth/deauthenticateUser",
      query: { user_id: "u-2" },
    });
    expect((await getConnection(h.db, "u-2"))?.status).toBe("deauthorized");
    const audit = (await listAudit(h.db, { targetUserId: "u-2" })).items;
    expect(audit[0]).toMatchObject({ actor: "token:ops", action: "user.disconnect" });
  });

  it("treats Terra's 404 as already disconnected", async () => {
    const res = await h.call("POST", "/v1/users/u-3/disconnect");
    expect((await json(res)).terra).toBe("already_gone");
    expect((await getConnection(h.db, "u-3"))?.status).toBe("deauthorized");
  });

  it("answers 502 when Terra fails, and leaves the connection as it was", async () => {
    h.terra.failWith = 500;
    try {
      const res = await h.call("POST", "/v1/users/u-4/disconnect");
      expect(res.status).toBe(502);
      expect((await json(res)).error.code).toBe("terra_error");
    } finally {
      h.terra.failWith = null;
    }
    expect((await getConnection(h.db, "u-4"))?.status).toBe("active");
  });
});

/** Rows of any table where any column mentions the text, found through information_schema. */
async function mentions(text: string): Promise<Record<string, number>> {
  const q = (s: string) => h.db.orm.execute(s) as unknown as Promise<{ rows: Record<string, unknown>[] }>;
  const cols = (
    await q(`select c.table_name, c.column_name, c.data_type from information_schema.columns c
      join information_schema.tables t using (table_schema, table_name)
      where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'`)
  ).rows;
  const lit = `'${text.replaceAll("'", "''")}'`;
  const found: Record<string, number> = {};
  for (const c of cols) {
    const col = `"${String(c.column_name)}"`;
    const cond =
      c.data_type === "bytea"
        ? `position(convert_to(${lit}, 'UTF8') in ${col}) > 0`
        : `position(${lit} in ${col}::text) > 0`;
    const r = (await q(`select count(*)::int as n from "${String(c.table_name)}" where ${cond}`)).rows;
    const n = Number(r[0]?.n ?? 0);
    if (n > 0) found[`${String(c.table_name)}.${String(c.column_name)}`] = n;
  }
  return found;
}

describe("erase", () => {
  const U = "u-erase-7f3a";
  beforeAll(async () => {
    await upsertConnection(h.db, {
      userId: U,
      provider: "WITHINGS",
      referenceId: "ref-erase",
      scopes: "a,b",
    });
    h.terra.known.add(U);
    await upsertRecords(h.db, {
      type: "daily",
      userId: U,
      source: "webhook",
      records: [dailyDoc("2026-04-01")],
    });
    await upsertRecords(h.db, {
      type: "body",
      userId: U,
      source: "backfill",
      records: [bodyDoc("2026-04-01")],
    });
    await upsertRecords(h.db, {
      type: "sleep",
      userId: U,
      source: "webhook",
      records: [sleepDoc("s-e", "2026-04-01")],
    });
    await markCoverage(h.db, {
      userId: U,
      type: "daily",
      startDate: "2026-03-01",
      endDate: "2026-04-01",
      source: "backfill",
    });
    const body = JSON.stringify({
      type: "daily",
      user: { user_id: U, provider: "WITHINGS" },
      data: [dailyDoc("2026-04-01")],
    });
    await insertEvent(h.db, {
      rawBody: new TextEncoder().encode(body),
      type: "daily",
      userId: U,
      status: "processed",
    });
    // An event whose user column was never filled still names the user in its body.
    const bare = JSON.stringify({ type: "weird", note: `about ${U}` });
    await insertEvent(h.db, { rawBody: new TextEncoder().encode(bare), type: "weird", status: "failed" });
    await recordChunk(h.db, { reference: "ref-chunk-1", deliveryKey: "dk-1", userId: U });
    expect(
      (
        await h.call("POST", `/v1/users/${U}/backfills`, {
          body: { types: ["daily"], start_date: "2026-01-01", end_date: "2026-02-15" },
        })
      ).status,
    ).toBe(201);
    expect(Object.keys(await mentions(U)).length).toBeGreaterThan(5);
  });

  it("deauthenticates, then leaves nothing of the user in any table but one anonymous audit row", async () => {
    const res = await h.call("DELETE", `/v1/users/${U}`);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({ user_id: U, erased: true, terra: "deauthenticated" });
    expect(body.deleted.terra_users).toBe(1);
    expect(await mentions(U)).toEqual({});
    const erasures = (await listAudit(h.db)).items.filter((a) => a.action === "user.erase");
    expect(erasures).toHaveLength(1);
    expect(erasures[0]?.actor).toBe("token:ops");
    expect((await h.call("GET", `/v1/users/${U}`)).status).toBe(404);
  });

  it("is harmless to repeat", async () => {
    const callsBefore = h.terra.calls.length;
    const res = await h.call("DELETE", `/v1/users/${U}`);
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ erased: false, terra: "skipped" });
    expect(h.terra.calls.length).toBe(callsBefore);
    expect(await mentions(U)).toEqual({});
  });
});
