// Sleep stages per night, in hours: deep, light, REM and awake from each night's Sleep documents
// (naps left out; two sessions dated the same evening add up). A night is dated by the day it began.
// Later: GET /v1/users/{id}/series?measurement=sleep_deep&…&bucket=day.
import { dayStart } from "../range.ts";
import { loadRecords } from "./records.ts";
import { type ChartData, type LoadArgs, num, type Point, toChartData } from "./types.ts";

export const SLEEP_SERIES = [
  { label: "Deep", unit: "h" },
  { label: "Light", unit: "h" },
  { label: "REM", unit: "h" },
  { label: "Awake", unit: "h" },
];

const hours = (s: number | null) => (s === null ? null : Math.round((s / 3600) * 100) / 100);
const add = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : a + b);

export async function loadSleepStages(args: LoadArgs): Promise<ChartData> {
  const nights = new Map<string, (number | null)[]>();
  for (const r of await loadRecords(args, "sleep")) {
    if (!r.date || r.document.metadata.is_nap === true) continue;
    const d = r.document.sleep_durations_data;
    const secs = [
      num(d?.asleep?.duration_deep_sleep_state_seconds),
      num(d?.asleep?.duration_light_sleep_state_seconds),
      num(d?.asleep?.duration_REM_sleep_state_seconds),
      num(d?.awake?.duration_awake_state_seconds),
    ];
    if (secs.every((v) => v === null)) continue;
    const before = nights.get(r.date) ?? [null, null, null, null];
    nights.set(
      r.date,
      before.map((v, i) => add(v, secs[i] ?? null)),
    );
  }
  const points: Point[] = [...nights].map(([date, secs]) => ({
    t: dayStart(date),
    values: secs.map(hours),
    ref: { type: "sleep", date },
  }));
  return toChartData(points, SLEEP_SERIES);
}
