// A database error inside a route: a 500 without details, and a log line that names the code and
// the table, never what the statement carried.
import { rows, upsertConnection } from "@wearables/storage";
import { sql } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, harness, type Json, json } from "./test-app.ts";

const MARKER = "MARKER-92c4be";
// A plain pino logger, without the services' redaction: onError must reduce the error itself,
// whatever logger the app was given.
const log = { lines: [] as Record<string, unknown>[], raw: [] as string[] };
const logger = pino(
  { level: "info" },
  {
    write: (s: string) => {
      log.raw.push(s);
      log.lines.push(JSON.parse(s));
    },
  },
);
let h: Harness;
beforeAll(async () => {
  h = await harness({ logger });
  await upsertConnection(h.db, { userId: "u-log", provider: "WITHINGS", referenceId: MARKER });
});
afterAll(() => h.close());

describe("a database error inside a route", () => {
  it("answers 500 internal_error and logs the reduced error without the statement's parameters", async () => {
    // A schema the code does not expect (a migration gone wrong): every statement on it fails.
    await rows(h.db, sql`alter table terra_users rename column reference_id to reference_id_moved`);
    try {
      log.lines.length = 0;
      const res = await h.call("GET", `/v1/users?reference_id=${MARKER}`);
      expect(res.status).toBe(500);
      const body = await json(res);
      expect(body.error).toMatchObject({ code: "internal_error", message: "internal error" });
      const failed = log.lines.find((l) => l.msg === "request failed");
      expect(failed?.err as Json).toMatchObject({ name: "DatabaseError", code: "42703" });
      const text = log.raw.join("");
      expect(text).not.toContain(MARKER);
      expect(text).not.toContain("Failed query");
      expect(JSON.stringify(body)).not.toContain(MARKER);
    } finally {
      await rows(h.db, sql`alter table terra_users rename column reference_id_moved to reference_id`);
    }
  });
});
