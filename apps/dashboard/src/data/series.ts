// The series API as the charts read it: one request per chart with every measurement of the chart
// in it, and the catalog (GET /v1/measurements, read once per session) for each measurement's model
// (where its record is) and whether it is stored by default.
import { type AdminClient, type paths, type Schemas, unwrap } from "@wearables/admin-client";
import { wallClock } from "../range.ts";
import type { LoadArgs, RecordRef, RecordType } from "./types.ts";

export type MeasurementName =
  paths["/v1/users/{id}/series"]["get"]["parameters"]["query"]["measurement"][number];
type Series = Schemas["Series"];
type Measurement = Schemas["Measurement"];

/** The series route's bounds: raw points per measurement, and per answer (limit × measurements). */
const MAX_LIMIT = 50_000;
const MAX_RAW_POINTS = 100_000;

const catalogs = new WeakMap<AdminClient, Promise<Map<string, Measurement>>>();

export function catalog(client: AdminClient): Promise<Map<string, Measurement>> {
  let hit = catalogs.get(client);
  if (!hit) {
    hit = unwrap(client.GET("/v1/measurements")).then((c) => new Map(c.data.map((m) => [m.name, m])));
    catalogs.set(client, hit);
    // A failure is not remembered: the next chart asks again.
    hit.catch(() => catalogs.delete(client));
  }
  return hit;
}

export interface SeriesRead {
  /** One per measurement asked, in that order. */
  series: Series[];
  /** The Terra model (record type) of each. */
  models: RecordType[];
  truncated: boolean;
  /** Labels of the measurements asked that are not stored unless MEASUREMENTS names them. */
  optIn: string[];
}

/** Raw points or day buckets of the measurements over the range, in one request. */
export async function readSeries(
  args: LoadArgs,
  names: readonly MeasurementName[],
  bucket: "raw" | "day",
): Promise<SeriesRead> {
  const limit = Math.min(MAX_LIMIT, Math.floor(MAX_RAW_POINTS / names.length));
  const [answer, known] = await Promise.all([
    unwrap(
      args.client.GET("/v1/users/{id}/series", {
        params: {
          path: { id: args.userId },
          query: {
            measurement: [...names],
            start: args.range.start,
            end: args.range.end,
            bucket,
            ...(bucket === "raw" ? { limit } : {}),
          },
        },
      }),
    ),
    catalog(args.client),
  ]);
  const defs = names.map((n) => {
    const d = known.get(n);
    if (!d) throw new Error(`the admin API's catalog has no measurement ${n}`);
    return d;
  });
  return {
    series: answer.series,
    models: defs.map((d) => d.model),
    truncated: answer.series.some((s) => s.truncated),
    optIn: defs.filter((d) => !d.default).map((d) => d.label),
  };
}

/** Points of several measurements taken together: one record, one time (as written). */
export interface Reading {
  /** The time as Terra wrote it. */
  at: string;
  /** On the viewer's clock, as range.ts places it. */
  t: number;
  key: string;
  values: (number | null)[];
}

/**
 * Raw points joined into readings: points that share a record and a time are one reading (a
 * weigh-in's weight, fat and muscle; a cuff's two pressures). A (record, time) repeated within a
 * series pairs with the same repeat in the others.
 */
export function readings(series: readonly (Series | undefined)[]): Reading[] {
  const byId = new Map<string, Reading>();
  series.forEach((s, i) => {
    const p = s?.points;
    if (!p) return;
    const repeats = new Map<string, number>();
    p.t.forEach((at, j) => {
      const key = p.key[j]!;
      const same = `${key}\u0000${at}`;
      const n = repeats.get(same) ?? 0;
      repeats.set(same, n + 1);
      const id = `${same}\u0000${n}`;
      let r = byId.get(id);
      if (!r) {
        const t = wallClock(at);
        if (t === null) return;
        r = { at, t, key, values: series.map(() => null) };
        byId.set(id, r);
      }
      r.values[i] = p.v[j] ?? null;
    });
  });
  return [...byId.values()];
}

/** Day buckets by day: each series' `value` that day, null where it has none. */
export function dayValues(series: readonly (Series | undefined)[]): Map<string, (number | null)[]> {
  const days = new Map<string, (number | null)[]>();
  series.forEach((s, i) => {
    const b = s?.buckets;
    b?.start.forEach((day, j) => {
      const values = days.get(day) ?? series.map(() => null);
      values[i] = b.value[j] ?? null;
      days.set(day, values);
    });
  });
  return days;
}

/**
 * The record behind a raw point. Body and daily records are keyed by their day; sleep and activity
 * by summary id, on the day of their start time, which is the point's time for their measurements.
 */
export function recordOf(type: RecordType, r: Pick<Reading, "at" | "key">): RecordRef {
  return { type, key: r.key, date: type === "body" || type === "daily" ? r.key : r.at.slice(0, 10) };
}
