// Every failure path of the backfill, forced: no payload value and no secret reaches the logs,
// the pass summary or a stored error.
import { createLogger } from "@wearables/service-kit";
import {
  getEvent,
  insertEvent,
  listWindows,
  rows,
  setEventStatus,
  upsertConnection,
} from "@wearables/storage";
import { bodyDoc } from "@wearables/storage/testing";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { replayEvents } from "./replay.ts";
import { createHarness, type Harness } from "./test-harness.ts";
import { runPass } from "./worker.ts";

const WEIGHT = 81.2345;
const MARKER = "MARKER-b4ckf1ll";
const DEV_ID = "DEVID-SECRET-0c1d";
const API_KEY = "APIKEY-SECRET-9e8f7a";
const USER = "u-redact";
const DAY = "2026-06-10";

function capture() {
  const raw: string[] = [];
  const logger = createLogger({
    service: "backfill",
    level: "debug",
    destination: { write: (s: string) => void raw.push(s) },
  });
  return { raw, logger };
}

function expectClean(what: string, text: string): void {
  for (const leak of [String(WEIGHT), MARKER, DEV_ID, API_KEY])
    expect(text, `${what} holds ${leak}`).not.toContain(leak);
}

/** A Terra that answers GET /body with `answer` and records nothing else. */
function terraAnswering(answer: (url: URL) => Response): typeof fetch {
  return async (input) => answer(new URL(String(input instanceof Request ? input.url : input)));
}
const jsonResponse = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const terraUser = { user_id: USER, provider: "WITHINGS", reference_id: MARKER, active: true, scopes: null };

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function harnessWith(terraFetch: typeof fetch, logger: ReturnType<typeof capture>["logger"]) {
  h = await createHarness({
    terraFetch,
    logger,
    credentials: { devId: DEV_ID, apiKey: API_KEY },
    cfg: { dataTypes: ["body"], maxAttempts: 1, maxWaitSeconds: 0 },
  });
  await upsertConnection(h.db, { userId: USER, provider: "WITHINGS", referenceId: MARKER });
  return h;
}

const onePass = (x: Harness) =>
  runPass(x.deps, x.cfg, {
    scope: { userId: USER, types: ["body"], from: DAY, to: DAY },
    skipReconcile: true,
  });

describe("backfill failure paths keep payloads and secrets out", () => {
  it("a database error while storing a window: logs and summary name the code, not the documents", async () => {
    const log = capture();
    const doc = bodyDoc(DAY, { weightKg: WEIGHT });
    const x = await harnessWith(
      terraAnswering(() =>
        jsonResponse(200, { status: "success", type: "body", user: terraUser, data: [doc] }),
      ),
      log.logger,
    );
    // The database refuses the documents (its error's detail quotes the whole failing row).
    await rows(
      x.db,
      sql`alter table body add constraint redaction_test_check check (document -> 'metadata' is null)`,
    );
    const summary = await onePass(x);
    expect(summary.errors).toContainEqual(
      expect.objectContaining({
        code: "store_failed",
        message: expect.stringContaining("23514 check_violation"),
      }),
    );
    const line = log.raw.map((l) => JSON.parse(l)).find((l) => l.msg === "storing a batch failed");
    expect(line?.err).toMatchObject({ name: "DatabaseError", code: "23514", table: "body" });
    expectClean("logs", log.raw.join(""));
    expectClean("summary", JSON.stringify(summary));
  });

  it("Terra errors: the window's stored error and the logs carry neither credentials nor data", async () => {
    const log = capture();
    let calls = 0;
    const x = await harnessWith(
      terraAnswering(() => {
        calls++;
        return calls === 1
          ? jsonResponse(500, { status: "error", message: "upstream failure" })
          : jsonResponse(200, { status: "success", type: "body", user: terraUser, data: MARKER });
      }),
      log.logger,
    );
    const first = await onePass(x);
    const second = await onePass(x);
    const windows = await listWindows(x.db, { userId: USER });
    expect(windows.length).toBeGreaterThan(0);
    const errors = windows.map((w) => w.error ?? "").join("\n");
    expect(errors).toMatch(/TerraServerError|TerraResponseError/);
    expectClean("stored window errors", errors);
    expectClean("logs", log.raw.join(""));
    expectClean("summaries", JSON.stringify([first, second]));
  });

  it("a replay the database refuses: the event fails with the reduced error, logged without the body", async () => {
    const log = capture();
    const x = await harnessWith(
      terraAnswering(() => jsonResponse(404, {})),
      log.logger,
    );
    const body = {
      type: "body",
      user: terraUser,
      data: [{ ...bodyDoc(DAY, { weightKg: WEIGHT }), note: `a\u0000${MARKER}` }],
    };
    const { id } = await insertEvent(x.db, {
      rawBody: new TextEncoder().encode(JSON.stringify(body)),
      type: "body",
      userId: USER,
    });
    await setEventStatus(x.db, { id, status: "failed", error: "before the fix" });
    const r = await replayEvents(x.deps, (await import("@wearables/ingest")).loadIngestConfig(), {
      status: "failed",
    });
    expect(r.byStatus.failed).toBe(1);
    const stored = await getEvent(x.db, id);
    expect(stored?.status).toBe("failed");
    expect(stored?.error).not.toBe("before the fix");
    expectClean("stored event error", String(stored?.error));
    expectClean("logs", log.raw.join(""));
  });
});
