import { isTransientDatabaseError, safeErrorText } from "@wearables/service-kit";

/**
 * Database errors as a processor sees them: transient ones (the connection, a deadlock, the server
 * going down) put rows back for a retry; the rest fail the row. Their text is the one policy's
 * reduced form (code, constraint, table, column): the driver's message and detail can quote the
 * statement's parameters, which hold health data.
 */
export const isTransient = isTransientDatabaseError;

export function dbErrorText(err: unknown): string {
  return safeErrorText(err);
}
