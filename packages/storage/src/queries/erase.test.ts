import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, rows } from "../db.ts";
import { bodyDoc, dailyDoc, sleepDoc, testDb } from "../testing.ts";
import { audit, listAudit } from "./audit.ts";
import { upsertConnection } from "./connections.ts";
import { markCoverage } from "./coverage.ts";
import { eraseUser } from "./erase.ts";
import { insertEvent } from "./events.ts";
import { createBackfillJob } from "./jobs.ts";
import { recordChunk, recordLargeRequest } from "./large-requests.ts";
import { reauthSwap } from "./reauth.ts";
import { upsertRecords } from "./records.ts";
import { listTables } from "./tables.ts";
import { enqueueWindows } from "./windows.ts";

let db: Db;
beforeAll(async () => {
  db = await testDb();
});
afterAll(async () => {
  await db?.close();
});

/** Every (table, column) of the schema whose text, json or bytes mention `needle`. */
async function mentions(needle: string): Promise<string[]> {
  const cols = await rows<{ table_name: string; column_name: string; data_type: string }>(
    db,
    sql`select table_name, column_name, data_type from information_schema.columns
        where table_schema = current_schema() order by table_name, column_name`,
  );
  const found: string[] = [];
  for (const c of cols) {
    const col = sql.identifier(c.column_name);
    const test =
      c.data_type === "bytea"
        ? sql`position(convert_to(${needle}, 'UTF8') in ${col}) > 0`
        : sql`${col}::text like ${`%${needle}%`}`;
    const r = await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${sql.identifier(c.table_name)} where ${test}`,
    );
    if (Number(r[0]?.n) > 0) found.push(`${c.table_name}.${c.column_name}`);
  }
  return found;
}

async function seedUser(id: string) {
  await upsertConnection(db, { userId: id, provider: "WITHINGS", referenceId: `ref-${id}`, connected: true });
  await upsertRecords(db, { type: "body", userId: id, records: [bodyDoc("2026-01-01")], source: "webhook" });
  await upsertRecords(db, {
    type: "daily",
    userId: id,
    records: [dailyDoc("2026-01-01")],
    source: "webhook",
  });
  await upsertRecords(db, {
    type: "sleep",
    userId: id,
    records: [sleepDoc(`s-${id}`, "2026-01-01")],
    source: "webhook",
  });
  const body = new TextEncoder().encode(JSON.stringify({ type: "body", user: { user_id: id } }));
  await insertEvent(db, { rawBody: body, traceId: `t-${id}`, type: "body", userId: id });
  // An informational event whose user column was never filled but whose body names the user.
  await insertEvent(db, {
    rawBody: new TextEncoder().encode(`{"type":"healthcheck","note":"${id}"}`),
    type: "healthcheck",
  });
  await markCoverage(db, {
    userId: id,
    type: "body",
    startDate: "2026-01-01",
    endDate: "2026-01-31",
    source: "backfill",
  });
  const { job } = await createBackfillJob(db, {
    userId: id,
    dataTypes: ["body"],
    startDate: "2026-01-01",
    endDate: "2026-01-31",
  });
  await enqueueWindows(db, [
    { userId: id, dataType: "body", startDate: "2026-01-01", endDate: "2026-01-31", jobId: job.id },
  ]);
  await recordLargeRequest(db, { reference: `lr-${id}`, kind: "sending", expectedPayloads: 2, userId: id });
  await recordChunk(db, { reference: `lr-${id}`, deliveryKey: `k-${id}`, userId: id });
  await audit(db, { actor: "test", action: "user.note", targetUserId: id });
}

describe("eraseUser", () => {
  it("leaves nothing of the user, or of the id it replaced, in any table, and one audit row", async () => {
    const oldId = "erase-old-5d1c";
    const newId = "erase-new-9a7e";
    const other = "keep-3b2f";
    await seedUser(oldId);
    await seedUser(other);
    await reauthSwap(db, { oldUserId: oldId, newUser: { userId: newId, provider: "WITHINGS" } });
    await seedUser(newId);
    expect((await mentions(newId)).length).toBeGreaterThan(5);
    expect(await mentions(newId)).toContain("measurements.user_id");

    const deleted = await eraseUser(db, newId, "admin:test");

    expect(await mentions(newId)).toEqual([]);
    expect(await mentions(oldId)).toEqual([]);
    expect(deleted.body).toBeGreaterThan(0);
    expect(deleted.measurements).toBeGreaterThan(0);
    expect(deleted.webhook_events).toBeGreaterThan(0);
    const erased = (await listAudit(db)).items.filter((a) => a.action === "user.erase");
    expect(erased).toHaveLength(1);
    expect(erased[0]!.actor).toBe("admin:test");
    // The other user is untouched.
    const otherLeft = await mentions(other);
    for (const t of [
      "terra_users.user_id",
      "body.user_id",
      "daily.user_id",
      "sleep.user_id",
      "webhook_events.user_id",
      "coverage.user_id",
      "measurements.user_id",
    ]) {
      expect(otherLeft).toContain(t);
    }
    // The check covered every table there is.
    expect(await listTables(db)).toEqual(
      expect.arrayContaining([
        "webhook_events",
        "terra_users",
        "coverage",
        "backfill_windows",
        "large_requests",
        "audit_log",
        "measurements",
      ]),
    );
  });
});
