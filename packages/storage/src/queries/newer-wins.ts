// The one newer-wins rule (ADR 0300), as SQL over two copies of a record, for every path that
// decides between copies: the record upsert (incoming vs stored) and the user_reauth swap (the new
// id's copy vs the old id's). Written once here so the two cannot drift apart.

export interface CopySql {
  /** SQL of the copy's ordering timestamp (`X-Terra-Ordering-Timestamp`, else receipt, in ms). */
  ts: string;
  /** SQL of the copy's document. */
  doc: string;
}

/**
 * The document kept when `incoming` replaces `stored`: the incoming document, except that a stored
 * non-null data_enrichment score survives where the incoming copy has it null or missing
 * (wearables_merge_document, migration 0001).
 */
export function mergedDocumentSql(incoming: string, stored: string): string {
  return `wearables_merge_document(${incoming}, ${stored})`;
}

/** Whether the merged document differs from the stored one (the record changed). */
export function changesSql(incoming: string, stored: string): string {
  return `${mergedDocumentSql(incoming, stored)} is distinct from ${stored}`;
}

/**
 * Whether `incoming` replaces `stored`: a higher ordering timestamp, or the same one with a document
 * that changes something. An older copy never replaces a newer one.
 */
export function replacesSql(incoming: CopySql, stored: CopySql): string {
  return `(${incoming.ts} > ${stored.ts} or (${incoming.ts} = ${stored.ts} and ${changesSql(incoming.doc, stored.doc)}))`;
}
