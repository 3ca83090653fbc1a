import { type DataResponse, type DataType, parseDataResponse } from "@wearables/schemas";
import { toDayNumber } from "./dates.ts";
import { TerraResponseError } from "./errors.ts";
import { type HttpConfig, request } from "./http.ts";
import type { TerraResult } from "./response.ts";

export type DataTypeName = DataType;

/** `YYYY-MM-DD`, or unix seconds (Terra accepts both). */
export type TerraDate = string | number;

export interface DatedQuery {
  userId: string;
  startDate: TerraDate;
  endDate?: TerraDate;
  /**
   * Required on purpose: Terra's default is `true` (data goes to the webhook, the answer is a
   * reference), which surprises callers expecting data inline. The client always sends it.
   */
  toWebhook: boolean;
  /** Include `*_samples` arrays. Sent explicitly; default false. */
  withSamples?: boolean;
}

/** `/athlete` takes no dates and no samples. */
export interface AthleteQuery {
  userId: string;
  toWebhook: boolean;
}

export type DataQuery<T extends DataType> = T extends "athlete" ? AthleteQuery : DatedQuery;
/** The union from `@wearables/schemas`: data / sent_to_webhook / processing / no_data. */
export type DataResult<T extends DataType = DataType> = DataResponse<T>;

function checkDate(name: string, value: TerraDate): number | undefined {
  if (typeof value === "number") {
    if (!Number.isInteger(value) || value < 0)
      throw new RangeError(`${name} must be unix seconds, got ${value}`);
    return undefined;
  }
  return toDayNumber(value); // throws RangeError on anything but a real YYYY-MM-DD
}

function queryFor(type: DataType, q: DatedQuery | AthleteQuery) {
  if (!q.userId) throw new TypeError("getData: userId is required");
  if (typeof q.toWebhook !== "boolean") throw new TypeError("getData: toWebhook must be given explicitly");
  if (type === "athlete") return { user_id: q.userId, to_webhook: q.toWebhook };
  const d = q as DatedQuery;
  const start = checkDate("startDate", d.startDate);
  const end = d.endDate === undefined ? undefined : checkDate("endDate", d.endDate);
  if (start !== undefined && end !== undefined && end < start) {
    throw new RangeError(`getData: endDate ${d.endDate} is before startDate ${d.startDate}`);
  }
  return {
    user_id: q.userId,
    start_date: d.startDate,
    end_date: d.endDate,
    to_webhook: q.toWebhook,
    with_samples: d.withSamples ?? false,
  };
}

/** GET /<type>; the body is parsed by `@wearables/schemas` into data / sent_to_webhook / processing / no_data. */
export async function getData<T extends DataType>(
  cfg: HttpConfig,
  type: T,
  query: DataQuery<T>,
): Promise<TerraResult<DataResult<T>>> {
  const path = `/${type}`;
  const { json, meta } = await request(cfg, { method: "GET", path, query: queryFor(type, query) });
  const parsed = parseDataResponse(type, json);
  if (!parsed.success) {
    // Not retried: the same request would get the same body. The zod error names paths, not values.
    throw new TerraResponseError(`Terra GET ${path}: response does not match the ${type} schema`, {
      endpoint: `GET ${path}`,
      status: meta.status,
      cause: parsed.error,
    });
  }
  const result = parsed.data;
  return { result, meta };
}
