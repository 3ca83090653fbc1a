import {
  type IngestConfig,
  PoolError,
  type PreparedEvent,
  type PreparePool,
  resolveS3,
} from "@wearables/ingest";
import { safeError } from "@wearables/service-kit";
import {
  claimEvents,
  type Db,
  extendEventLeases,
  type QueuedEvent,
  releaseEvents,
  retryEventsLater,
} from "@wearables/storage";
import type { Logger } from "pino";
import type { Handoff, LocalItem } from "../inbox-writer.ts";
import type { Metrics } from "../metrics.ts";
import { applyBatch, type Job, type JobResult } from "./apply-batch.ts";

export interface ProcessorSettings {
  /** Rows per processing transaction. */
  batchSize: number;
  /** Body bytes per processing transaction (a row larger than this still goes, alone). */
  batchBytes: number;
  /** How long a claim holds a row; leases of rows in work are extended before they pass. */
  leaseMs: number;
  /** How often an idle processor looks for rows in the database (others' overflow, a crash's). */
  pollMs: number;
  /** Acknowledged bodies held in memory for processing, by count and bytes. */
  localMaxCount: number;
  localMaxBytes: number;
  /** A row claimed this many times after its holder vanished is failed (replayable). */
  maxLostLeases: number;
  /** A row whose parsing killed a worker thread is tried this many times, then failed. */
  maxWorkerFailures: number;
  /** Backoff of database retries: base and cap. */
  retryBaseMs: number;
  retryMaxMs: number;
  /**
   * Transactions a batch is applied in at once, its rows split by user (a user's rows always in
   * one lane). A batch holding a user_reauth is applied in one transaction: the swap touches two
   * ids, and data for the old id must see it. 1 on PGlite (one connection).
   */
  applyLanes: number;
}

export const DEFAULT_PROCESSOR: ProcessorSettings = {
  batchSize: 128,
  batchBytes: 16 * 2 ** 20,
  leaseMs: 120_000,
  pollMs: 1000,
  localMaxCount: 4096,
  localMaxBytes: 256 * 2 ** 20,
  maxLostLeases: 5,
  maxWorkerFailures: 3,
  retryBaseMs: 1000,
  retryMaxMs: 300_000,
  applyLanes: 1,
};

function laneOf(userId: string | null, lanes: number): number {
  if (lanes <= 1 || !userId) return 0;
  let h = 2166136261;
  for (let i = 0; i < userId.length; i++) h = Math.imul(h ^ userId.charCodeAt(i), 16777619);
  return (h >>> 0) % lanes;
}

export interface ProcessorDeps {
  db: Db;
  ingest: IngestConfig;
  pool: PreparePool;
  logger: Logger;
  metrics?: Metrics;
  /** Unique per process: rows are leased to it. */
  owner: string;
  settings?: Partial<ProcessorSettings>;
  now?: () => number;
}

/** A row to work on: from this process's own acknowledgements (in memory) or claimed. */
interface Work extends Omit<QueuedEvent, "bodyBytes" | "traceId"> {
  bytes: number;
  /** The body came from this process's acknowledgement (memory reserved for it). */
  local: boolean;
}

function fromLocal(i: LocalItem): Work {
  return {
    id: i.id,
    deliveryKey: i.deliveryKey,
    rawBody: i.rawBody,
    reference: i.reference,
    orderingTs: i.orderingTs,
    receivedAt: i.receivedAt,
    source: "webhook",
    attempts: 0,
    lostLeases: 0,
    bytes: i.rawBody.byteLength,
    local: true,
  };
}

function fromQueue(q: QueuedEvent): Work {
  return { ...q, rawBody: q.rawBody, bytes: q.bodyBytes, local: false };
}

