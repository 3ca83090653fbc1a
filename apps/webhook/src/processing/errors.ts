/**
 * Database errors as a processor sees them: transient ones (the connection, a deadlock, the server
 * going down) put rows back for a retry; the rest fail the row. Their text is reduced to what an
 * operator needs (code, constraint, table, column): the driver's message and detail can quote the
 * statement's parameters, which hold health data.
 */

interface PgLike {
  code?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
  cause?: unknown;
  name?: unknown;
}

function pgFields(err: unknown): PgLike | null {
  for (let e: unknown = err, i = 0; e && i < 5; e = (e as PgLike).cause, i++) {
    if (typeof (e as PgLike).code === "string") return e as PgLike;
  }
  return null;
}

/**
 * node-postgres's own errors for a connection that is gone carry no SQLSTATE: a backend terminated
 * between two statements of a transaction leaves the client "not queryable", a socket closed under
 * a query is "Connection terminated", a pool that cannot connect times out. Only the driver's root
 * error is matched, from its start (never a wrapper, whose message quotes the statement and its
 * parameters).
 */
const LOST_CONNECTION =
  /^(Client has encountered a connection error and is not queryable|Client was closed and is not queryable|Connection terminated|timeout exceeded when trying to connect)/;

function rootCause(err: unknown): unknown {
  let e = err;
  for (let i = 0; i < 5 && (e as PgLike)?.cause; i++) e = (e as PgLike).cause;
  return e;
}

/** SQLSTATE classes that say "try again later", Node's socket errors, and a lost connection. */
export function isTransient(err: unknown): boolean {
  const code = pgFields(err)?.code;
  if (typeof code === "string") return /^(08|40|53|55|57|58)/.test(code) || /^E[A-Z]+$/.test(code);
  return LOST_CONNECTION.test(String((rootCause(err) as { message?: unknown })?.message ?? ""));
}

export function dbErrorText(err: unknown): string {
  const f = pgFields(err);
  if (!f) {
    const name = (err as { name?: unknown })?.name;
    return `${typeof name === "string" ? name : "Error"} (no database error code)`;
  }
  const parts = [`SQLSTATE ${String(f.code)}`];
  if (typeof f.constraint === "string") parts.push(`constraint ${f.constraint}`);
  if (typeof f.table === "string") parts.push(`table ${f.table}`);
  if (typeof f.column === "string") parts.push(`column ${f.column}`);
  return `database error (${parts.join(", ")})`;
}
