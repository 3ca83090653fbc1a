// Errors reduced to what an operator needs before they reach a log line or an error column.
//
// A database error quotes its parameters: drizzle's "Failed query: … params: …" carries whole
// documents, pg's `detail` and `where` quote rows and parameter values, and the server's message
// quotes the offending value (`date/time field value out of range: "…"`). A JSON.parse error
// quotes the input. None of that may be logged or stored: health values never leave the database.
import { conditionName, isSqlState, isTransientSqlState } from "./sqlstate.ts";

export interface SafeError {
  name: string;
  /** Never the database's own words, never a received value. */
  message: string;
  /** SQLSTATE for a database error; a system error's code (ECONNREFUSED); an application code. */
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
  /** HTTP status (Terra's answer, an application error). */
  status?: number;
  /** Terra endpoint (method and path, no query). */
  endpoint?: string;
  /** Frames only, under the reduced first line: the original first line quotes the message. */
  stack?: string;
  cause?: SafeError;
}

const MAX_MESSAGE = 500;
const MAX_DEPTH = 4;

type Props = Record<string, unknown>;
const isObject = (v: unknown): v is Props => typeof v === "object" && v !== null;
const str = (v: unknown): string | undefined =>
  typeof v === "string" && v.length > 0 && v.length <= 200 ? v : undefined;

/** pg's and PGlite's DatabaseError: a SQLSTATE and the server's severity. */
function isDatabaseError(e: unknown): e is Props {
  return isObject(e) && isSqlState(e.code) && ("severity" in e || "routine" in e);
}

/** drizzle wraps every failed statement in an error whose message is the SQL and its parameters. */
function isQueryWrapper(e: Props): boolean {
  return (
    ("query" in e && "params" in e) ||
    (typeof e.message === "string" && e.message.startsWith("Failed query:"))
  );
}

/** The error and its causes, outermost first (a few levels: a cause chain is never long). */
function causes(err: unknown): Props[] {
  const out: Props[] = [];
  for (let e: unknown = err; isObject(e) && out.length < 6; e = (e as Props).cause) out.push(e);
  return out;
}

/** The database error in an error's cause chain, if any. */
export function databaseErrorOf(err: unknown): Props | undefined {
  return causes(err).find(isDatabaseError);
}

/** The SQLSTATE anywhere in an error's cause chain (`23505`), or undefined. */
export function sqlStateOf(err: unknown): string | undefined {
  return databaseErrorOf(err)?.code as string | undefined;
}

/**
 * The database (not the statement) failed: connection lost or refused, deadlock, serialization,
 * resources, shutdown. The same work may succeed later; it says nothing about the data.
 */
export function isTransientDatabaseError(err: unknown): boolean {
  const code = sqlStateOf(err);
  if (code) return isTransientSqlState(code);
  const chain = causes(err);
  for (const e of chain) {
    if (typeof e.code === "string" && /^E(CONN|PIPE|TIMEDOUT|HOSTUNREACH|NETUNREACH|AI_AGAIN)/.test(e.code))
      return true;
  }
  // The drivers' own errors for a connection that is gone carry no SQLSTATE (a backend terminated
  // between two statements leaves node-postgres's client "not queryable"). Only the innermost error
  // is matched, from its start: a wrapper's message quotes the statement and its parameters, which
  // can hold anything a payload holds.
  const root = chain.at(-1);
  return root instanceof Error && LOST_CONNECTION.test(root.message);
}

const LOST_CONNECTION =
  /^(Client has encountered a connection error and is not queryable|Client was closed and is not queryable|Connection terminated|timeout exceeded when trying to connect|PGlite is closed|connection is closed)/i;

function frames(e: unknown): string {
  const stack = isObject(e) && typeof e.stack === "string" ? e.stack : "";
  return stack
    .split("\n")
    .filter((l) => /^\s+at /.test(l))
    .join("\n");
}

function withStack(out: SafeError, from: unknown, keepStack: boolean): SafeError {
  if (!keepStack) return out;
  const f = frames(from);
  return f ? { ...out, stack: `${out.name}: ${out.message}\n${f}` } : out;
}

function cut(s: string): string {
  return s.length > MAX_MESSAGE ? `${s.slice(0, MAX_MESSAGE)}…` : s;
}

/**
 * A message we did not write ourselves may still quote input: a JSON.parse error quotes the body,
 * a wrapped query error its parameters. Quoted runs go, and so does anything after "Failed query:".
 */
