import { coverageSummary, listBackfillJobs, listConnections, listWindows } from "@wearables/storage";
import type { WorkerDeps } from "./deps.ts";
import { renderTable } from "./table.ts";

const LIVE = ["pending", "leased", "waiting_webhook", "failed"] as const;

/** `backfill status`: coverage per connection × type, open and failed windows, recent jobs. */
export async function renderStatus(deps: WorkerDeps, opts: { maxUsers?: number } = {}): Promise<string> {
  const maxUsers = opts.maxUsers ?? 500;
  const coverageRows: (string | number | null)[][] = [];
  let cursor: string | null = null;
  let users = 0;
  for (let i = 0; i < 1000 && users < maxUsers; i++) {
    const page = await listConnections(deps.db, { cursor, limit: 200 });
    for (const c of page.items) {
      if (users++ >= maxUsers) break;
      const summary = await coverageSummary(deps.db, c.userId);
      if (summary.length === 0) {
        coverageRows.push([c.userId, c.status, "-", 0, null, null, 0, null]);
        continue;
      }
      for (const t of summary) {
        const first = t.ranges[0];
        const last = t.ranges.at(-1);
        const latest = new Date(Math.max(...t.ranges.map((r) => r.fetchedAt.getTime())));
        coverageRows.push([
          c.userId,
          c.status,
          t.type,
          t.days,
          first?.start ?? null,
          last?.end ?? null,
          Math.max(t.ranges.length - 1, 0),
          latest.toISOString().slice(0, 16).replace("T", " "),
        ]);
      }
    }
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  const windows = await listWindows(deps.db, { statuses: LIVE, limit: 10_000 });
  const counts = new Map<string, number>();
  for (const w of windows) counts.set(w.status, (counts.get(w.status) ?? 0) + 1);
  const failed = windows.filter((w) => w.status === "failed").slice(-10);
  const jobs = await listBackfillJobs(deps.db, { limit: 20 });

  const out = [
    "Coverage",
    renderTable(
      ["user", "connection", "type", "days", "from", "to", "holes", "last fetch (UTC)"],
      coverageRows,
    ),
    "",
    `Windows: ${LIVE.map((s) => `${s} ${counts.get(s) ?? 0}`).join(" · ")}`,
  ];
  if (failed.length) {
    out.push(
      "",
      "Recent failed windows",
      renderTable(
        ["id", "user", "type", "from", "to", "attempts", "error"],
        failed.map((w) => [
          w.id,
          w.userId,
          w.dataType,
          w.startDate,
          w.endDate,
          w.attempts,
          (w.error ?? "").slice(0, 80),
        ]),
      ),
    );
  }
  out.push(
    "",
    "Jobs",
    jobs.items.length === 0
      ? "(none)"
      : renderTable(
          ["id", "user", "types", "from", "to", "status", "windows", "documents"],
          jobs.items.map(({ job, progress }) => [
            job.id,
            job.userId,
            job.dataTypes.join(","),
            job.startDate,
            job.endDate,
            job.status,
            `${progress.done}/${progress.total}`,
            job.documents,
          ]),
        ),
  );
  return out.join("\n");
}
