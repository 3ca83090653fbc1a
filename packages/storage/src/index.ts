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
export * from "./queries/backfill-passes.ts";
export * from "./queries/backfill-worker.ts";
export * from "./queries/changes.ts";
export * from "./queries/connections.ts";
export * from "./queries/connections-bulk.ts";
export * from "./queries/coverage.ts";
export * from "./queries/erase.ts";
export * from "./queries/events.ts";
export * from "./queries/events-bulk.ts";
export * from "./queries/fingerprint.ts";
export * from "./queries/inbox-queue.ts";
export * from "./queries/jobs.ts";
export * from "./queries/large-requests.ts";
export * from "./queries/read.ts";
export * from "./queries/reauth.ts";
export * from "./queries/records.ts";
export * from "./queries/series.ts";
export * from "./queries/tables.ts";
export * from "./queries/windows.ts";
export { RECORD_TABLES, recordTable } from "./record-tables.ts";
export * from "./schema/index.ts";
