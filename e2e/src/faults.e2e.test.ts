// Phase 2, the same real webhook and admin processes on a private PostgreSQL cluster, fed by Terra's
// sender with faults on: duplicates, dropped and badly signed first attempts, reordering, late
// retries of older copies, and the database stopped (fast shutdown) mid-stream and started again.
// Afterwards: every acknowledged delivery is in the inbox exactly once and the records are exactly
// the newest versions — nothing lost, nothing doubled.
import { setTimeout as sleep } from "node:timers/promises";
import { signWebhook } from "@wearables/terra-client";
import { createSandbox, type Delivery, type Sandbox } from "@wearables/terra-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AdminClient, adminClient } from "./admin-client.ts";
import { expectSameDocuments, keyed, storedByKey } from "./compare.ts";
import { addDays, utcDay } from "./days.ts";
import { timeline, waitFor, within } from "./poll.ts";
import { explained, stopAll } from "./procs.ts";
import {
  ADMIN_TOKEN,
  API_KEY,
  DEV_ID,
  migrate,
  SECRET,
  type Service,
  startAdmin,
  startWebhook,
  TYPES,
} from "./services.ts";
import { buildStream, type StreamItem, sendPaced, staleAfterNewer } from "./stream.ts";
import { openTarget, query, type Target, unavailable } from "./target.ts";

const USERS = 3;
const SEED = "e2e-faults";
/** Terra's 30 s doubling × 0.002: 60 ms, 120 ms, … 15 s for the tenth try (≈ 30 s in all). */
const TIME_SCALE = 0.002;
const FAULTS = {
  duplicate: 0.2,
  drop_first: 0.1,
  wrong_signature: 0.05,
  stale_timestamp: 0.05,
  truncated_body: 0.05,
};

/** One stream item handed to the sender every 25 ms: still flowing when the database stops. */
const STREAM_GAP_MS = 25;

const skip = unavailable({ needCluster: true });

