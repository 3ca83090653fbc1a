// One uPlot chart of a ChartData. uPlot draws on canvas and is made for time series (tens of
// thousands of points in a few milliseconds, ~50 KB); the values table beside it gives keyboard and
// screen-reader access to every point and to the Terra document behind it.
import "uplot/dist/uPlot.min.css";
import { useEffect, useRef, useState } from "preact/hooks";
import uPlot from "uplot";
import { DocumentButton, HiddenHeader } from "../components/fields.tsx";
import type { ChartData, PointRef } from "../data/types.ts";
import { fmtNumber } from "../format.ts";

export type ChartKind = "line" | "bars" | "stacked";

export const COLORS = ["#1f6fb2", "#c2410c", "#15803d", "#7e22ce"];
const HEIGHT = 220;

/** What the browser tests read off a chart's element: the instance and the data it was given. */
export interface ChartElement extends HTMLDivElement {
  uplot?: uPlot;
  chartData?: ChartData;
}

/** uPlot's columns; a stacked chart draws running totals, the topmost (total) first. */
export function toAligned(data: ChartData, kind: ChartKind): uPlot.AlignedData {
  if (kind !== "stacked") return [data.x, ...data.series.map((s) => s.values)];
  const totals = data.series.map((_, i) =>
    data.x.map((_x, j) => {
      let sum: number | null = null;
      for (let k = 0; k <= i; k++) {
        const v = data.series[k]!.values[j] ?? null;
        if (v !== null) sum = (sum ?? 0) + v;
      }
      return sum;
    }),
  );
  return [data.x, ...totals.reverse()];
}

function options(data: ChartData, kind: ChartKind, width: number): uPlot.Options {
  const units = [...new Set(data.series.map((s) => s.unit))];
  const ordered = kind === "stacked" ? [...data.series].reverse() : data.series;
  const n = data.series.length;
  return {
    width,
    height: HEIGHT,
    cursor: { points: { size: 8 }, drag: { x: true, y: false } },
    legend: { live: true },
    scales: { x: { time: true } },
    axes: [
      {},
      ...units.map((unit, i) => ({
        scale: unit,
        side: i === 0 ? 3 : 1,
        label: unit,
        grid: { show: i === 0 },
        size: 56,
      })),
    ],
    series: [
      {},
      ...ordered.map((s, i) => {
        const color = COLORS[(kind === "stacked" ? n - 1 - i : i) % COLORS.length]!;
        const raw = kind === "stacked" ? data.series[n - 1 - i]!.values : s.values;
        return {
          label: `${s.label} (${s.unit})`,
          scale: s.unit,
          stroke: color,
          width: kind === "line" ? 1.5 : 0,
          fill: kind === "line" ? undefined : color,
          spanGaps: kind === "line",
          points: { show: kind === "line", size: 5, fill: color },
          // The legend shows each stage's own value, not the running total it is drawn at.
          value: (_u: uPlot, _v: number | null, _si: number, idx: number | null) =>
            idx === null ? "–" : fmtNumber(raw[idx] ?? null, 2),
          ...(kind === "line" ? {} : { paths: uPlot.paths.bars!({ size: [0.7, 48], align: 0 }) }),
        } satisfies uPlot.Series;
      }),
    ],
  };
}

