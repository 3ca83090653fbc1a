export {
  type CreateDbOptions,
  createDb,
  type Db,
  DEFAULT_PGLITE_DIR,
  type Executor,
  type Orm,
  orm,
  ping,
  rows,
  type Schema,
  transaction,
} from "./db.ts";
export { extractColumns } from "./extract.ts";
export { MIGRATIONS_FOLDER, migrate, migrationsCurrent } from "./migrate.ts";
export * from "./queries/admin-coverage.ts";
export * from "./queries/admin-stats.ts";
export * from "./queries/audit.ts";
export * from "./queries/connections.ts";
export * from "./queries/events.ts";
export * from "./queries/read.ts";
export * from "./queries/reauth.ts";
export * from "./queries/records.ts";
export { RECORD_TABLES, recordTable } from "./record-tables.ts";
export * from "./schema/index.ts";
