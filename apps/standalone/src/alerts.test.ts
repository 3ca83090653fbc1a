// ops/alerts.yml may only name metrics the apps really export: each app's /metrics is scraped
// (the webhook's and the admin's through their apps, the backfill's over HTTP as `run --every`
// serves it) and every `wearables_…` name in the rules file must be a metric family of one of them.
import { readFileSync } from "node:fs";
import { createApp as createAdminApp } from "@wearables/admin";
import { composeBackfill } from "@wearables/backfill/compose";
import { loadEnv as loadBackfillEnv } from "@wearables/backfill/env";
import { loadIngestConfig } from "@wearables/ingest";
import { createLogger } from "@wearables/service-kit";
import { serveMetrics } from "@wearables/service-kit/metrics";
import type { Db } from "@wearables/storage";
import { testDb } from "@wearables/storage/testing";
import { createApp as createWebhookApp } from "@wearables/webhook";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const RULES = new URL("../../../ops/alerts.yml", import.meta.url);
const silent = createLogger({ service: "test", level: "silent" });

/** Metric family names in an exposition (`# TYPE <name> <type>`). */
function families(text: string): Set<string> {
  return new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!));
}

let db: Db;
const scraped: Record<string, Set<string>> = {};

beforeAll(async () => {
  db = await testDb();
  const webhook = createWebhookApp({
    db,
    ingest: loadIngestConfig(),
    secrets: ["alerts-test-secret"],
    logger: silent,
    processing: { threads: 0 },
  });
  try {
    scraped.webhook = families(await (await webhook.app.request("/metrics")).text());
  } finally {
    await webhook.drain();
  }
  const admin = createAdminApp({
    db,
    terra: {} as never,
    logger: silent,
    clock: { now: () => new Date() },
    tokens: [{ name: "t", role: "read", token: "alerts-test-token-0123456789" }],
  });
  scraped.admin = families(await (await admin.request("/metrics")).text());
  const backfill = await composeBackfill(loadBackfillEnv({ TERRA_API_KEY: "k", TERRA_DEV_ID: "d" }), {
    logger: silent,
    db,
  });
  const server = await serveMetrics(backfill.registry, { port: 0, host: "127.0.0.1" });
  try {
    scraped.backfill = families(await (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text());
  } finally {
    await server.close();
  }
}, 90_000);
afterAll(() => db?.close());

describe("ops/alerts.yml", () => {
  it("names only metrics that an app exports", () => {
    const names = [...readFileSync(RULES, "utf8").matchAll(/\bwearables_[a-z0-9_]*[a-z0-9]\b/g)].map(
      (m) => m[0],
    );
    expect(names.length).toBeGreaterThan(5);
    const exported = new Set(Object.values(scraped).flatMap((s) => [...s]));
    const missing = [...new Set(names)].filter((n) => !exported.has(n));
    expect(missing).toEqual([]);
  });

  it("every app exports build_info", () => {
    for (const [app, names] of Object.entries(scraped))
      expect(names.has("wearables_build_info"), app).toBe(true);
    expect(Object.keys(scraped).sort()).toEqual(["admin", "backfill", "webhook"]);
  });
});
