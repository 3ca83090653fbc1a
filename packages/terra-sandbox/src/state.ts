import type { SandboxDataType } from "./generator/index.ts";
import { makePerson, makeUser, type Person, type SandboxUser } from "./users.ts";

export type DataEndpoint = SandboxDataType | "athlete";

/** One call to a data endpoint, as the sandbox saw it (for "each window fetched once" assertions). */
export interface DataRequest {
  at: number;
  userId: string;
  type: DataEndpoint;
  /** Resolved local dates (inclusive); null for athlete. */
  start: string | null;
  end: string | null;
  toWebhook: boolean;
  withSamples: boolean;
  /** HTTP status answered. */
  status: number;
  /** Days charged to the r2 budget (0 when rejected). */
  days: number;
  reference: string | null;
}

export const R1_MAX_DAYS = 1825;
export const R2_DAYS_PER_HOUR = 6000;
const HOUR_MS = 3600_000;

export interface SandboxState {
  readonly seed: string;
  /** Current connections by user id. */
  readonly users: Map<string, SandboxUser>;
  /** Every data request, in order. */
  readonly requests: DataRequest[];
  /** Users whose data requests answer `processing` (value: retry_after_seconds, remaining count). */
  readonly processing: Map<string, { retryAfterSeconds: number; remaining: number }>;
  addSeededUser(index: number): SandboxUser;
  /** The next unused person index (seeded users take 0..N-1; new connections follow). */
  allocateIndex(): number;
  getUser(userId: string): SandboxUser | undefined;
  usersByReference(referenceId: string): SandboxUser[];
  /** How many data requests matched (every given field must be equal); counts successful ones by default. */
  requestCount(
    filter: Partial<Pick<DataRequest, "userId" | "type" | "start" | "end" | "toWebhook" | "status">>,
  ): number;
  /** r2: days used in the rolling hour ending at `now`, and seconds until the oldest charge expires. */
  r2Usage(userId: string, now: number): { used: number; resetAfterSeconds: number };
  /** Seconds until `days` more would fit (0 if they fit now). */
  r2RetryAfter(userId: string, days: number, now: number): number;
  charge(userId: string, days: number, now: number): void;
  /** Next generation of a person's connection id (for user_reauth). */
  nextGeneration(person: Person): number;
}

export function createState(seed: string): SandboxState {
  const users = new Map<string, SandboxUser>();
  const requests: DataRequest[] = [];
  const charges = new Map<string, { at: number; days: number }[]>();
  const generations = new Map<string, number>();
  let nextIndex = 0;

  const live = (userId: string, now: number) => {
    const list = (charges.get(userId) ?? []).filter((c) => c.at > now - HOUR_MS);
    charges.set(userId, list);
    return list;
  };

  return {
    seed,
    users,
    requests,
    processing: new Map(),
    addSeededUser(index) {
      nextIndex = Math.max(nextIndex, index + 1);
      const u = makeUser(seed, makePerson(seed, index));
      users.set(u.user_id, u);
      return u;
    },
    allocateIndex: () => nextIndex++,
    getUser: (id) => users.get(id),
    usersByReference: (ref) => [...users.values()].filter((u) => u.reference_id === ref),
    requestCount(filter) {
      const f: Record<string, unknown> = { status: 200, ...filter };
      return requests.filter((r) =>
        Object.entries(f).every(
          ([k, v]) => v === undefined || (r as unknown as Record<string, unknown>)[k] === v,
        ),
      ).length;
    },
    r2Usage(userId, now) {
      const list = live(userId, now);
      const used = list.reduce((a, c) => a + c.days, 0);
      const oldest = list[0];
      return { used, resetAfterSeconds: oldest ? Math.ceil((oldest.at + HOUR_MS - now) / 1000) : 0 };
    },
    r2RetryAfter(userId, days, now) {
      const list = live(userId, now);
      let used = list.reduce((a, c) => a + c.days, 0);
      for (const c of list) {
        if (used + days <= R2_DAYS_PER_HOUR) break;
        used -= c.days;
        if (used + days <= R2_DAYS_PER_HOUR) return Math.max(1, Math.ceil((c.at + HOUR_MS - now) / 1000));
      }
      return used + days <= R2_DAYS_PER_HOUR ? 0 : Math.ceil(HOUR_MS / 1000);
    },
    charge(userId, days, now) {
      live(userId, now).push({ at: now, days });
    },
    nextGeneration(person) {
      const g = (generations.get(person.key) ?? 0) + 1;
      generations.set(person.key, g);
      return g;
    },
  };
}