describe.skipIf(skip !== null)("faults: duplicates, reordering, late retries and a database restart", () => {
  let target: Target;
  let webhook: Service;
  let admin: AdminClient;
  let sandbox: Sandbox;
  let stream: StreamItem[];
  let days: string[];
  /** The sender's delivery of each stream item, in stream order. */
  let streamDeliveries: (Delivery | undefined)[];
  let outageProbe: number;
  let outageReady: number;

  beforeAll(() => explained(setUp), 150_000);

  async function setUp(): Promise<void> {
    const mark = timeline("faults");
    target = await openTarget("e2e_faults");
    const cluster = target.cluster;
    if (!cluster) throw new Error("phase 2 needs its own cluster");
    await migrate(target.databaseUrl);
    mark("migrated");
    const [hook, adminApi] = await Promise.all([
      startWebhook(target.databaseUrl),
      startAdmin(target.databaseUrl),
    ]);
    webhook = hook;
    admin = adminClient(adminApi.url, ADMIN_TOKEN);
    mark("webhook and admin listening");

    sandbox = createSandbox({
      devId: DEV_ID,
      apiKey: API_KEY,
      webhookUrl: `${webhook.url}/webhooks/terra`,
      webhookSecret: SECRET,
      users: USERS,
      seed: SEED,
      timeScale: TIME_SCALE,
      faults: { webhook: FAULTS },
    });
    const sender = sandbox.sender;
    if (!sender) throw new Error("the sandbox built no sender");
    sandbox.triggers.announceUsers();
    await within("the auth deliveries", 60_000, sandbox.flush());

    // Past days only (complete in every zone: a user's today is at most one day off UTC's).
    const today = utcDay(Date.now());
    days = Array.from({ length: 7 }, (_, i) => addDays(today, -9 + i));
    stream = buildStream(sandbox, TYPES, days, Date.now() - 3_600_000);
    const paced = sendPaced(sender, stream, STREAM_GAP_MS, SEED);
    streamDeliveries = paced.deliveries;
    const acked = () => paced.deliveries.filter((d) => d?.state === "delivered").length;
    await waitFor("a quarter of the stream to be acknowledged", () =>
      acked() >= stream.length / 4 ? true : undefined,
    );
    const inFlight = () => stream.length - acked();
    mark(`stopping the database, ${inFlight()} of ${stream.length} deliveries not yet acknowledged`);
    await cluster.stop();
    mark("database stopped");
    outageProbe = await probeWebhook(webhook.url);
    outageReady = (await fetch(`${webhook.url}/readyz`)).status;
    await sleep(1500);
    await cluster.start();
    mark(`database started again, ${inFlight()} deliveries not yet acknowledged`);
    await within("the stream to be handed to the sender", 60_000, paced.sent);
    // Late retries of older copies, long after their newer versions were stored.
    const older = stream.flatMap((s, i) => (s.older ? [paced.deliveries[i] as Delivery] : []));
    for (const d of older.slice(0, 10)) sender.resend(d);
    await within(
      "every delivery to be acknowledged or given up (time-scaled retries)",
      90_000,
      sandbox.flush(),
    );
    mark(`${sender.deliveries.length} deliveries finished`);
    await waitFor("the admin API to read again after the restart", () => admin.users());
    // Acknowledged means stored; processing runs behind the inbox (rows the restart interrupted
    // come back after their retry backoff): wait until nothing is left to process.
    await waitFor(
      "every acknowledged delivery to be processed",
      async () => {
        const [r] = await query<{ n: string }>(
          target.databaseUrl,
          "select count(*) as n from webhook_events where status = 'received'",
        );
        return Number(r?.n) === 0 ? true : undefined;
      },
      { timeoutMs: 120_000 },
    );
    mark("every delivery processed");
  }

  afterAll(async () => {
    await sandbox?.close();
    await stopAll();
    await target?.close();
  });

  it("answers 503 while the database is down (so Terra retries) and stays up", async () => {
    expect(outageProbe).toBe(503);
    expect(outageReady).toBe(503);
    const refused =
      sandbox.sender?.deliveries.flatMap((d) => d.attempts).filter((a) => a.status === 503) ?? [];
    expect(refused.length).toBeGreaterThan(0);
    expect((await fetch(`${webhook.url}/readyz`)).status).toBe(200);
    expect(webhook.proc.child.exitCode, "the webhook process died").toBeNull();
  });

  it("injected every fault it claims to test", () => {
    const deliveries = sandbox.sender?.deliveries ?? [];
    const faults = new Set(deliveries.flatMap((d) => d.attempts.map((a) => a.fault)).filter(Boolean));
    expect([...faults].sort()).toEqual(expect.arrayContaining(["drop_first", "wrong_signature"]));
    const traceCounts = countBy(deliveries.map((d) => d.traceId));
    expect(
      [...traceCounts.values()].some((n) => n > 1),
      "no delivery was sent twice",
    ).toBe(true);
  });

  it("acknowledged every delivery and keeps each one in the inbox exactly once", async () => {
    const deliveries = sandbox.sender?.deliveries ?? [];
    const failed = deliveries.filter((d) => d.state !== "delivered");
    expect(failed.map(describeDelivery), "deliveries never acknowledged").toEqual([]);
    const acknowledged = new Set(deliveries.map((d) => d.traceId));
    const rows = await query<{ trace_id: string; n: string; statuses: string }>(
      target.databaseUrl,
      "select trace_id, count(*) as n, string_agg(distinct status, ',') as statuses from webhook_events group by trace_id",
    );
    const inbox = new Map(rows.map((r) => [r.trace_id, Number(r.n)]));
    expect(
      [...acknowledged].filter((t) => !inbox.has(t)),
      "acknowledged but not in the inbox",
    ).toEqual([]);
    expect(
      [...inbox.keys()].filter((t) => !acknowledged.has(t)),
      "in the inbox but never sent",
    ).toEqual([]);
    expect(
      [...inbox].filter(([, n]) => n !== 1),
      "stored more than once",
    ).toEqual([]);
    expect([...new Set(rows.map((r) => r.statuses))]).toEqual(["processed"]);
    // The admin API's inbox agrees with the table.
    expect((await admin.events()).length).toBe(acknowledged.size);
  });

  it("stores exactly the newest version of every record, once", async () => {
    let compared = 0;
    for (const user of sandbox.users) {
      for (const type of TYPES) {
        const label = `${user.user_id} ${type}`;
        const stored = storedByKey(label, await admin.records(user.user_id, type));
        const expected = keyed(
          type,
          sandbox.expectedRecords(user.user_id, type, days[0] as string, days.at(-1) as string),
        );
        expectSameDocuments(label, stored, expected);
        compared += expected.size;
      }
    }
    expect(compared).toBeGreaterThan(USERS * days.length);
    // Stale copies did arrive after their newer versions: the comparison is not vacuous about order.
    expect(staleAfterNewer(stream, streamDeliveries)).toBeGreaterThan(0);
  });
});

/** One signed, well-formed delivery posted straight to the service (no retry): its status. */
async function probeWebhook(url: string): Promise<number> {
  const body = JSON.stringify({
    type: "healthcheck",
    status: "success",
    creation_timestamp: new Date().toISOString(),
  });
  const res = await fetch(`${url}/webhooks/terra`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "terra-signature": signWebhook(body, SECRET, Math.floor(Date.now() / 1000)),
      "x-terra-trace-id": "e2e-outage-probe",
    },
    body,
    signal: AbortSignal.timeout(15_000),
  });
  await res.arrayBuffer();
  return res.status;
}

function countBy(values: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}

function describeDelivery(d: Delivery): string {
  return `${d.type} ${d.traceId}: ${d.attempts.map((a) => a.status).join(",")}`;
}
