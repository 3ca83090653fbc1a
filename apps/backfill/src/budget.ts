/**
 * Terra's rule R2: at most `limit` requested days per user in any rolling hour. Counting on our side
 * keeps a pass from tripping 429s it could foresee; Terra's own headers correct our view when
 * another process (a replica, the webhook's refreshes) spent part of the same budget.
 */
export interface BudgetOptions {
  limitDays: number;
  windowMs?: number;
}

interface Spend {
  at: number;
  days: number;
}

export class DayBudget {
  private readonly spends = new Map<string, Spend[]>();
  /** Terra said the bucket is empty until this time (ms epoch), whatever we counted. */
  private readonly blockedUntil = new Map<string, number>();
  private readonly windowMs: number;

  constructor(private readonly opts: BudgetOptions) {
    this.windowMs = opts.windowMs ?? 3_600_000;
  }

  private live(userId: string, now: number): Spend[] {
    const list = (this.spends.get(userId) ?? []).filter((s) => s.at > now - this.windowMs);
    this.spends.set(userId, list);
    return list;
  }

  used(userId: string, now: number): number {
    return this.live(userId, now).reduce((n, s) => n + s.days, 0);
  }

  /**
   * Reserves `days` for `userId` at `now` and returns 0, or reserves nothing and returns how many
   * milliseconds to wait before asking again.
   */
  reserve(userId: string, days: number, now: number): number {
    const blocked = this.blockedUntil.get(userId) ?? 0;
    if (blocked > now) return blocked - now;
    const list = this.live(userId, now);
    let used = list.reduce((n, s) => n + s.days, 0);
    if (used + days <= this.opts.limitDays) {
      list.push({ at: now, days });
      return 0;
    }
    // A request larger than the whole budget can never fit: let Terra judge it (R1/R2 answer 429).
    if (days > this.opts.limitDays)
      return list.length === 0 ? 0 : (list.at(-1)?.at ?? now) + this.windowMs - now;
    for (const s of list) {
      used -= s.days;
      if (used + days <= this.opts.limitDays) return s.at + this.windowMs - now;
    }
    return this.windowMs;
  }

  /** Gives back a reservation whose request was never answered with data counted by Terra. */
  refund(userId: string, days: number): void {
    const list = this.spends.get(userId);
    if (!list) return;
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i]?.days === days) {
        list.splice(i, 1);
        return;
      }
    }
  }

  /** Terra's view (rate-limit headers or a 429's Retry-After) overrides ours when it is stricter. */
  observe(userId: string, info: { remaining?: number; resetAfterSeconds?: number }, now: number): void {
    if (info.remaining !== undefined && info.remaining <= 0 && info.resetAfterSeconds !== undefined) {
      this.blockedUntil.set(userId, now + info.resetAfterSeconds * 1000);
    }
  }

  block(userId: string, untilMs: number): void {
    this.blockedUntil.set(userId, Math.max(untilMs, this.blockedUntil.get(userId) ?? 0));
  }
}
