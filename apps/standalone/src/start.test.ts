import { createServer } from "node:net";
import { resolveDashboardDir } from "@wearables/admin";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Running, startAll } from "./start.ts";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const TOKEN = "standalone-test-token-0123456789";
let running: Running;

beforeAll(async () => {
  running = await startAll({
    env: { DATABASE_URL: "pglite://memory", HISTORY_DAYS: "20", LOG_LEVEL: "silent" },
    log: { level: "silent" },
    webhookPort: await freePort(),
    adminPort: await freePort(),
    sandboxPort: await freePort(),
    host: "127.0.0.1",
    adminTokens: [{ name: "test", role: "admin", token: TOKEN }],
    backfillEvery: "0 0 1 1 *",
    sandbox: { users: 2, seed: "standalone-test", pushEveryMs: 60_000 },
  });
}, 120_000);

afterAll(async () => {
  await running?.stop();
});

async function admin(path: string): Promise<{ status: number; body: { data: unknown[] } }> {
  const res = await fetch(`${running.urls.admin}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  return { status: res.status, body: (await res.json()) as { data: unknown[] } };
}

describe("pnpm start in sandbox mode", () => {
  it("runs in sandbox mode when no TERRA_API_KEY is set", () => {
    expect(running.mode).toBe("sandbox");
    expect(running.urls.sandbox).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2$/);
  });

  it("serves the dashboard under the admin API's origin when it is built, else says so", async () => {
    if (running.urls.dashboard === null) {
      expect(resolveDashboardDir(undefined)).toBeNull();
      return;
    }
    expect(running.urls.dashboard).toBe(`${running.urls.admin}/dashboard/`);
    const res = await fetch(running.urls.dashboard);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(await res.text()).toContain('<div id="app">');
  });

  it("backfills the sandbox users so the admin API serves exactly what the sandbox generated", async () => {
    expect(await running.firstPass).toBe(0);
    const users = await admin("/v1/users");
    expect(users.status).toBe(200);
    const ids = (users.body.data as { user_id: string; status: string }[]).map((u) => u.user_id).sort();
    expect(ids).toEqual(running.sandbox!.users.map((u) => u.user_id).sort());
    const user = ids[0]!;
    const today = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    const read = await admin(`/v1/users/${user}/daily?start_date=${from}&end_date=${today}&limit=100`);
    expect(read.status).toBe(200);
    const expected = running.sandbox!.expectedRecords(user, "daily", from, today);
    const got = read.body.data as { document: { metadata: { start_time: string } } }[];
    expect(got.length).toBeGreaterThan(0);
    // Days the live stream re-sent after the pass may be newer supersets: compare keys and past days.
    expect(got.map((r) => r.document.metadata.start_time.slice(0, 10)).sort()).toEqual(
      expected.map((d) => String((d.metadata as { start_time: string }).start_time).slice(0, 10)).sort(),
    );
  }, 120_000);

  it("records the first pass, which the admin API lists and its /metrics exports", async () => {
    expect(await running.firstPass).toBe(0);
    const passes = await admin("/v1/backfill-passes");
    expect(passes.status).toBe(200);
    expect(passes.body.data).toHaveLength(1);
    expect(passes.body.data[0]).toMatchObject({ kind: "run", ok: true });
    const metrics = await (await fetch(`${running.urls.admin}/metrics`)).text();
    expect(metrics).toMatch(/^wearables_backfill_last_pass_ok 1$/m);
    expect(metrics).toContain('wearables_build_info{service="admin"');
    const webhookMetrics = await (
      await fetch(running.urls.webhook.replace("/webhooks/terra", "/metrics"))
    ).text();
    expect(webhookMetrics).toContain('wearables_build_info{service="webhook"');
  }, 120_000);

  it("serves the backfilled days as series through the admin API, as the sandbox generated them", async () => {
    expect(await running.firstPass).toBe(0);
    const user = running.sandbox!.users[0]!.user_id;
    // Past days only: today's Daily keeps growing while the live stream runs.
    const to = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    const from = new Date(Date.now() - 12 * 86_400_000).toISOString().slice(0, 10);
    const res = await fetch(
      `${running.urls.admin}/v1/users/${user}/series?measurement=steps,weight&start=${from}&end=${to}`,
      {
        headers: { authorization: `Bearer ${TOKEN}` },
      },
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      series: { measurement: string; buckets: { start: string[]; value: number[] } }[];
    };
    const { start, value } = body.series[0]!.buckets;
    const steps = new Map(start.map((d, i) => [d, value[i]]));
    const expected = running.sandbox!.expectedRecords(user, "daily", from, to) as {
      metadata: { start_time: string };
      distance_data: { steps: number };
    }[];
    expect(expected.length).toBeGreaterThan(0);
    for (const d of expected)
      expect(steps.get(d.metadata.start_time.slice(0, 10))).toBe(d.distance_data.steps);
    expect(body.series[1]!.measurement).toBe("weight");
  }, 120_000);
});
