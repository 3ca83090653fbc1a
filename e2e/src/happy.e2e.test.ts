// Phase 1, the happy path with the real processes: migrations, webhook, admin and the Terra sandbox
// (live stream of signed webhooks), then one backfill pass as cron runs it. The admin API must then
// serve exactly what the sandbox generated, user by user, type by type, record by record.
import { createSandbox } from "@wearables/terra-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AdminClient, adminClient } from "./admin-client.ts";
import { expectSameDocuments, inRange, keyed, storedByKey } from "./compare.ts";
import { addDays, localDay, minDay, utcDay } from "./days.ts";
import { timeline, waitFor } from "./poll.ts";
import { explained, stopAll } from "./procs.ts";
import {
  ADMIN_TOKEN,
  API_KEY,
  type BackfillSummary,
  DEV_ID,
  migrate,
  runBackfill,
  type SandboxProc,
  startAdmin,
  startSandbox,
  startWebhook,
  TYPES,
} from "./services.ts";
import { openTarget, query, type Target, unavailable } from "./target.ts";

const USERS = 3;
const SEED = "e2e-happy";
const HISTORY_DAYS = 20;
const PUSH_EVERY_MS = 25;
/** The CLI replays two days at 30 simulated minutes per push before following the clock. */
const CATCH_UP_TICKS = 96;

const skip = unavailable({ needCluster: false });

describe.skipIf(skip !== null)("happy path: sandbox → webhook + backfill → admin API, real processes", () => {
  let target: Target;
  let admin: AdminClient;
  let sandbox: SandboxProc;
  let summary: BackfillSummary;
  let backfillStartedAt: number;

  beforeAll(
    () =>
      explained(async () => {
        const mark = timeline("happy");
        target = await openTarget("e2e_happy");
        mark("database ready");
        await migrate(target.databaseUrl);
        mark("migrated");
        const [webhook, adminApi] = await Promise.all([
          startWebhook(target.databaseUrl),
          startAdmin(target.databaseUrl),
        ]);
        admin = adminClient(adminApi.url, ADMIN_TOKEN);
        mark("webhook and admin listening");
        sandbox = await startSandbox({
          webhookUrl: webhook.url,
          users: USERS,
          seed: SEED,
          pushEveryMs: PUSH_EVERY_MS,
        });
        await waitFor("the admin API to list every sandbox user (auth webhooks)", async () => {
          const users = await admin.users();
          return users.length >= USERS ? users : undefined;
        });
        mark("sandbox users connected");
        // The catch-up pushes partial documents of past days as of a clock running behind: the
        // backfill must come after it, as it would on a real deployment (history after the first pushes).
        // Timers run late on a busy machine: three times the nominal catch-up, plus slack.
        const caughtUpAt = sandbox.startedAt + CATCH_UP_TICKS * PUSH_EVERY_MS * 3 + 3000;
        await waitFor("the sandbox's live catch-up to reach the present", () =>
          Date.now() >= caughtUpAt ? true : undefined,
        );
        mark("sandbox caught up");
        backfillStartedAt = Date.now();
        summary = await runBackfill(target.databaseUrl, sandbox.apiUrl, {
          HISTORY_DAYS: String(HISTORY_DAYS),
        });
        // No more pushes while reading: what is stored is then final.
        mark("backfill pass done");
        await sandbox.proc.stop("SIGTERM");
        mark("sandbox stopped");
        // Acknowledged means stored; processing runs behind the inbox: wait until it is done.
        await waitFor("every acknowledged delivery to be processed", async () => {
          const [r] = await query<{ n: string }>(
            target.databaseUrl,
            "select count(*) as n from webhook_events where status = 'received'",
          );
          return Number(r?.n) === 0 ? true : undefined;
        });
        mark("every delivery processed");
      }),
    150_000,
  );

  afterAll(async () => {
    await stopAll();
    await target?.close();
  });

  it("runs one backfill pass over every connected user and exits 0 with a clean summary", () => {
    expect(summary.ok).toBe(true);
    expect(summary.users.active).toBe(USERS);
    expect(summary.windows.failed).toBe(0);
    expect(summary.windows.done).toBeGreaterThan(0);
    expect(summary.documents.inserted).toBeGreaterThan(0);
    expect(summary.errors).toEqual([]);
  });

  it("lists exactly the users the sandbox generated for that seed", async () => {
    const local = createSandbox({ devId: DEV_ID, apiKey: API_KEY, users: USERS, seed: SEED });
    const listed = (await admin.users()).map((u) => u.user_id).sort();
    expect(listed).toEqual(sandbox.userIds.slice().sort());
    expect(listed).toEqual(local.users.map((u) => u.user_id).sort());
  });

  it("serves every record the sandbox generated, whole, once, and nothing else", async () => {
    const local = createSandbox({ devId: DEV_ID, apiKey: API_KEY, users: USERS, seed: SEED });
    const now = Date.now();
    // The backfill's horizon is in UTC days, today included; the catch-up reaches ~4 days back.
    const horizonEnd = utcDay(backfillStartedAt);
    const horizonStart = addDays(horizonEnd, -(HISTORY_DAYS - 1));
    let compared = 0;
    for (const user of local.users) {
      const today = localDay(now, user.person.timeZone);
      // Past days are complete: equal exactly. Yesterday and today still grow: presence only.
      const exactEnd = minDay(addDays(today, -2), horizonEnd);
      for (const type of TYPES) {
        const label = `${user.user_id} ${type}`;
        const stored = storedByKey(label, await admin.records(user.user_id, type));
        const storedKeyed = new Map([...stored].map(([k, r]) => [k, { ...r, date: r.date }]));
        expect(
          [...inRange(storedKeyed, "0000-01-01", addDays(horizonStart, -1)).keys()],
          `${label}: before the horizon`,
        ).toEqual([]);

        const exact = keyed(type, local.expectedRecords(user.user_id, type, horizonStart, exactEnd));
        expectSameDocuments(label, inRange(stored, horizonStart, exactEnd), exact);
        compared += exact.size;

        const recentFrom = addDays(exactEnd, 1);
        const recentTo = addDays(today, 1);
        const possible = keyed(type, local.expectedRecords(user.user_id, type, recentFrom, recentTo));
        const recentStored = inRange(stored, recentFrom, recentTo);
        const unknown = [...recentStored.keys()].filter((k) => !possible.has(k));
        expect(unknown, `${label}: recent records the sandbox never generated`).toEqual([]);
        if (recentFrom <= horizonEnd) {
          const atBackfill = local.generator.records(user.user_id, type, recentFrom, horizonEnd, {
            asOfMs: backfillStartedAt,
          });
          const absent = [...keyed(type, atBackfill).keys()].filter((k) => !recentStored.has(k));
          expect(absent, `${label}: recent records the backfill fetched but the API lacks`).toEqual([]);
        }
      }
    }
    // A vacuous pass (nothing generated) would prove nothing.
    expect(compared).toBeGreaterThan(USERS * 20);
  });

  it("keeps every webhook delivery once in the inbox, processed", async () => {
    const rows = await query<{ status: string; n: string; traces: string }>(
      target.databaseUrl,
      "select status, count(*) as n, count(distinct trace_id) as traces from webhook_events group by status",
    );
    const byStatus = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    expect(Object.keys(byStatus).sort()).toEqual(["processed"]);
    expect(rows[0]?.traces).toBe(rows[0]?.n);
    const events = await admin.events({ type: "auth" });
    expect(new Set(events.map((e) => e.user_id)).size).toBe(USERS);
    expect(byStatus.processed).toBeGreaterThan(USERS * 4);
  });
});
