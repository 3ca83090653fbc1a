// Replays of events the database refuses: each is a per-event outcome, never a 500, and neither
// the stored error nor the logs repeat what the payload held.
import { getEvent, insertEvent, rows, setEventStatus, upsertConnection } from "@wearables/storage";
import { dailyDoc } from "@wearables/storage/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureLogger, type Harness, harness, type Json, json } from "./test-app.ts";

const U = "u-replay";
// Distinctive values: any of them in a log line or an error column is a leak.
const WEIGHT = 81.2345;
const MARKER = "MARKER-5d1e7a";
const log = captureLogger();
let h: Harness;
const enc = (o: unknown) => new TextEncoder().encode(JSON.stringify(o));
const daily = (date: string, extra: Record<string, unknown> = {}) => ({
  type: "daily",
  version: "2022-03-16",
  user: { user_id: U, provider: "WITHINGS", reference_id: MARKER, active: true, scopes: null },
  data: [{ ...dailyDoc(date), ...extra, marker: { weight_kg: WEIGHT, reference_id: MARKER } }],
});

async function failedEvent(body: unknown): Promise<number> {
  const { id } = await insertEvent(h.db, { rawBody: enc(body), type: "daily", userId: U });
  await setEventStatus(h.db, { id, status: "failed", error: "before the fix" });
  return id;
}

let good: number;
let refusedByCheck: number;
let refusedNul: number;
beforeAll(async () => {
  h = await harness({ logger: log.logger });
  await upsertConnection(h.db, { userId: U, provider: "WITHINGS" });
  // A constraint the database enforces and the schema cannot know of: its error's detail quotes
  // the whole failing row, document included.
  await rows(
    h.db,
    sql`alter table daily add constraint replay_test_check check (document -> 'refuse' is null)`,
  );
  good = await failedEvent(daily("2026-04-01"));
  refusedByCheck = await failedEvent(daily("2026-04-02", { refuse: true }));
  // jsonb cannot hold \u0000: the server quotes the document around it.
  refusedNul = await failedEvent(daily("2026-04-03", { device_data: { name: `a\u0000${MARKER}` } }));
});
afterAll(() => h.close());

function expectNoPayload(text: string): void {
  expect(text).not.toContain(String(WEIGHT));
  expect(text).not.toContain(MARKER);
}

describe("replay of events the database refuses", () => {
  it("a single replay answers 200 with the event failed and the reason, and stores that", async () => {
    log.lines.length = 0;
    const res = await h.call("POST", `/v1/events/${refusedByCheck}/replay`);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.results).toEqual([
      { id: refusedByCheck, status: "failed", error: expect.stringContaining("23514 check_violation") },
    ]);
    const stored = await getEvent(h.db, refusedByCheck);
    expect(stored).toMatchObject({ status: "failed", error: body.results[0].error });
    expectNoPayload(String(stored?.error));
    expectNoPayload(log.raw.join(""));
    expect(log.lines.some((l) => (l.err as Json)?.code === "23514")).toBe(true);
  });

  it("a bulk replay reports each event; the ones that cannot be processed never fail the others", async () => {
    log.lines.length = 0;
    const res = await h.call("POST", "/v1/events/replay", { body: { status: "failed" } });
    expect(res.status).toBe(200);
    const body = await json(res);
    const byId = new Map(body.results.map((r: Json) => [r.id, r]));
    expect(byId.get(good)).toEqual({ id: good, status: "processed", error: null });
    expect(byId.get(refusedByCheck)).toMatchObject({ status: "failed" });
    expect(byId.get(refusedNul)).toMatchObject({ status: "failed" });
    expect(body.replayed).toBe(3);
    const data = await json(
      await h.call("GET", `/v1/users/${U}/daily?start_date=2026-04-01&end_date=2026-04-03`),
    );
    expect(data.data.map((r: Json) => r.date)).toEqual(["2026-04-01"]);
    for (const id of [refusedByCheck, refusedNul]) {
      const stored = await getEvent(h.db, id);
      expect(stored?.status).toBe("failed");
      expect(stored?.error).toBeTruthy();
      expectNoPayload(String(stored?.error));
    }
    expectNoPayload(JSON.stringify(body));
    expectNoPayload(log.raw.join(""));
  });
});
