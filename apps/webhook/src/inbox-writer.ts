import { type Db, insertReceived, type ReceivedDelivery, type ReceivedResult } from "@wearables/storage";
import type { BatchSettings } from "./app.ts";
import { type BatchInfo, type Committer, GroupCommitter } from "./batcher.ts";

/** One verified delivery, ready for the durable step: the body exactly as received. */
export interface Receipt {
  requestId: string;
  rawBody: Buffer;
  deliveryKey: string;
  traceId: string | null;
  reference: string | null;
  orderingTs: number | null;
  receivedAt: Date;
  bodySha256: string;
}

/** A stored receipt handed to this process's processor: its row is leased to it already. */
export interface LocalItem {
  id: number;
  deliveryKey: string;
  rawBody: Buffer;
  traceId: string | null;
  reference: string | null;
  orderingTs: number | null;
  receivedAt: Date;
}

/** Where stored receipts go next without a re-read: the processor of this process. */
export interface Handoff {
  /** The owner name rows are leased to. */
  readonly owner: string;
  readonly leaseMs: number;
  /** Room for a body of this size in memory? (false: the row is stored unleased, for any processor) */
  reserve(bytes: number): boolean;
  unreserve(bytes: number): void;
  /** A reserved receipt's row is committed, leased to `owner`. */
  accept(item: LocalItem): void;
}

export interface InboxWriterOptions extends Omit<BatchSettings, "commitTimeoutMs"> {
  db: Db;
  handoff?: Handoff;
  onBatch?: (info: BatchInfo) => void;
  /** Replaces the INSERT (tests: a database that fails on demand). */
  insert?: (deliveries: ReceivedDelivery[], opts: { leaseMs?: number }) => Promise<ReceivedResult[]>;
}

/**
 * The acknowledgement's durable step: concurrent receipts share one INSERT (group commit) of their
 * raw bytes and the few headers that matter, deduplicated on the delivery key. Nothing about the
 * content is looked at, so nothing about it can make this fail. A caller's promise settles after
 * the statement that holds its receipt has committed: a 2xx means "these bytes are durable".
 */
export class InboxWriter implements Committer<Receipt, ReceivedResult> {
  private readonly committer: GroupCommitter<Receipt, ReceivedResult>;

  constructor(opts: InboxWriterOptions) {
    const insert = opts.insert ?? ((ds, o) => insertReceived(opts.db, ds, o));
    this.committer = new GroupCommitter<Receipt, ReceivedResult>({
      ...opts,
      sizeOf: (r) => r.rawBody.byteLength,
      commit: async (receipts) => {
        const h = opts.handoff;
        const leased = receipts.map((r) => (h ? h.reserve(r.rawBody.byteLength) : false));
        let results: ReceivedResult[];
        try {
          results = await insert(
            receipts.map((r, i) => ({
              rawBody: r.rawBody,
              deliveryKey: r.deliveryKey,
              traceId: r.traceId,
              reference: r.reference,
              orderingTs: r.orderingTs,
              receivedAt: r.receivedAt,
              bodySha256: r.bodySha256,
              leaseOwner: leased[i] ? (h as Handoff).owner : null,
            })),
            { leaseMs: h?.leaseMs },
          );
        } catch (err) {
          receipts.forEach((r, i) => {
            if (leased[i]) h?.unreserve(r.rawBody.byteLength);
          });
          throw err;
        }
        results.forEach((row, i) => {
          const r = receipts[i] as Receipt;
          if (!leased[i]) return;
          if (row.duplicate) {
            h?.unreserve(r.rawBody.byteLength);
            return;
          }
          h?.accept({
            id: row.id,
            deliveryKey: row.deliveryKey,
            rawBody: r.rawBody,
            traceId: r.traceId,
            reference: r.reference,
            orderingTs: r.orderingTs,
            receivedAt: r.receivedAt,
          });
        });
        return results;
      },
    });
  }

  submit(r: Receipt): Promise<ReceivedResult> {
    return this.committer.submit(r);
  }

  drain(): Promise<void> {
    return this.committer.drain();
  }

  get depth(): number {
    return this.committer.depth;
  }
}
