/**
 * Group commit: concurrent deliveries share one database transaction. Each caller's promise
 * settles only after the transaction that holds its item has committed (or failed), so a 2xx
 * still means "stored". The queue is bounded in count and bytes, and a delivery that would
 * wait past the deadline is refused at once (ShedError → 503, Terra retries) rather than queued.
 */

export type ShedReason = "queue_full" | "deadline" | "closed";

export class ShedError extends Error {
  constructor(readonly reason: ShedReason) {
    super(`not queued: ${reason}`);
    this.name = "ShedError";
  }
}

export interface BatchInfo {
  size: number;
  bytes: number;
  ms: number;
  ok: boolean;
}

export interface GroupCommitOptions<T, R> {
  /** Commits all items in one transaction; returns one result per item, in order. Throwing fails them all. */
  commit: (items: T[]) => Promise<R[]>;
  /** Most deliveries in one transaction. */
  maxBatch: number;
  /** A batch closes once its items reach this many bytes (big bodies do not wait for company). */
  maxBatchBytes: number;
  /** How long a batch may wait to fill after its first item when a commit slot is free. */
  lingerMs: number;
  /** Transactions in flight at once (1 on embedded PGlite, a few on PostgreSQL). */
  concurrency: number;
  /** Most deliveries waiting for a transaction; beyond it new ones are shed. */
  maxQueue: number;
  /** Most bytes waiting for a transaction. */
  maxQueueBytes: number;
  /** Shed a delivery whose predicted wait plus commit exceeds this (Terra gives up after ~8 s). */
  deadlineMs: number;
  sizeOf?: (item: T) => number;
  now?: () => number;
  onBatch?: (info: BatchInfo) => void;
}

interface Pending<T, R> {
  item: T;
  bytes: number;
  enqueuedAt: number;
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

export class GroupCommitter<T, R> {
  private readonly queue: Pending<T, R>[] = [];
  private queuedBytes = 0;
  private inFlight = 0;
  private readonly inFlightDone = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  /** Moving average of one batch's duration, for the deadline prediction. */
  private avgBatchMs = 5;
  private readonly now: () => number;
  private readonly sizeOf: (item: T) => number;

  constructor(private readonly opts: GroupCommitOptions<T, R>) {
    this.now = opts.now ?? Date.now;
    this.sizeOf = opts.sizeOf ?? (() => 0);
  }

  get depth(): number {
    return this.queue.length;
  }

  get active(): number {
    return this.inFlight;
  }

  /** Predicted time until a delivery queued now would be committed, in ms. */
  predictedWaitMs(): number {
    const batchesAhead = Math.ceil((this.queue.length + 1) / this.opts.maxBatch);
    const rounds = Math.ceil(batchesAhead / this.opts.concurrency);
    const oldest = this.queue[0];
    const behind = oldest ? this.now() - oldest.enqueuedAt : 0;
    return Math.max(rounds * this.avgBatchMs, behind + this.avgBatchMs);
  }

  submit(item: T): Promise<R> {
    if (this.closed) return Promise.reject(new ShedError("closed"));
    const bytes = this.sizeOf(item);
    if (
      this.queue.length >= this.opts.maxQueue ||
      (this.queue.length > 0 && this.queuedBytes + bytes > this.opts.maxQueueBytes)
    ) {
      return Promise.reject(new ShedError("queue_full"));
    }
    if (this.predictedWaitMs() > this.opts.deadlineMs) return Promise.reject(new ShedError("deadline"));
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, bytes, enqueuedAt: this.now(), resolve, reject });
      this.queuedBytes += bytes;
      this.schedule();
    });
  }

  /** Stop accepting, commit everything queued, and wait for every transaction in flight. */
  async drain(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.queue.length > 0 || this.inFlight > 0) {
      this.pump(true);
      await Promise.race(this.inFlightDone);
    }
  }

  private schedule(): void {
    if (this.inFlight >= this.opts.concurrency) return; // a finishing batch will pump
    if (this.opts.lingerMs <= 0 || this.batchIsFull()) {
      this.pump(false);
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.pump(true);
    }, this.opts.lingerMs);
  }

  private batchIsFull(): boolean {
    return this.queue.length >= this.opts.maxBatch || this.queuedBytes >= this.opts.maxBatchBytes;
  }

  private pump(force: boolean): void {
    while (this.queue.length > 0 && this.inFlight < this.opts.concurrency) {
      if (!force && this.opts.lingerMs > 0 && !this.batchIsFull() && this.inFlight === 0) {
        this.schedule();
        return;
      }
      this.startBatch(this.takeBatch());
    }
  }

  private takeBatch(): Pending<T, R>[] {
    const batch: Pending<T, R>[] = [];
    let bytes = 0;
    while (this.queue.length > 0 && batch.length < this.opts.maxBatch) {
      const next = this.queue[0] as Pending<T, R>;
      if (batch.length > 0 && bytes + next.bytes > this.opts.maxBatchBytes) break;
      this.queue.shift();
      this.queuedBytes -= next.bytes;
      bytes += next.bytes;
      batch.push(next);
    }
    return batch;
  }

  private startBatch(batch: Pending<T, R>[]): void {
    this.inFlight += 1;
    const started = this.now();
    const bytes = batch.reduce((n, p) => n + p.bytes, 0);
    const done = (async () => {
      let ok = false;
      try {
        const results = await this.opts.commit(batch.map((p) => p.item));
        if (results.length !== batch.length) {
          throw new Error(`commit returned ${results.length} results for ${batch.length} items`);
        }
        ok = true;
        batch.forEach((p, i) => {
          p.resolve(results[i] as R);
        });
      } catch (err) {
        for (const p of batch) p.reject(err);
      } finally {
        const ms = this.now() - started;
        this.avgBatchMs = this.avgBatchMs * 0.8 + ms * 0.2;
        this.opts.onBatch?.({ size: batch.length, bytes, ms, ok });
        this.inFlight -= 1;
      }
    })();
    this.inFlightDone.add(done);
    void done.finally(() => {
      this.inFlightDone.delete(done);
      if (this.queue.length > 0) {
        if (this.closed) this.pump(true);
        else this.schedule();
      }
    });
  }
}

/** What the route needs from a committer. */
export interface Committer<T, R> {
  submit(item: T): Promise<R>;
  drain(): Promise<void>;
  readonly depth: number;
}
