// Reads through the admin API as an internal team would: bearer token, cursor pagination, and the
// response bodies checked against @wearables/schemas (the contract those teams import).
import {
  ApiEventPageSchema,
  ApiRecordPageSchema,
  ApiUserPageSchema,
  type DataType,
} from "@wearables/schemas";
import type { z } from "zod";

export type ApiRecord = z.infer<typeof ApiRecordPageSchema>["data"][number];
export type ApiEvent = z.infer<typeof ApiEventPageSchema>["data"][number];
export type ApiUser = z.infer<typeof ApiUserPageSchema>["data"][number];

export interface AdminClient {
  users(): Promise<ApiUser[]>;
  records(userId: string, type: DataType): Promise<ApiRecord[]>;
  events(query?: Record<string, string>): Promise<ApiEvent[]>;
}

export function adminClient(baseUrl: string, token: string): AdminClient {
  async function get<S extends z.ZodType>(path: string, schema: S): Promise<z.infer<S>> {
    const res = await fetch(`${baseUrl}${path}`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(15_000),
    });
    const body: unknown = await res.json();
    if (res.status !== 200)
      throw new Error(`admin GET ${path} answered ${res.status}: ${JSON.stringify(body)}`);
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new Error(`admin GET ${path}: body off contract: ${parsed.error.message}`);
    return parsed.data;
  }

  /** Every page of a list, bounded so a cursor that never ends fails instead of spinning. */
  async function all<T>(
    path: string,
    schema: z.ZodType<{ data: T[]; next_cursor: string | null }>,
    query: Record<string, string> = {},
  ): Promise<T[]> {
    const out: T[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 1000; page++) {
      const q = new URLSearchParams({ ...query, limit: "500", ...(cursor ? { cursor } : {}) });
      const body = await get(`${path}?${q}`, schema);
      out.push(...body.data);
      cursor = body.next_cursor;
      if (!cursor) return out;
    }
    throw new Error(`admin GET ${path}: more than 1000 pages`);
  }

  return {
    users: () => all("/v1/users", ApiUserPageSchema),
    records: (userId, type) =>
      all(`/v1/users/${encodeURIComponent(userId)}/${type}`, ApiRecordPageSchema, {
        start_date: "2000-01-01",
        end_date: "2100-01-01",
      }),
    events: (query = {}) => all("/v1/events", ApiEventPageSchema, query),
  };
}