function scrubMessage(name: string, message: string): string {
  let m = message;
  const q = m.indexOf("Failed query:");
  if (q >= 0) m = `${m.slice(0, q)}database query failed`;
  if (name === "SyntaxError" || /JSON/.test(m)) {
    m = m.replace(/"(?:[^"\\]|\\.)*"(?:\.\.\.)?/g, '"…"').replace(/'(?:[^'\\]|\\.)*'/g, "'…'");
  }
  return cut(m);
}

/** zod's error (or anything with zod-shaped issues: a path array each). */
function isZodLike(e: Props): boolean {
  return (
    Array.isArray(e.issues) &&
    e.issues.length > 0 &&
    e.issues.every((i: unknown) => isObject(i) && Array.isArray(i.path))
  );
}

function zodMessage(issues: unknown[]): string {
  const parts = issues.slice(0, 10).map((i) => {
    const issue = isObject(i) ? i : {};
    const path = Array.isArray(issue.path) ? issue.path.map(String).join(".") : "";
    // The issue's message, never its `input` (zod keeps the received value there when asked to).
    const msg = typeof issue.message === "string" ? issue.message : "invalid";
    return path ? `${path}: ${msg}` : msg;
  });
  const more = issues.length > 10 ? `; and ${issues.length - 10} more` : "";
  return cut(parts.join("; ") + more);
}

function reduce(err: unknown, keepStack: boolean, depth: number): SafeError {
  if (!isObject(err)) {
    if (typeof err === "string") return { name: "Error", message: scrubMessage("Error", err) };
    return { name: "Error", message: `non-error thrown (${err === null ? "null" : typeof err})` };
  }
  const db = databaseErrorOf(err);
  if (db) {
    const code = db.code as string;
    const out: SafeError = {
      name: "DatabaseError",
      message: `${conditionName(code)} (SQLSTATE ${code})`,
      code,
    };
    for (const k of ["constraint", "table", "column"] as const) {
      const v = str(db[k]);
      if (v) out[k] = v;
    }
    return withStack(out, err, keepStack);
  }
  if (isQueryWrapper(err)) {
    // A statement that failed without a server error (connection refused, pool closed).
    if (err.cause !== undefined && depth < MAX_DEPTH) {
      const inner = reduce(err.cause, false, depth + 1);
      return withStack({ ...inner, message: `database query failed: ${inner.message}` }, err, keepStack);
    }
    return withStack({ name: "DatabaseError", message: "database query failed" }, err, keepStack);
  }
  const name = typeof err.name === "string" && err.name ? err.name : "Error";
  const rawMessage = typeof err.message === "string" ? err.message : "";
  const out: SafeError = {
    name,
    message: isZodLike(err) ? zodMessage(err.issues as unknown[]) : scrubMessage(name, rawMessage),
  };
  if (str(err.code) && String(err.code).length <= 40) out.code = String(err.code);
  if (typeof err.status === "number") out.status = err.status;
  if (str(err.endpoint)) out.endpoint = err.endpoint as string;
  if (Array.isArray(err.errors) && err.errors.length > 0 && depth < MAX_DEPTH) {
    // AggregateError (a connection tried on several addresses): its message is often empty.
    const inner = err.errors.slice(0, 3).map((e) => reduce(e, false, depth + 1).message);
    out.message = cut([out.message, ...inner].filter(Boolean).join("; "));
  }
  if (err.cause !== undefined && depth < MAX_DEPTH) out.cause = reduce(err.cause, false, depth + 1);
  return withStack(out, err, keepStack);
}

/**
 * The reduced form of any thrown value, for a log line: name, code, constraint, table, column, a
 * message free of values, and the stack's frames (`{ stack: false }` drops them).
 */
export function safeError(err: unknown, opts: { stack?: boolean } = {}): SafeError {
  return reduce(err, opts.stack ?? true, 0);
}

/**
 * One line for an error column (the inbox's `error`, a backfill window's): the reduced error
 * without its stack, e.g. `DatabaseError 22008 datetime_field_overflow (table body, column local_date)`.
 */
export function safeErrorText(err: unknown): string {
  const e = reduce(err, false, 0);
  if (e.name === "DatabaseError" && e.code) {
    const where = [
      e.table ? `table ${e.table}` : null,
      e.column ? `column ${e.column}` : null,
      e.constraint ? `constraint ${e.constraint}` : null,
    ].filter(Boolean);
    return cut(
      `DatabaseError ${e.code} ${conditionName(e.code)}${where.length ? ` (${where.join(", ")})` : ""}`,
    );
  }
  const head = e.name === "Error" ? e.message : `${e.name}: ${e.message}`;
  const code = e.code && !head.includes(e.code) ? ` [${e.code}]` : "";
  const cause = e.cause ? `; cause: ${e.cause.name}: ${e.cause.message}` : "";
  return cut(`${head}${code}${cause}`);
}
