// Form pieces several pages share.

/** A status filter; "" is "any". */
export function StatusSelect(props: {
  statuses: readonly string[];
  value: string;
  onChange(status: string): void;
}) {
  return (
    <label>
      Status{" "}
      <select value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        {props.statuses.map((s) => (
          <option key={s} value={s}>
            {s || "any"}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Two dates, the end never before the start. */
export function DateRangeInputs(props: {
  start: string;
  end: string;
  onStart(d: string): void;
  onEnd(d: string): void;
}) {
  return (
    <>
      <label>
        From{" "}
        <input
          type="date"
          required
          value={props.start}
          max={props.end}
          onInput={(e) => props.onStart(e.currentTarget.value)}
        />
      </label>
      <label>
        to{" "}
        <input
          type="date"
          required
          value={props.end}
          min={props.start}
          onInput={(e) => props.onEnd(e.currentTarget.value)}
        />
      </label>
    </>
  );
}

/** Opens the stored Terra document behind a row. */
export function DocumentButton({ onClick }: { onClick(): void }) {
  return (
    <button type="button" class="link" onClick={onClick}>
      document
    </button>
  );
}

/** A column header for screen readers only (a column of buttons needs a name, not a visible one). */
export function HiddenHeader({ label }: { label: string }) {
  return (
    <th scope="col">
      <span class="sr-only">{label}</span>
    </th>
  );
}
