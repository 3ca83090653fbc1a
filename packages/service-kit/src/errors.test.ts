import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { isTransientDatabaseError, safeError, safeErrorText, sqlStateOf } from "./errors.ts";

// Distinctive values: if any of them shows up in a reduced error, the reduction leaked.
const WEIGHT = "81.2345";
const REF = "MARKER-7f3a9c";
const DOC = JSON.stringify({ weight_kg: Number(WEIGHT), reference_id: REF });
// jsonb refuses \u0000: the statement fails and the server quotes the document in `where`.
const NUL_DOC = JSON.stringify({ weight_kg: Number(WEIGHT), reference_id: REF, note: "a\u0000b" });

let client: PGlite;
let db: ReturnType<typeof drizzle>;
beforeAll(async () => {
  client = new PGlite();
  db = drizzle(client);
  await db.execute(sql`create table t (id int primary key, day date not null, doc jsonb)`);
  await db.execute(sql`insert into t values (1, '2026-01-01', '{}')`);
});
afterAll(() => client.close());

async function thrown(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error("expected a rejection");
}

function expectClean(value: unknown): void {
  const text = JSON.stringify(value);
  expect(text).not.toContain(WEIGHT);
  expect(text).not.toContain(REF);
  expect(text).not.toContain("Failed query");
  expect(text).not.toContain("params");
}

describe("safeError on real database errors", () => {
  it("keeps the SQLSTATE and its name, never the parameters drizzle, detail or where quote", async () => {
    const err = await thrown(db.execute(sql`insert into t values (2, '2026-01-02', ${NUL_DOC}::jsonb)`));
    // The raw error does carry the document: that is what must not travel.
    expect(String((err as Error).message)).toContain(REF);
    expect(JSON.stringify((err as { cause: unknown }).cause)).toContain(WEIGHT);
    const safe = safeError(err);
    expect(safe).toMatchObject({ name: "DatabaseError", code: "22P05" });
    expect(safe.message).toBe("untranslatable_character (SQLSTATE 22P05)");
    expect(safe.stack).toMatch(/^DatabaseError: untranslatable_character \(SQLSTATE 22P05\)\n\s+at /);
    expectClean(safe);
    expect(safeErrorText(err)).toBe("DatabaseError 22P05 untranslatable_character");
    expect(sqlStateOf(err)).toBe("22P05");
    expect(isTransientDatabaseError(err)).toBe(false);
  });

  it("names the constraint and table of an integrity error, not the key's values", async () => {
    const err = await thrown(db.execute(sql`insert into t values (1, ${"2026-01-03"}, ${DOC}::jsonb)`));
    const safe = safeError(err);
    expect(safe).toMatchObject({ code: "23505", constraint: "t_pkey", table: "t" });
    expectClean(safe);
    expect(safeErrorText(err)).toBe("DatabaseError 23505 unique_violation (table t, constraint t_pkey)");
  });

  it("does not repeat a value the server's own message quotes", async () => {
    const err = await thrown(db.execute(sql`insert into t values (3, ${"0000-01-01"}, null)`));
    expect(((err as { cause: Error }).cause as Error).message).toContain("0000-01-01");
    const text = safeErrorText(err);
    expect(text).toBe("DatabaseError 22008 datetime_field_overflow");
    expect(JSON.stringify(safeError(err))).not.toContain("0000-01-01");
  });

  it("reads a closed database as transient", async () => {
    const other = new PGlite();
    await other.close();
    const err = await thrown(drizzle(other).execute(sql`select ${DOC}::jsonb`));
    expectClean(safeError(err));
    expect(isTransientDatabaseError(err)).toBe(true);
  });
});

describe("safeError on other errors", () => {
  it("gives a zod error's paths and messages, never the received value", () => {
    const parsed = z
      .object({ weight_kg: z.string(), ref: z.number() })
      .safeParse({ weight_kg: Number(WEIGHT), ref: REF }, { reportInput: true });
    expect(JSON.stringify(parsed.error?.issues)).toContain(REF);
    const safe = safeError(parsed.error);
    expect(safe.message).toContain("weight_kg: ");
    expect(safe.message).toContain("ref: ");
    expectClean(safe);
  });

  it("drops the input a JSON.parse error quotes", () => {
    let err: unknown;
    try {
      JSON.parse(`{"reference_id": "${REF}", oops`);
    } catch (e) {
      err = e;
    }
    expect(safeError(err).name).toBe("SyntaxError");
    expectClean(safeError(err));
    expect(safeErrorText(err)).toMatch(/^SyntaxError: /);
  });

  it("cuts a message that embeds a failed query, and reduces causes", () => {
    const inner = Object.assign(new Error(`Failed query: insert\nparams: ${DOC}`), {
      query: "q",
      params: [DOC],
    });
    const outer = new Error(`store failed: ${inner.message}`, { cause: inner });
    const safe = safeError(outer);
    expect(safe.message).toBe("store failed: database query failed");
    expect(safe.cause?.message).toBe("database query failed");
    expectClean(safe);
    expectClean(safeErrorText(outer));
  });

  it("keeps an HTTP client's status, endpoint and code", () => {
    const err = Object.assign(new Error("Terra GET /body answered 500: upstream"), {
      name: "TerraServerError",
      status: 500,
      endpoint: "GET /body",
      body: { message: REF },
    });
    expect(safeError(err)).toMatchObject({ name: "TerraServerError", status: 500, endpoint: "GET /body" });
    expectClean(safeError(err));
    expect(safeErrorText(err)).toBe("TerraServerError: Terra GET /body answered 500: upstream");
  });

  it("says what a non-error throw was", () => {
    expect(safeError(undefined).message).toBe("non-error thrown (undefined)");
    expect(safeErrorText("plain words")).toBe("plain words");
  });

  it("joins an AggregateError's parts", () => {
    const err = new AggregateError(
      [Object.assign(new Error("connect ECONNREFUSED ::1:5432"), { code: "ECONNREFUSED" })],
      "",
    );
    expect(safeError(err).message).toBe("connect ECONNREFUSED ::1:5432");
    expect(isTransientDatabaseError(err)).toBe(false); // not in a cause chain: the caller decides
  });
});