/**
 * Processing behind the inbox (ADR 0503). Rows come from this process's acknowledgements, already
 * leased to it with their bytes in memory (no re-read), or from the database queue when it has
 * room (rows others could not hold, rows of a crashed processor once their lease has passed).
 * CPU work runs in the prepare pool's worker threads while the previous batch is applied, so the
 * event loop that acknowledges deliveries only builds statements.
 */
export class Processor implements Handoff {
  readonly owner: string;
  readonly leaseMs: number;
  private readonly s: ProcessorSettings;
  private readonly local: Work[] = [];
  private reservedBytes = 0;
  private reservedCount = 0;
  /** Rows this process holds: in memory, being prepared or applied. */
  private readonly held = new Map<number, Work>();
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private leaseTimer: NodeJS.Timeout | null = null;
  private readonly log: Logger;
  private idleWaiters: (() => void)[] = [];
  /** The last look at the database queue found nothing due (and nothing arrived since). */
  private queueLooksEmpty = false;

  constructor(private readonly deps: ProcessorDeps) {
    this.owner = deps.owner;
    this.s = { ...DEFAULT_PROCESSOR, ...deps.settings };
    this.leaseMs = this.s.leaseMs;
    this.log = deps.logger.child({ module: "processor" });
  }

  get localDepth(): number {
    return this.local.length;
  }

  reserve(bytes: number): boolean {
    if (!this.running) return false;
    if (this.reservedCount + 1 > this.s.localMaxCount) return false;
    if (this.reservedCount > 0 && this.reservedBytes + bytes > this.s.localMaxBytes) return false;
    this.reservedCount += 1;
    this.reservedBytes += bytes;
    return true;
  }

  unreserve(bytes: number): void {
    this.reservedCount = Math.max(0, this.reservedCount - 1);
    this.reservedBytes = Math.max(0, this.reservedBytes - bytes);
  }

  accept(item: LocalItem): void {
    this.queueLooksEmpty = false;
    const w = fromLocal(item);
    this.local.push(w);
    this.held.set(w.id, w);
    this.wake?.();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run().catch((err) => {
      this.log.error({ err: safeError(err) }, "processor loop stopped");
    });
    this.leaseTimer = setInterval(() => void this.extendLeases(), Math.max(1000, this.s.leaseMs / 3));
    this.leaseTimer.unref();
  }

