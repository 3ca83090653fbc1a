import { resolve } from "node:path";
import { DEFAULT_PGLITE_DIR } from "../db.ts";

/**
 * `pnpm db:migrate`'s one setting: DATABASE_URL; unset, PGlite in ./.data/pglite of the directory
 * pnpm was started from (INIT_CWD), not of this package.
 */
export function migrateUrl(): string {
  return (
    process.env.DATABASE_URL ||
    `pglite://${resolve(process.env.INIT_CWD ?? process.cwd(), DEFAULT_PGLITE_DIR)}`
  );
}