export function TimeChart(props: {
  id: string;
  title: string;
  data: ChartData;
  kind: ChartKind;
  onPick(ref: PointRef): void;
}) {
  const ref = useRef<ChartElement>(null);
  const [spoken, setSpoken] = useState("");
  const { data, kind, onPick } = props;
  useEffect(() => {
    const el = ref.current!;
    const u = new uPlot(options(data, kind, el.clientWidth || 600), toAligned(data, kind), el);
    el.uplot = u;
    el.chartData = data;
    const pick = () => {
      const i = u.cursor.idx;
      if (i !== null && i !== undefined && data.refs[i]) onPick(data.refs[i]);
    };
    u.over.addEventListener("click", pick);
    // Keyboard: arrows, Home and End move the cursor from point to point (its values are read out),
    // Enter opens the point's document.
    let at = -1;
    const onKey = (e: KeyboardEvent) => {
      const n = data.x.length;
      if (n === 0) return;
      const next: Record<string, number> = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: n - 1 };
      if (e.key === "Enter" && at >= 0) onPick(data.refs[at]!);
      else if (e.key in next) {
        at = Math.min(n - 1, Math.max(0, next[e.key]!));
        u.setCursor({ left: u.valToPos(data.x[at]!, "x"), top: u.over.clientHeight / 2 });
        setSpoken(pointText(data, at));
      } else return;
      e.preventDefault();
    };
    el.addEventListener("keydown", onKey);
    const ro = new ResizeObserver(() => {
      if (el.clientWidth > 0 && el.clientWidth !== u.width)
        u.setSize({ width: el.clientWidth, height: HEIGHT });
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      el.removeEventListener("keydown", onKey);
      u.destroy();
    };
  }, [data, kind, onPick]);
  const points = data.x.length;
  return (
    <figure class="chart-card" aria-labelledby={`${props.id}-title`}>
      <figcaption id={`${props.id}-title`}>
        {props.title}{" "}
        <span class="muted">({points === 0 ? "no data in this range" : `${points} points`})</span>
      </figcaption>
      {data.truncated && (
        <p class="notice">More points than one answer holds: the latest are left out. Narrow the range.</p>
      )}
      {points === 0 && data.optIn.length > 0 && (
        <p class="muted" data-opt-in={props.id}>
          {optInNote(data.optIn)}
        </p>
      )}
      <div
        ref={ref}
        class="chart"
        data-chart={props.id}
        role="img"
        tabIndex={points > 0 ? 0 : -1}
        aria-label={describe(props.title, data)}
        aria-describedby={`${props.id}-point`}
      />
      <p id={`${props.id}-point`} class="sr-only" aria-live="polite">
        {spoken}
      </p>
      {points > 0 && <ValuesTable data={data} onPick={onPick} />}
    </figure>
  );
}

/** Why an empty chart of opt-in measurements may stay empty. */
function optInNote(labels: string[]): string {
  const one = labels.length === 1;
  return `${labels.join(", ")} ${one ? "is" : "are"} opt-in: stored only when the MEASUREMENTS setting of the webhook and the backfill names ${one ? "it" : "them"}.`;
}

function pointText(data: ChartData, i: number): string {
  const when = new Date(data.x[i]! * 1000).toLocaleString(undefined, {
    dateStyle: "medium",
    timeStyle: "short",
  });
  const values = data.series.map((s) => `${s.label} ${fmtNumber(s.values[i] ?? null, 2)} ${s.unit}`);
  return `${when}: ${values.join(", ")}. Enter opens its document.`;
}

function describe(title: string, data: ChartData): string {
  const parts = data.series.map((s) => {
    const v = s.values.filter((x): x is number => x !== null);
    return v.length === 0
      ? `${s.label}: no values`
      : `${s.label} ${fmtNumber(Math.min(...v))} to ${fmtNumber(Math.max(...v))} ${s.unit}`;
  });
  return `${title}: ${data.x.length} points. ${parts.join("; ")}. Arrow keys move between points; click a point, press Enter on it, or open the values table to see its Terra document.`;
}

/** Rendered only when opened: a year of readings is a long table. */
function ValuesTable({ data, onPick }: { data: ChartData; onPick(ref: PointRef): void }) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>Values and documents</summary>
      {open && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Time</th>
                {data.series.map((s) => (
                  <th scope="col" key={s.label}>
                    {s.label} ({s.unit})
                  </th>
                ))}
                <HiddenHeader label="Document" />
              </tr>
            </thead>
            <tbody>
              {data.x.map((t, i) => (
                <tr key={t}>
                  <td>
                    {new Date(t * 1000).toLocaleString(undefined, {
                      dateStyle: "medium",
                      timeStyle: "short",
                    })}
                  </td>
                  {data.series.map((s) => (
                    <td key={s.label}>{fmtNumber(s.values[i] ?? null, 2)}</td>
                  ))}
                  <td>
                    <DocumentButton onClick={() => onPick(data.refs[i]!)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}
