// What every chart's data module returns. A module reads the admin API its own way (documents and
// the day summary today, the series API later); the charts only see this shape.
import type { AdminClient } from "@wearables/admin-client";
import type { DayRange } from "../range.ts";

export type RecordType = "activity" | "body" | "daily" | "sleep";

/** The stored record behind a point: the raw Terra document is `GET /v1/users/{id}/{type}` on `date`. */
export interface PointRef {
  type: RecordType;
  date: string;
}

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
export function toChartData(points: Point[], series: { label: string; unit: string }[]): ChartData {
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
  };
}

/** A number from a document field, or null (absent, null, or not a finite number). */
export function num(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}
