// What every chart's data module returns. A module reads the series API its own way (raw points or
// day buckets, one request per chart); the charts only see this shape.
import type { AdminClient } from "@wearables/admin-client";
import type { DayRange } from "../range.ts";

export type RecordType = "activity" | "body" | "daily" | "sleep";

/**
 * A stored record: `GET /v1/users/{id}/{type}` on `date`, the one whose natural key is `key`
 * (every record of that type and day when the point is a day's bucket, which has no key).
 */
export interface RecordRef {
  type: RecordType;
  date: string;
  key?: string;
}

/** The records behind one point: its series may come from records of two types (resting HR, HRV). */
export type PointRef = RecordRef[];

export interface Series {
  label: string;
  /** Shown on the axis; series of one unit share an axis. */
  unit: string;
  values: (number | null)[];
}

/** Points in time order: x in seconds on the viewer's clock (see range.ts), one value per series. */
export interface ChartData {
  x: number[];
  series: Series[];
  refs: PointRef[];
  /** The API held back the latest points of a series (more than one answer holds). */
  truncated: boolean;
  /** Labels of the chart's measurements that are stored only when MEASUREMENTS names them. */
  optIn: string[];
}

export interface LoadArgs {
  client: AdminClient;
  userId: string;
  range: DayRange;
}

export interface Point {
  t: number;
  values: (number | null)[];
  ref: PointRef;
}

/** Points (any order) → ChartData, x ascending; two points at one instant are kept a second apart. */
export function toChartData(
  points: Point[],
  series: { label: string; unit: string }[],
  read: { truncated: boolean; optIn: string[] },
): ChartData {
  const sorted = [...points].sort((a, b) => a.t - b.t);
  const x: number[] = [];
  for (const p of sorted) {
    const last = x.at(-1);
    x.push(last !== undefined && p.t <= last ? last + 1 : p.t);
  }
  return {
    x,
    series: series.map((s, i) => ({ ...s, values: sorted.map((p) => p.values[i] ?? null) })),
    refs: sorted.map((p) => p.ref),
    truncated: read.truncated,
    optIn: read.optIn,
  };
}
