import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createDb, ping, rows, transaction } from "./db.ts";
import { migrate, migrationsCurrent } from "./migrate.ts";
import { upsertConnection } from "./queries/connections.ts";
import { listTables } from "./queries/tables.ts";

const dir = mkdtempSync(join(tmpdir(), "storage-db-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("createDb and migrate", () => {
  it("opens PGlite in a directory, reports migrations pending then current, and keeps data across reopen", async () => {
    const url = `pglite://${join(dir, "pg")}`;
    const db = await createDb(url);
    expect(db.kind).toBe("pglite");
    expect(await ping(db)).toBe(true);
    expect(await migrationsCurrent(db)).toBe(false);
    await migrate(db);
    await migrate(db); // idempotent
    expect(await migrationsCurrent(db)).toBe(true);
    expect(await listTables(db)).toEqual(
      expect.arrayContaining(["terra_users", "webhook_events", "body", "daily"]),
    );
    await upsertConnection(db, { userId: "persist", provider: "WITHINGS" });
    // A transaction that throws leaves nothing behind.
    await expect(
      transaction(db, async (tx) => {
        await upsertConnection(tx, { userId: "rolled-back", provider: "WITHINGS" });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    await db.close();

    const again = await createDb(url);
    const users = await rows<{ user_id: string }>(
      again,
      sql`select user_id from terra_users order by user_id`,
    );
    expect(users.map((u) => u.user_id)).toEqual(["persist"]);
    await again.close();
    // Creating a PGlite data directory runs initdb: tens of seconds on a loaded machine.
  }, 180_000);

  it("refuses an unknown URL scheme without echoing a password", async () => {
    await expect(createDb("mysql://root:secret@localhost/x")).rejects.toThrow(/unsupported/);
    await expect(createDb("mysql://root:secret@localhost/x")).rejects.not.toThrow(/secret/);
    await expect(createDb("mysql://localhost/x?password=secret")).rejects.not.toThrow(/secret/);
  });

  it("keeps no password in db.url, given as userinfo or as ?password=", async () => {
    // The pool connects lazily: no server is needed to see what the Db reports.
    for (const [url, shown] of [
      ["postgres://app:s3cr3t@127.0.0.1:1/x", "postgres://app:***@127.0.0.1:1/x"],
      [
        "postgres://app@127.0.0.1:1/x?sslmode=disable&password=s3cr3t",
        "postgres://app@127.0.0.1:1/x?sslmode=disable&password=***",
      ],
    ] as const) {
      const db = await createDb(url);
      expect(db.url).toBe(shown);
      await db.close();
    }
  });
});

describe("TOAST compression (migration 0005)", () => {
  it("compresses raw bodies and documents with lz4 where the server has it, else keeps the default", async () => {
    const { testDb } = await import("./testing.ts");
    const db = await testDb();
    try {
      const [{ lz4 } = { lz4: false }] = await rows<{ lz4: boolean }>(
        db,
        sql`select coalesce(bool_or('lz4' = any(enumvals)), false) as lz4 from pg_settings
            where name = 'default_toast_compression'`,
      );
      const cols = await rows<{ t: string; c: string }>(
        db,
        sql`select attrelid::regclass::text as t, attcompression::text as c from pg_attribute
            where attname in ('raw_body', 'document') and attnum > 0 and not attisdropped
              and attrelid::regclass::text in ('webhook_events', 'activity', 'body', 'daily', 'sleep',
                'menstruation', 'nutrition', 'athlete')`,
      );
      expect(cols).toHaveLength(8);
      for (const col of cols) expect(col.c, col.t).toBe(lz4 ? "l" : "");
    } finally {
      await db.close();
    }
  });
});
