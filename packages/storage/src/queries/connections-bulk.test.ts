import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db.ts";
import { testDb } from "../testing.ts";
import { getConnection, setConnectionStatus, upsertConnection } from "./connections.ts";
import { touchConnections } from "./connections-bulk.ts";

let db: Db;
beforeAll(async () => {
  db = await testDb();
});
afterAll(async () => {
  await db?.close();
});

const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));

describe("touchConnections", () => {
  it("creates and refreshes several users like upsertConnection in order, keeping absent fields", async () => {
    await upsertConnection(db, {
      userId: "tc-old",
      provider: "WITHINGS",
      referenceId: "ref-0",
      scopes: "s0",
      at: t(0),
    });
    await setConnectionStatus(db, { userId: "tc-old", status: "deauthorized", at: t(1) });
    await touchConnections(db, [
      { userId: "tc-new", provider: "WITHINGS", referenceId: "ref-1", at: t(2) },
      { userId: "tc-old", provider: "WITHINGS", at: t(3) },
      // Named twice: later time and scopes, the earlier reference survives.
      { userId: "tc-new", provider: "WITHINGS", scopes: "s2", at: t(4) },
    ]);
    const created = await getConnection(db, "tc-new");
    expect(created).toMatchObject({ referenceId: "ref-1", scopes: "s2", status: "active", active: true });
    expect(created?.createdAt.toISOString()).toBe(t(2).toISOString());
    expect(created?.lastEventAt?.toISOString()).toBe(t(4).toISOString());
    const kept = await getConnection(db, "tc-old");
    // A data event never changes the status, and absent fields keep the stored ones.
    expect(kept).toMatchObject({ referenceId: "ref-0", scopes: "s0", status: "deauthorized" });
    expect(kept?.lastEventAt?.toISOString()).toBe(t(3).toISOString());
  });
});
