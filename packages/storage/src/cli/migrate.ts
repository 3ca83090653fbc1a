import { resolve } from "node:path";
import { createDb, DEFAULT_PGLITE_DIR } from "../db.ts";
import { migrate } from "../migrate.ts";

// `pnpm db:migrate`: applies the committed migrations to DATABASE_URL. Unset: PGlite in
// ./.data/pglite of the directory pnpm was started from (INIT_CWD), not of this package.
const url =
  process.env.DATABASE_URL ||
  `pglite://${resolve(process.env.INIT_CWD ?? process.cwd(), DEFAULT_PGLITE_DIR)}`;
const db = await createDb(url);
try {
  await migrate(db);
  console.log(`migrations applied (${db.kind}, ${db.url})`);
} finally {
  await db.close();
}
