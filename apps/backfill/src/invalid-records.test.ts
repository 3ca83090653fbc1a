import { recordKey } from "@wearables/schemas";
import { type Db, listGaps, listWindows } from "@wearables/storage";
import { testDb } from "@wearables/storage/testing";
import { createTerraClient } from "@wearables/terra-client";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dayOf } from "./dates.ts";
import { horizonRange } from "./planner.ts";
import { createHarness, expectedKeys, type Harness, sandboxFetch, storedKeys } from "./test-harness.ts";
import { runPass } from "./worker.ts";

let db: Db;
beforeAll(async () => {
  db = await testDb();
});
afterAll(() => db.close());

// A value no log line or stored error may contain (it stands for a measurement).
const MARKER = "MARKER-6613";

/**
 * Terra's answers as the sandbox gives them, except that in every body answer with two or more
 * records the second one carries a start time as text Terra never writes, and the first one a
 * timestamp_localization code this version does not know (kept, with a warning).
 */
function corrupting(h: Harness, broken: string[]): typeof fetch {
  const inner = sandboxFetch(h.sandbox);
  return async (input, init) => {
    const res = await inner(input, init);
    if (!new URL(String(input)).pathname.endsWith("/body") || res.status !== 200) return res;
    const body = (await res.json()) as { data?: Record<string, Record<string, unknown>>[] };
    if (Array.isArray(body.data) && body.data.length >= 2) {
      const [first, second] = body.data as [
        Record<string, Record<string, unknown>>,
        Record<string, Record<string, unknown>>,
      ];
      broken.push(recordKey("body", second));
      second.metadata = { ...second.metadata, start_time: MARKER };
      first.metadata = { ...first.metadata, timestamp_localization: 7 };
    }
    const headers = new Headers(res.headers);
    headers.delete("content-length");
    return new Response(JSON.stringify(body), { status: res.status, headers });
  };
}

describe("a window whose answer holds an invalid record", () => {
  it("stores every other record, marks the window done and reports the failure without values", async () => {
    const h = await createHarness({ db, users: 1, seed: "invalid-records", cfg: { dataTypes: ["body"] } });
    const broken: string[] = [];
    const terra = createTerraClient({
      devId: "dev-test",
      apiKey: "key-test",
      baseUrl: "http://sandbox.test/v2",
      fetch: corrupting(h, broken),
      clock: h.clock,
      retries: 0,
    });
    const lines: string[] = [];
    const logger = pino({ level: "info" }, { write: (s: string) => lines.push(s) });
    const summary = await runPass({ ...h.deps, terra, logger }, h.cfg);

    expect(broken.length, "the sandbox user has body answers with two records or more").toBeGreaterThan(0);
    expect(summary.ok).toBe(true);
    expect(summary.windows.failed).toBe(0);
    expect(summary.windows.done).toBe(summary.windows.planned);
    expect(summary.invalidRecords).toBe(broken.length);
    expect(summary.warnings).toBe(broken.length);

    const userId = h.sandbox.users[0]!.user_id;
    const today = dayOf(new Date(h.clock.now()));
    const horizon = horizonRange(today, h.cfg.historyDays);
    const want = expectedKeys(h.sandbox, userId, "body", horizon.start, horizon.end).filter(
      (k) => !broken.includes(k),
    );
    expect(await storedKeys(h.db, userId, "body")).toEqual(want);
    expect(await listGaps(h.db, { userId, type: "body", from: horizon.start, to: horizon.end })).toEqual([]);
    const windows = await listWindows(h.db, { userId });
    expect(windows.length).toBeGreaterThan(0);
    expect(windows.every((w) => w.status === "done")).toBe(true);

    const reported = lines
      .map((l) => JSON.parse(l))
      .filter((l) => l.msg === "records failed validation; the others are stored");
    expect(reported).toHaveLength(broken.length);
    expect(reported[0]).toMatchObject({
      userId,
      type: "body",
      failedRecords: [
        {
          index: 1,
          issues: [expect.stringMatching(/^metadata\.start_time: expected an ISO-8601 date-time/)],
        },
      ],
    });
    const warned = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === "records kept with warnings");
    expect(warned[0]).toMatchObject({
      warnings: [{ path: "data.0.metadata.timestamp_localization", code: "unknown_enum_value" }],
    });
    expect(lines.join("\n")).not.toContain(MARKER);
    await h.close();
  });
});
