import { measurementByName } from "@wearables/schemas";
import { createDb, rows } from "@wearables/storage";
import { testDb } from "@wearables/storage/testing";
import { sql } from "drizzle-orm";
import { seedStatements } from "../../../../apps/admin/bench/seed.sql.ts";
import { measurementSeedStatements } from "../../../../apps/admin/bench/seed-measurements.sql.ts";
import { seriesQuery } from "../../src/queries/series-query.ts";

const fresh = await testDb({ url: "postgres://postgres@127.0.0.1:5499/test" });
const db = await createDb(fresh.url, { poolSize: 4 });
const [u, ...t] = seedStatements(60, "2025-01-01", "2025-12-31");
await db.orm.execute(u!);
await Promise.all(t.map((s) => db.orm.execute(s)));
await Promise.all(measurementSeedStatements().map((s) => db.orm.execute(s)));
await db.orm.execute("vacuum analyze");
const defs = ["steps", "active_calories", "resting_heart_rate"].map((n) => measurementByName(n)!);
for (const bucket of ["day", "raw"] as const) {
  const q = seriesQuery(
    { userId: "bench-00007", measurements: [], startDate: "2025-01-01", endDate: "2025-12-31", bucket },
    defs,
    10000,
  );
  for (let i = 0; i < 3; i++) await rows(db, q);
  const out = await rows<Record<string, string>>(db, sql`explain (analyze, buffers, timing) ${q}`);
  console.log(
    out
      .map((r) => Object.values(r)[0])
      .filter((l) =>
        /Execution|Planning|^\s*(->\s*)?(Append|Aggregate|Index|Subquery|Group|Sort|Hash)/.test(l),
      )
      .join("\n"),
  );
}
await db.close();
await fresh.close();
