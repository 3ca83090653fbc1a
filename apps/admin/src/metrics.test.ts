// /metrics: the admin's requests by route template, and what it exports from the database for the
// alerts (the backfill's passes, connections by status, the inbox's last delivery and failures).
import {
  insertEvent,
  recordBackfillPass,
  setConnectionStatus,
  setEventStatus,
  upsertConnection,
} from "@wearables/storage";
import { passInput } from "@wearables/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, harness, json } from "./test-app.ts";

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(() => h.close());

/** The value of one sample of the exposition text, or undefined when absent. */
async function sample(name: string, labels = ""): Promise<number | undefined> {
  const text = await (await h.app.request("/metrics")).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name}${labels} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(" ") + 1));
}

const pass = (at: string, ok: boolean) => passInput(at, ok, { pass: `p-${at}` });

describe("GET /metrics", () => {
  it("is public Prometheus text with build_info for the admin service", async () => {
    const res = await h.app.request("/metrics");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    expect(await res.text()).toMatch(/^wearables_build_info\{service="admin",version="[^"]+",node="v\d+/m);
  });

  it("counts requests by method, route template and status, never by path", async () => {
    await h.call("GET", "/v1/users/u-metrics-1");
    await h.call("GET", "/v1/users/u-metrics-2");
    await h.call("GET", "/v1/users", { token: null });
    await h.call("GET", "/v1/nowhere");
    const text = await (await h.app.request("/metrics")).text();
    expect(text).toContain(
      'wearables_admin_requests_total{method="GET",route="/v1/users/:id",status="404"} 2',
    );
    expect(text).toContain('wearables_admin_requests_total{method="GET",route="/v1/users",status="401"} 1');
    expect(text).toContain('wearables_admin_requests_total{method="GET",route="unmatched",status="404"} 1');
    expect(text).toContain(
      'wearables_admin_request_duration_seconds_count{method="GET",route="/v1/users/:id",status="404"} 2',
    );
    expect(text).not.toContain("u-metrics-1");
  });

  it("says no backfill pass yet, and every connection status at 0, on an empty database", async () => {
    expect(await sample("wearables_backfill_last_success_timestamp_seconds")).toBe(0);
    expect(await sample("wearables_backfill_consecutive_failed_passes")).toBe(0);
    expect(await sample("wearables_backfill_last_pass_ok")).toBe(0);
    expect(await sample("wearables_connections", '{status="error"}')).toBe(0);
    expect(await sample("wearables_inbox_last_received_timestamp_seconds")).toBe(0);
  });

  it("exports the latest passes' outcome from the database, and the failures since the last success", async () => {
    await recordBackfillPass(h.db, pass("2026-04-01T10:00:00Z", true));
    await recordBackfillPass(h.db, pass("2026-04-01T10:30:00Z", false));
    await recordBackfillPass(h.db, pass("2026-04-01T11:00:00Z", false));
    await new Promise((r) => setTimeout(r, 300)); // past the per-scrape read
    expect(await sample("wearables_backfill_last_success_timestamp_seconds")).toBe(
      Date.parse("2026-04-01T10:00:00Z") / 1000,
    );
    expect(await sample("wearables_backfill_last_pass_timestamp_seconds")).toBe(
      Date.parse("2026-04-01T11:00:00Z") / 1000,
    );
    expect(await sample("wearables_backfill_last_pass_ok")).toBe(0);
    expect(await sample("wearables_backfill_consecutive_failed_passes")).toBe(2);
    expect(await sample("wearables_backfill_last_pass_windows_failed")).toBe(3);
    expect(await sample("wearables_backfill_last_pass_documents", '{outcome="inserted"}')).toBe(11);
    expect(await sample("wearables_backfill_last_pass_invalid_records")).toBe(2);
  });

  it("exports connections by status and the inbox's newest delivery and failed events", async () => {
    await upsertConnection(h.db, { userId: "u-m-a", provider: "WITHINGS" });
    await upsertConnection(h.db, { userId: "u-m-b", provider: "WITHINGS" });
    await setConnectionStatus(h.db, { userId: "u-m-b", status: "error", reason: "test" });
    const at = new Date("2026-04-02T08:00:00Z");
    const e = await insertEvent(h.db, {
      rawBody: new TextEncoder().encode("{}"),
      type: "daily",
      receivedAt: at,
    });
    await setEventStatus(h.db, { id: e.id, status: "failed", error: "schema: x" });
    await new Promise((r) => setTimeout(r, 300));
    expect(await sample("wearables_connections", '{status="error"}')).toBe(1);
    expect(await sample("wearables_connections", '{status="active"}')).toBe(1);
    expect(await sample("wearables_inbox_last_received_timestamp_seconds")).toBe(at.getTime() / 1000);
    expect(await sample("wearables_inbox_failed_events")).toBe(1);
  });
});

describe("GET /v1/backfill-passes", () => {
  it("lists the recorded passes latest first with the latest success and the failures since", async () => {
    await recordBackfillPass(h.db, { ...pass("2026-04-01T11:30:00Z", true), kind: "user" });
    const res = await h.call("GET", "/v1/backfill-passes?limit=2", { token: "read-token-0123456789abcdef" });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.last_success_at).toBe("2026-04-01T10:00:00.000Z");
    expect(body.consecutive_failed).toBe(2);
    expect(body.data.map((p: { kind: string }) => p.kind)).toEqual(["user", "run"]);
    expect(body.data[1]).toMatchObject({
      pass: "p-2026-04-01T11:00:00Z",
      ok: false,
      finished_at: "2026-04-01T11:00:00.000Z",
      windows: { planned: 8, done: 5, failed: 3, deferred: 0 },
      documents: { inserted: 11, updated: 4, unchanged: 30 },
      error_summary: "transient_exhausted ×3",
    });
    const next = await json(await h.call("GET", `/v1/backfill-passes?kind=run&cursor=${body.next_cursor}`));
    expect(next.data.map((p: { pass: string }) => p.pass)).toEqual([
      "p-2026-04-01T10:30:00Z",
      "p-2026-04-01T10:00:00Z",
    ]);
  });

  it("refuses a cursor it did not issue and an unknown kind, naming the field", async () => {
    const bad = await json(await h.call("GET", "/v1/backfill-passes?cursor=abc"));
    expect(bad.error.issues[0].field).toBe("query.cursor");
    const kind = await h.call("GET", "/v1/backfill-passes?kind=cron");
    expect(kind.status).toBe(400);
    expect((await json(kind)).error.issues[0].field).toBe("query.kind");
  });
});