  /** Finishes the batch in hand, then lets go of every row still held (others take them at once). */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake?.();
    if (this.leaseTimer) clearInterval(this.leaseTimer);
    await this.loop;
    const ids = [...this.held.keys()];
    if (ids.length > 0) {
      await releaseEvents(this.deps.db, { ids, owner: this.owner }).catch(() => 0);
      this.log.info({ rows: ids.length }, "released rows still held at shutdown");
    }
    this.held.clear();
    this.local.length = 0;
  }

  /**
   * Resolves once nothing is held and a fresh look at the database queue found nothing due: every
   * row acknowledged before the call that is due is processed (tests; a drain).
   */
  whenIdle(): Promise<void> {
    this.queueLooksEmpty = false;
    const p = new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    this.wake?.();
    return p;
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  private async run(): Promise<void> {
    let current = await this.nextBatch();
    let prepared = current.length > 0 ? this.prepareAll(current) : null;
    while (this.running || current.length > 0) {
      if (current.length === 0) {
        this.notifyIdle();
        if (!this.running) break;
        await this.sleep(this.s.pollMs);
        current = await this.nextBatch();
        prepared = current.length > 0 ? this.prepareAll(current) : null;
        continue;
      }
      const jobs = await (prepared as Promise<(Job | null)[]>);
      // The next batch is prepared (in the workers) while this one is applied.
      const next = this.running ? await this.nextBatch() : [];
      const nextPrepared = next.length > 0 ? this.prepareAll(next) : null;
      await this.apply(current, jobs);
      current = next;
      prepared = nextPrepared;
    }
    this.notifyIdle();
  }

  private notifyIdle(): void {
    if (this.held.size > 0 || !this.queueLooksEmpty) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }

  /** Up to a batch: first what this process acknowledged, else what the database queue holds. */
  private async nextBatch(): Promise<Work[]> {
    const out: Work[] = [];
    let bytes = 0;
    while (this.local.length > 0 && out.length < this.s.batchSize) {
      const w = this.local[0] as Work;
      if (out.length > 0 && bytes + w.bytes > this.s.batchBytes) break;
      this.local.shift();
      out.push(w);
      bytes += w.bytes;
    }
    if (out.length > 0 || !this.running) return out;
    // Claim only what the memory budget can hold (the claim returns bodies).
    const room = this.s.localMaxBytes - this.reservedBytes;
    if (room <= 0) {
      this.queueLooksEmpty = false;
      return out;
    }
    try {
      const claimed = await claimEvents(this.deps.db, {
        owner: this.owner,
        limit: this.s.batchSize,
        maxBytes: Math.min(this.s.batchBytes, room),
        leaseMs: this.s.leaseMs,
        now: new Date(this.now()),
      });
      this.queueLooksEmpty = claimed.length === 0;
      for (const q of claimed) {
        const w = fromQueue(q);
        this.held.set(w.id, w);
        out.push(w);
      }
    } catch (err) {
      this.log.warn({ err: safeError(err) }, "claiming from the inbox failed; retrying");
    }
    return out;
  }

  private prepareAll(batch: Work[]): Promise<(Job | null)[]> {
    return Promise.all(batch.map((w) => this.prepareOne(w)));
  }

  /** A Job, or null when the row cannot be prepared now (then it is already put back or failed). */
  private async prepareOne(w: Work): Promise<Job | null> {
    const job = (prepared: PreparedEvent): Job => ({
      id: w.id,
      deliveryKey: w.deliveryKey,
      reference: w.reference,
      orderingTs: w.orderingTs,
      receivedAt: w.receivedAt,
      source: w.source,
      prepared,
    });
    if (w.lostLeases >= this.s.maxLostLeases) {
      return job({
        kind: "invalid",
        type: null,
        userId: null,
        error: `processing stopped ${w.lostLeases} times while holding this delivery (the processor was killed or hung); replay it once the cause is fixed`,
      });
    }
    if (!w.rawBody) {
      return job({
        kind: "invalid",
        type: null,
        userId: null,
        error: "its raw body was purged before processing",
      });
    }
    try {
      const body = w.rawBody;
      // A local body is ours alone now: it moves to the worker without a copy.
      const first = await this.deps.pool.prepare(body, { transfer: w.local });
      if (w.local) w.rawBody = null;
      const prepared = await resolveS3(first, this.deps.ingest, (inner) => this.deps.pool.prepare(inner));
      return job(prepared);
    } catch (err) {
      if (!(err instanceof PoolError)) throw err;
      const failures = w.attempts + 1;
      if (failures >= this.s.maxWorkerFailures) {
        return job({
          kind: "invalid",
          type: null,
          userId: null,
          error: `preparing the body failed ${failures} times: ${err.message}`,
        });
      }
      await this.retryLater([w], `preparing the body failed: ${err.message}`, failures);
      this.deps.metrics?.retries.inc({ reason: "worker" });
      return null;
    }
  }

  private async apply(batch: Work[], jobs: (Job | null)[]): Promise<void> {
    const ready = jobs.filter((j): j is Job => j !== null);
    const started = performance.now();
    let results: JobResult[] = [];
    if (ready.length > 0) {
      // A reauth moves the old id's rows: data for that id applied beside it, in another lane that
      // looked up redirects before the swap committed, would be written under the old id.
      const reauth = ready.some((j) => j.prepared.kind === "event" && j.prepared.type === "user_reauth");
      const lanes = reauth ? 1 : Math.max(1, this.s.applyLanes);
      const byLane = Array.from({ length: lanes }, () => [] as Job[]);
      for (const j of ready) byLane[laneOf(j.prepared.userId, lanes)]?.push(j);
      const settled = await Promise.all(
        byLane
          .filter((l) => l.length > 0)
          .map((l) => applyBatch(this.deps.db, this.owner, l, this.deps.ingest)),
      );
      results = settled.flat();
    }
    const seconds = (performance.now() - started) / 1000;
    const retry = results.filter((r) => r.retry);
    this.deps.metrics?.batchDuration.observe({ result: retry.length > 0 ? "retry" : "ok" }, seconds);
    const byId = new Map(batch.map((w) => [w.id, w]));
    if (retry.length > 0) {
      const works = retry.map((r) => byId.get(r.id) as Work);
      await this.retryLater(
        works,
        `retrying: ${retry[0]?.retry}`,
        Math.max(...works.map((w) => w.attempts)) + 1,
      );
      this.deps.metrics?.retries.inc({ reason: "database" }, retry.length);
    }
    const now = this.now();
    for (const r of results) {
      const w = byId.get(r.id);
      if (!r.outcome || !w) continue;
      this.deps.metrics?.processed.inc({ type: r.outcome.type ?? "unknown", status: r.outcome.status });
      this.deps.metrics?.lag.observe(Math.max(0, (now - w.receivedAt.getTime()) / 1000));
      for (const warning of r.outcome.warnings ?? []) this.deps.metrics?.warnings.inc({ code: warning.code });
    }
    // Rows handed back for a retry leave through retryLater (which keeps holding them while the
    // database cannot even take the retry); prepared-away rows (null jobs) left already.
    const retried = new Set(retry.map((r) => r.id));
    batch.forEach((w, i) => {
      if (!retried.has(w.id) && jobs[i] !== null) this.forget(w);
    });
    if (ready.length > 0) {
      // Only the rows this commit applied: a row put back for a retry, or taken over by another
      // processor, is not processed here (its ids would otherwise show up in two batches).
      const applied = results.filter((r) => r.outcome !== null).map((r) => r.id);
      this.log.debug(
        {
          rows: applied.length,
          retried: retry.length,
          ms: Math.round(seconds * 1000),
          ids: applied,
        },
        "processed batch",
      );
    }
  }

  /** A row leaves this process's hands (done, or put back for later). */
  private forget(w: Work): void {
    if (!this.held.delete(w.id)) return;
    if (w.local) this.unreserve(w.bytes);
    w.rawBody = null;
  }

  private async retryLater(works: Work[], error: string, attempt: number, writeTry = 0): Promise<void> {
    const delay = Math.min(
      this.s.retryMaxMs,
      this.s.retryBaseMs * 2 ** Math.min(20, Math.max(0, attempt - 1)),
    );
    const jitter = delay * (0.5 + Math.random() / 2);
    try {
      await retryEventsLater(this.deps.db, {
        ids: works.map((w) => w.id),
        owner: this.owner,
        retryAt: new Date(this.now() + jitter),
        error,
      });
    } catch {
      // The database is gone: keep holding the rows (their leases would otherwise keep them from
      // every processor until they pass) and write the retry again, backing off, until it lands.
      if (!this.running) return;
      const wait = Math.min(this.s.retryMaxMs, this.s.retryBaseMs * 2 ** Math.min(10, writeTry));
      setTimeout(() => void this.retryLater(works, error, attempt, writeTry + 1), wait).unref();
      return;
    }
    for (const w of works) this.forget(w);
  }

  private async extendLeases(): Promise<void> {
    const ids = [...this.held.keys()];
    if (ids.length === 0) return;
    try {
      await extendEventLeases(this.deps.db, {
        ids,
        owner: this.owner,
        leaseMs: this.s.leaseMs,
        now: new Date(this.now()),
      });
    } catch (err) {
      this.log.warn({ err: safeError(err) }, "extending leases failed");
    }
  }
}
