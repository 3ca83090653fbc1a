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
  });
});
