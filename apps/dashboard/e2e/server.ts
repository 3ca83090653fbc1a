// The admin app on a seeded database, serving the built dashboard: what the browser tests and the
// benchmark drive. One person with every Withings device and a year of history, two more users, a
// failed inbox event, a partial one with warnings, two waiting for processing and a queued backfill
// job.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { type AdminToken, createApp } from "@wearables/admin";
import {
  type Db,
  insertEvent,
  markCoverage,
  recordBackfillPass,
  setEventStatus,
  upsertConnection,
  upsertRecords,
} from "@wearables/storage";
import { passInput, testDb } from "@wearables/storage/testing";
import { createGenerator, makePerson } from "@wearables/terra-sandbox";
import pino from "pino";
import { addDays, localDate } from "../src/range.ts";

export const DIST = fileURLToPath(new URL("../dist", import.meta.url));
export const ADMIN_TOKEN = "dashboard-e2e-admin-token-0123456789";
export const READ_TOKEN = "dashboard-e2e-read-token-0123456789";
export const FULL_USER = "u-dash-full";
export const SMALL_USER = "u-dash-small";
export const GONE_USER = "u-dash-gone";
export const TYPES = ["body", "daily", "sleep", "activity"] as const;

export interface Seeded {
  url: string;
  db: Db;
  /** The live token list: removing one makes the server refuse it from then on (a revoked token). */
  tokens: AdminToken[];
  failedEventId: number;
  partialEventId: number;
  today: string;
  yearStart: string;
  close(): Promise<void>;
}

const SEED = "dashboard-e2e";

export async function startSeeded(): Promise<Seeded> {
  if (!existsSync(join(DIST, "index.html"))) {
    throw new Error("apps/dashboard/dist is not built: run pnpm --filter @wearables/dashboard build");
  }
  const db = await testDb();
  const today = localDate();
  const yearStart = addDays(today, -364);
  const gen = createGenerator({ seed: SEED });
  const full = {
    ...makePerson(SEED, 0),
    hasBpm: true,
    hasScanWatch: true,
    hasThermo: true,
    hasSleepAnalyzer: true,
    historyStart: addDays(yearStart, -30),
  };
  const small = { ...makePerson(SEED, 1), historyStart: addDays(today, -20) };
  await upsertConnection(db, { userId: FULL_USER, provider: "WITHINGS", referenceId: "patient-full" });
  await upsertConnection(db, { userId: SMALL_USER, provider: "WITHINGS", referenceId: "patient-small" });
  await upsertConnection(db, {
    userId: GONE_USER,
    provider: "WITHINGS",
    referenceId: "patient-gone",
    status: "deauthorized",
  });
  for (const [userId, person] of [
    [FULL_USER, full],
    [SMALL_USER, small],
  ] as const) {
    for (const type of TYPES) {
      const records = gen.records(person, type, yearStart, today);
      // The ingest's own upsert: it writes each record's series rows (the catalog's default
      // measurements, as MEASUREMENTS does unset), which the charts read.
      await upsertRecords(db, { type, userId, records, source: "backfill" });
    }
  }
  await markCoverage(db, {
    userId: FULL_USER,
    type: "body",
    startDate: yearStart,
    endDate: today,
    source: "backfill",
  });
  await markCoverage(db, {
    userId: FULL_USER,
    type: "daily",
    startDate: yearStart,
    endDate: today,
    source: "backfill",
  });
  // Stored as failed by an earlier build: valid today, so a replay processes it.
  const body = {
    type: "daily",
    version: "2022-03-16",
    user: {
      user_id: SMALL_USER,
      provider: "WITHINGS",
      reference_id: "patient-small",
      active: true,
      scopes: null,
    },
    data: [gen.records(small, "daily", addDays(today, -2), addDays(today, -2))[0]],
  };
  const failed = await insertEvent(db, {
    rawBody: new TextEncoder().encode(JSON.stringify(body)),
    type: "daily",
    userId: SMALL_USER,
  });
  await setEventStatus(db, {
    id: failed.id,
    status: "failed",
    error: "schema: data.0.distance_data.steps: expected int",
  });
  // Processed but for one record, and kept with a code Terra added since.
  const partial = await insertEvent(db, {
    rawBody: new TextEncoder().encode(JSON.stringify({ ...body, type: "body", data: [] })),
    type: "body",
    userId: SMALL_USER,
  });
  await setEventStatus(db, {
    id: partial.id,
    status: "partial",
    error: "schema: 1 of 2 records failed validation: data.1.metadata.start_time: Invalid timestamp",
    warnings: [
      {
        path: "data.0.device_data.data_provided.0",
        code: "unknown_string_value",
        message: "DeviceDataType NEW_SENSOR",
      },
    ],
  });
  // Acknowledged and waiting: no processor runs here, so the backlog stays at two.
  for (const n of [1, 2]) {
    await insertEvent(db, {
      rawBody: new TextEncoder().encode(`{"type":"healthcheck","n":${n}}`),
      type: null,
    });
  }

  // Two scheduled passes: one that succeeded an hour ago, then one that failed.
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
  await recordBackfillPass(db, passInput(minutesAgo(60), true, { pass: "pass-ok", documentsInserted: 120 }));
  await recordBackfillPass(
    db,
    passInput(minutesAgo(30), false, {
      pass: "pass-failed",
      windowsFailed: 2,
      errorSummary: "transient_exhausted ×2",
    }),
  );

  const tokens: AdminToken[] = [
    { name: "ops", role: "admin", token: ADMIN_TOKEN },
    { name: "viewer", role: "read", token: READ_TOKEN },
  ];
  const terra = {
    generateWidgetSession: () => Promise.reject(new Error("not in these tests")),
    authenticateUser: () => Promise.reject(new Error("not in these tests")),
    deauthenticateUser: () => Promise.resolve({ result: { status: "success" }, meta: {} as never }),
  };
  const app = createApp({
    db,
    terra: terra as never,
    logger: pino({ level: "silent" }),
    clock: { now: () => new Date() },
    tokens,
    dashboardDir: DIST,
  });
  // A live backfill job through the API itself: the sleep type for the last week, queued.
  const job = await app.request(`/v1/users/${FULL_USER}/backfills`, {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ types: ["sleep"], start_date: addDays(today, -6), end_date: today }),
  });
  if (job.status !== 201) throw new Error(`seeding the backfill job answered ${job.status}`);

  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    tokens,
    failedEventId: failed.id,
    partialEventId: partial.id,
    today,
    yearStart,
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await db.close();
    },
  };
}
