import { type TerraUser, TerraUserSchema } from "@wearables/schemas";
import { TerraResponseError } from "./errors.ts";
import type { ResponseMeta } from "./http.ts";

/** Every client method resolves to the parsed `result` and the response `meta`. */
export interface TerraResult<T> {
  result: T;
  meta: ResponseMeta;
}

export function asRecord(json: unknown, endpoint: string, status: number): Record<string, unknown> {
  if (typeof json === "object" && json !== null && !Array.isArray(json))
    return json as Record<string, unknown>;
  throw new TerraResponseError(`Terra ${endpoint}: expected a JSON object`, { endpoint, status });
}

export function requireString(
  o: Record<string, unknown>,
  key: string,
  endpoint: string,
  status: number,
): string {
  const v = o[key];
  if (typeof v === "string" && v !== "") return v;
  throw new TerraResponseError(`Terra ${endpoint}: missing "${key}" in the response`, { endpoint, status });
}

export function parseUser(json: unknown, endpoint: string, status: number): TerraUser {
  const parsed = TerraUserSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new TerraResponseError(`Terra ${endpoint}: user does not match TerraUser`, {
    endpoint,
    status,
    cause: parsed.error,
  });
}
