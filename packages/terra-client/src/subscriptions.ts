import type { TerraUser } from "@wearables/schemas";
import { TerraResponseError } from "./errors.ts";
import { type HttpConfig, request } from "./http.ts";
import { parseUser, type TerraResult } from "./response.ts";

export interface SubscriptionsPage {
  users: TerraUser[];
  /** Next zero-based page, or null on the last page (and for the unpaged answer). */
  next: number | null;
  /** Highest page index, when Terra sends it. */
  maxPage: number | undefined;
}

const PATH = "/subscriptions";

function asObject(v: unknown): Record<string, unknown> | undefined {
  return typeof v === "object" && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

// Terra answers `{users}` without `page` and `{data:{next,max_page,results}}` with it; a
// server that ignores `page` still answers the first shape, which is then the whole list.
export function parseSubscriptions(json: unknown, status: number): SubscriptionsPage {
  const o = asObject(json);
  const bad = () =>
    new TerraResponseError(`Terra GET ${PATH}: unexpected body shape`, { endpoint: `GET ${PATH}`, status });
  if (!o) throw bad();
  if (Array.isArray(o.users)) {
    return { users: o.users.map((u) => parseUser(u, PATH, status)), next: null, maxPage: undefined };
  }
  const data = asObject(o.data);
  if (data && Array.isArray(data.results)) {
    const next = typeof data.next === "number" ? data.next : null;
    const maxPage = typeof data.max_page === "number" ? data.max_page : undefined;
    return { users: data.results.map((u) => parseUser(u, PATH, status)), next, maxPage };
  }
  throw bad();
}

export async function subscriptions(
  cfg: HttpConfig,
  opts: { page?: number; perPage?: number },
): Promise<TerraResult<SubscriptionsPage>> {
  const { json, meta } = await request(cfg, {
    method: "GET",
    path: PATH,
    query: { page: opts.page, per_page: opts.perPage },
  });
  return { result: parseSubscriptions(json, meta.status), meta };
}

export async function* subscriptionPages(
  cfg: HttpConfig,
  opts: { perPage?: number; maxPages?: number },
): AsyncGenerator<TerraResult<SubscriptionsPage>> {
  // Bounded: a server that repeats or goes back a page, or never ends, cannot loop us forever.
  const maxPages = opts.maxPages ?? 10_000;
  let page = 0;
  for (let fetched = 0; fetched < maxPages; fetched++) {
    const res = await subscriptions(cfg, { page, perPage: opts.perPage });
    yield res;
    const next = res.result.next;
    if (next === null || next <= page) return;
    page = next;
  }
}
