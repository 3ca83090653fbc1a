/**
 * Admission control in front of the webhook route. The group committer sheds on its own queue, but
 * when the process itself is the bottleneck (embedded PGlite runs on this thread; parsing and
 * validation are CPU) deliveries wait *before* the queue, reading bodies and queueing for the CPU,
 * where the queue cannot see them. So the route also bounds the deliveries in progress:
 *
 * - by Little's law: at most (deliveries completed per second) × `maxAgeMs`/1000 in progress, never
 *   fewer than `minInFlight`, so what is admitted can be answered within about `maxAgeMs`;
 * - and not while several (`behindCount`, so that one slow upload or s3 download does not count)
 *   have already been in progress for longer than `maxAgeMs`.
 *
 * A refused delivery is answered 503 at once, before its body is read; Terra retries it.
 */
export class Admission {
  private readonly started = new Map<number, number>();
  private next = 0;
  private windowStart: number;
  private completedInWindow = 0;
  /** Completed deliveries per second, smoothed; null until measured. */
  private rate: number | null = null;

  constructor(
    private readonly opts: {
      maxAgeMs: number;
      maxInFlight: number;
      minInFlight?: number;
      behindCount?: number;
      now?: () => number;
    },
  ) {
    this.windowStart = this.now();
  }

  private now(): number {
    return (this.opts.now ?? (() => performance.now()))();
  }

  get inFlight(): number {
    return this.started.size;
  }

  /** The current bound on deliveries in progress. */
  limit(): number {
    const min = this.opts.minInFlight ?? 64;
    const fromRate = this.rate === null ? Number.POSITIVE_INFINITY : (this.rate * this.opts.maxAgeMs) / 1000;
    return Math.min(this.opts.maxInFlight, Math.max(min, Math.floor(fromRate)));
  }

  /** How many deliveries in progress are older than maxAgeMs (counted from the oldest, stops early). */
  behind(): number {
    const t = this.now();
    const cap = this.opts.behindCount ?? 4;
    let n = 0;
    for (const at of this.started.values()) {
      if (t - at <= this.opts.maxAgeMs || n >= cap) break;
      n++;
    }
    return n;
  }

  private roll(): void {
    const t = this.now();
    const elapsed = t - this.windowStart;
    if (elapsed < 1000) return;
    const measured = (this.completedInWindow * 1000) / elapsed;
    // Only a window with work in progress says something about capacity.
    if (this.completedInWindow > 0 || this.started.size > 0) {
      this.rate = this.rate === null ? measured : this.rate * 0.6 + measured * 0.4;
    }
    this.windowStart = t;
    this.completedInWindow = 0;
  }

  /** A ticket to release when answered, or the reason to refuse. */
  admit(): { ok: true; release: () => void } | { ok: false; reason: "behind" | "too_many" } {
    this.roll();
    if (this.started.size >= this.limit()) return { ok: false, reason: "too_many" };
    if (this.behind() >= (this.opts.behindCount ?? 4)) return { ok: false, reason: "behind" };
    const id = this.next++;
    this.started.set(id, this.now());
    return {
      ok: true,
      release: () => {
        if (this.started.delete(id)) this.completedInWindow += 1;
      },
    };
  }
}
