import { measurementByName } from "@wearables/schemas";
import { type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, rows } from "../db.ts";
import { testDb } from "../testing.ts";
import { changesQuery, encodeChangeCursor } from "./changes-query.ts";
import { pointsStatement } from "./record-statement.ts";
import { seriesQuery, thresholdQuery } from "./series-query.ts";

// The indexes of the measurements table and the change feed, as the planner chooses them on data
// shaped like production's (many users, a year each), with statistics, on both engines: no
// enable_seqscan tricks.
let db: Db;
const USERS = 60;
const code = (n: string) => measurementByName(n)!.code;
const defs = ["steps", "weight", "systolic_bp"].map((n) => measurementByName(n)!);

beforeAll(async () => {
  db = await testDb();
  // 60 users × 365 days × 3 measurements, and a year of Daily records per user for the feed.
  await rows(
    db,
    sql`insert into measurements (local_ts, value, record_id, measurement, utc_offset, user_id)
        select d + interval '7 hours', 100 + (u * 7 + m * 13 + extract(doy from d)::int) % 60, u * 1000 + extract(doy from d)::int,
          m, 60, 'plan-' || lpad(u::text, 3, '0')
        from generate_series(1, ${USERS}) u, generate_series('2025-01-01'::date, '2025-12-31'::date, '1 day') d,
          unnest(${`{${defs.map((d) => d.code).join(",")}}`}::int[]) m`,
  );
  await rows(
    db,
    sql`insert into daily (user_id, natural_key, local_date, document, ordering_ts, received_at, source)
        select 'plan-' || lpad(u::text, 3, '0'), d::date::text, d::date, '{}'::jsonb, 1, now(), 'backfill'
        from generate_series(1, ${USERS}) u, generate_series('2025-01-01'::date, '2025-12-31'::date, '1 day') d`,
  );
  await rows(
    db,
    sql`insert into body (user_id, natural_key, local_date, document, ordering_ts, received_at, source)
        select user_id, natural_key, local_date, document, ordering_ts, received_at, source from daily`,
  );
  await rows(db, sql`vacuum analyze body`);
  await rows(db, sql`vacuum analyze measurements`);
  await rows(db, sql`vacuum analyze daily`);
}, 120_000);
afterAll(async () => {
  await db?.close();
});

async function plan(query: SQL): Promise<string> {
  const out = await rows<Record<string, string>>(db, sql`explain ${query}`);
  return out.map((r) => Object.values(r)[0]).join("\n");
}

describe("query plans", () => {
  it("reads one user's series from measurements_user_idx, per measurement, raw and bucketed", async () => {
    for (const bucket of ["raw", "day", "month"] as const) {
      const p = await plan(
        seriesQuery(
          { userId: "plan-007", measurements: [], startDate: "2025-01-01", endDate: "2025-12-31", bucket },
          defs,
          10_000,
        ).query,
      );
      expect(p, bucket).toMatch(/(Index (Only )?Scan using|Bitmap Index Scan on) measurements_user_idx/);
      expect(p, bucket).not.toMatch(/Seq Scan on measurements/);
      // One lateral probe per measurement (a parameter array), each a range of the index.
      expect(p, bucket).toMatch(/Index Cond: \(\(user_id = .*\) AND \(measurement = q\.code\)/);
      // raw: each point's source record by its primary key, never a scan of the record table.
      expect(p, bucket).not.toMatch(/Seq Scan on (daily|body)/);
    }
  });

  it("answers a threshold across users from measurements_user_idx alone, user by user", async () => {
    for (const [startDate, endDate] of [
      ["2025-06-02", "2025-06-08"],
      ["2025-01-01", "2025-12-31"],
    ] as const) {
      const p = await plan(
        thresholdQuery({ measurement: code("systolic_bp"), startDate, endDate, min: 140 }, 100),
      );
      expect(p, startDate).toMatch(/Index Only Scan using measurements_user_idx/);
      // The per-user probe bounds its range by measurement, time and value, in the index.
      expect(p, startDate).toMatch(
        /Index Cond: \(\(user_id = u\.user_id\) AND \(measurement = .*local_ts >= .*value >= /,
      );
      expect(p, startDate).not.toMatch(/Seq Scan|Sort/);
    }
  });

  it("pages the change feed through each table's (change_xid, id) index", async () => {
    const p = await plan(changesQuery({ types: ["daily", "body"] }, 1000));
    for (const t of ["daily", "body"]) expect(p).toMatch(new RegExp(`Index Scan using ${t}_change_idx`));
    expect(p).not.toMatch(/Seq Scan on (daily|body)/);
    // From a cursor, too: each branch starts its index range at the cursor.
    const after = encodeChangeCursor({ xid: 1n, rank: 2, id: 5000n });
    const q = await plan(changesQuery({ types: ["daily", "body"], after }, 1000));
    expect(q).toMatch(/Index Cond: \(\(change_xid < .*\) AND \(ROW\(change_xid, id\) > ROW\(/);
    expect(q).not.toMatch(/Seq Scan/);
  });

  it("replaces a record's measurement rows through measurements_record_idx", async () => {
    const replace = pointsStatement("daily")!;
    const p = await plan(
      replace({
        replaced: "{1,2,3}",
        ids: "{}",
        users: "{}",
        records: "{}",
        codes: "{}",
        times: "{}",
        offsets: "{}",
        values: "{}",
      }),
    );
    expect(p).toMatch(/measurements_record_idx/);
    expect(p).not.toMatch(/Seq Scan on measurements/);
    expect(pointsStatement("nutrition")).toBeNull();
  });
});
