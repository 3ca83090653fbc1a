import { useState } from "preact/hooks";
import { type DayRange, RANGE_KINDS, type RangeKind } from "../range.ts";
import { DateRangeInputs } from "./fields.tsx";

/** Week, month, year or two dates; the choice lives in the page's URL so a reload keeps it. */
export function RangePicker(props: {
  kind: RangeKind;
  range: DayRange;
  onChange(kind: RangeKind, custom?: DayRange): void;
}) {
  const [start, setStart] = useState(props.range.start);
  const [end, setEnd] = useState(props.range.end);
  return (
    <fieldset class="range">
      <legend>Time range (local days)</legend>
      {RANGE_KINDS.filter((k) => k !== "custom").map((k) => (
        <button key={k} type="button" aria-pressed={props.kind === k} onClick={() => props.onChange(k)}>
          {k[0]!.toUpperCase() + k.slice(1)}
        </button>
      ))}
      <form
        class="custom-range"
        onSubmit={(e) => {
          e.preventDefault();
          props.onChange("custom", { start, end });
        }}
      >
        <DateRangeInputs start={start} end={end} onStart={setStart} onEnd={setEnd} />
        <button type="submit" aria-pressed={props.kind === "custom"}>
          Show
        </button>
      </form>
      <span class="muted" data-range={`${props.range.start}..${props.range.end}`}>
        {props.range.start} to {props.range.end}
      </span>
    </fieldset>
  );
}
