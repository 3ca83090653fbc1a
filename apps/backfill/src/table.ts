/** A plain-text table for `status`: padded columns, numbers right-aligned, no colours. */
export function renderTable(headers: readonly string[], rows: readonly (string | number | null)[][]): string {
  const cells = rows.map((r) => r.map((c) => (c === null ? "-" : String(c))));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? "").length)));
  const numeric = headers.map(
    (_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === "number" || r[i] === null),
  );
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  const out = [line(headers), widths.map((w) => "-".repeat(w)).join("  ")];
  for (const r of cells) out.push(line(r));
  return out.join("\n");
}
