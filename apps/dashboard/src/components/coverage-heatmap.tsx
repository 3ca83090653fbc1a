import type { CellState, CoverageGrid } from "../data/coverage.ts";

const LABEL: Record<CellState, string> = {
  stored: "stored",
  missing: "fetched, nothing there",
  waiting: "asked, waiting",
  unknown: "not asked yet",
};

/**
 * Data type × day as a table of coloured cells (a grid of a few hundred cells is a table, not a
 * chart: each cell names its state for screen readers, and the legend says what the colours mean).
 */
export function CoverageHeatmap({ grid }: { grid: CoverageGrid }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a box that scrolls sideways must be reachable by keyboard
    <section class="heatmap-wrap" tabIndex={0} aria-label="Coverage heatmap, scrolls sideways">
      <table class="heatmap" data-table="coverage">
        <caption class="sr-only">Coverage per data type and day</caption>
        <tbody>
          {grid.rows.map((row) => (
            <tr key={row.type}>
              <th scope="row">{row.type}</th>
              {row.cells.map((c, i) => (
                <td
                  key={grid.days[i]}
                  class={`cell ${c}`}
                  title={`${row.type} ${grid.days[i]}: ${LABEL[c]}`}
                  data-state={c}
                >
                  <span class="sr-only">
                    {grid.days[i]}: {LABEL[c]}
                  </span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p class="legend">
        {(Object.keys(LABEL) as CellState[]).map((s) => (
          <span key={s}>
            <span class={`swatch cell ${s}`} aria-hidden="true" /> {LABEL[s]}
          </span>
        ))}
        <span class="muted">
          {grid.days[0]} → {grid.days.at(-1)}
        </span>
      </p>
    </section>
  );
}
