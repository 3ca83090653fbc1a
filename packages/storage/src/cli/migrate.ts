import { createDb } from "../db.ts";
import { migrate } from "../migrate.ts";
import { migrateUrl } from "./env.ts";

// `pnpm db:migrate` (and dist/migrate.js in every app): applies the committed migrations.
const db = await createDb(migrateUrl());
try {
  await migrate(db);
  console.log(`migrations applied (${db.kind}, ${db.url})`);
} finally {
  await db.close();
}
