import { type Db, inboxBacklog } from "@wearables/storage";

/**
 * A bound on the processing backlog, for embedded PGlite: its database lives on this process's
 * event loop, so a backlog that only grows (deliveries arriving faster than they are processed)
 * would slow acknowledgements without end. Past the bound, signed deliveries are shed with 503 and
 * Terra retries them later. On PostgreSQL the default is no bound: the inbox is a durable queue
 * that replicas drain, and operators are alerted on its age.
 *
 * The count is read from the database every `refreshMs` and moved by this process's own
 * acknowledgements in between, so a check costs nothing on the request path.
 */
export class BacklogGuard {
  private rows = 0;
  private bytes = 0;
  private refreshing: Promise<void> | null = null;
  private lastRefresh = 0;

  constructor(
    private readonly opts: {
      db: Db;
      /** 0: no bound. */
      maxRows: number;
      maxBytes: number;
      refreshMs?: number;
      now?: () => number;
    },
  ) {}

  get enabled(): boolean {
    return this.opts.maxRows > 0 || this.opts.maxBytes > 0;
  }

  /** The reason to shed a delivery of `size` bytes now, or null. */
  full(size: number): string | null {
    if (!this.enabled) return null;
    this.maybeRefresh();
    if (this.opts.maxRows > 0 && this.rows >= this.opts.maxRows) return "backlog_full";
    if (this.opts.maxBytes > 0 && this.rows > 0 && this.bytes + size > this.opts.maxBytes)
      return "backlog_full";
    return null;
  }

  added(size: number): void {
    this.rows += 1;
    this.bytes += size;
  }

  /** Reads the backlog now (tests; after start). */
  async refresh(): Promise<void> {
    const b = await inboxBacklog(this.opts.db);
    this.rows = b.waiting;
    this.bytes = b.waitingBytes;
    this.lastRefresh = (this.opts.now ?? Date.now)();
  }

  private maybeRefresh(): void {
    const now = (this.opts.now ?? Date.now)();
    if (this.refreshing || now - this.lastRefresh < (this.opts.refreshMs ?? 2000)) return;
    this.lastRefresh = now;
    this.refreshing = this.refresh()
      .catch(() => {})
      .finally(() => {
        this.refreshing = null;
      });
  }
}
