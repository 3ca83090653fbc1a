import { sql } from "drizzle-orm";
import { type Executor, rows, transaction } from "../db.ts";
import { referenceRoot, settleReference, type WindowRow } from "./windows.ts";

/**
 * `large_request_processing` / `large_request_sending` for a reference: remembers the marker (and,
 * for sending, the expected number of payloads) even when no window knows the reference yet, and
 * completes waiting windows whose chunks already reach the expected count. Returns how many live
 * windows carry the reference and those it completed.
 */
export async function recordLargeRequest(
  ex: Executor,
  args: {
    reference: string;
    kind: "processing" | "sending";
    expectedPayloads?: number | null;
    userId?: string | null;
  },
): Promise<{ windows: number; completed: WindowRow[] }> {
  const reference = referenceRoot(args.reference);
  const expected = args.kind === "sending" ? (args.expectedPayloads ?? null) : null;
  const marker = args.kind === "sending" ? sql.raw("sending_at") : sql.raw("processing_at");
  return transaction(ex, async (tx) => {
    await rows(
      tx,
      sql`insert into large_requests (reference, user_id, expected_payloads, ${marker}, updated_at)
          values (${reference}, ${args.userId ?? null}, ${expected}::int, now(), now())
          on conflict (reference) do update set
            user_id = coalesce(excluded.user_id, large_requests.user_id),
            expected_payloads = coalesce(excluded.expected_payloads, large_requests.expected_payloads),
            ${marker} = coalesce(large_requests.${marker}, excluded.${marker}),
            updated_at = now()`,
    );
    if (expected !== null) {
      await rows(
        tx,
        sql`update backfill_windows set expected_payloads = ${expected}::int, updated_at = now()
            where reference = ${reference} and status in ('pending', 'leased', 'waiting_webhook')`,
      );
    }
    const live = await settleReference(tx, reference);
    return { windows: live.length, completed: live.filter((w) => w.status === "done") };
  });
}

/**
 * One data delivery of a large request. Chunks are counted once per delivery key (a retried chunk
 * is not a new one); a waiting window completes when the count reaches the expected payloads.
 */
export async function recordChunk(
  ex: Executor,
  args: { reference: string; deliveryKey: string; userId?: string | null; documents?: number },
): Promise<{ received: number; expected: number | null; completed: WindowRow[] }> {
  const reference = referenceRoot(args.reference);
  return transaction(ex, async (tx) => {
    await rows(
      tx,
      sql`insert into large_request_chunks (reference, delivery_key, user_id, documents)
          values (${reference}, ${args.deliveryKey}, ${args.userId ?? null}, ${args.documents ?? 0})
          on conflict (reference, delivery_key) do nothing`,
    );
    const live = await settleReference(tx, reference);
    const progress = await largeRequestProgress(tx, reference);
    return { ...progress, completed: live.filter((w) => w.status === "done") };
  });
}

/** Chunks received so far and the expected count, if announced, for a reference. */
export async function largeRequestProgress(
  ex: Executor,
  reference: string,
): Promise<{ received: number; expected: number | null }> {
  const ref = referenceRoot(reference);
  const r = await rows<{ received: number; expected: number | null }>(
    ex,
    sql`select (select count(*)::int from large_request_chunks where reference = ${ref}) as received,
               coalesce((select expected_payloads from large_requests where reference = ${ref}),
                        (select max(expected_payloads) from backfill_windows where reference = ${ref})) as expected`,
  );
  return {
    received: Number(r[0]?.received ?? 0),
    expected: r[0]?.expected == null ? null : Number(r[0].expected),
  };
}
