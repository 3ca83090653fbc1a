import { type Schemas, unwrap } from "@wearables/admin-client";
import { useEffect } from "preact/hooks";
import { useApi } from "../api.ts";
import { Show } from "../components/error-box.tsx";
import { StatusSelect } from "../components/fields.tsx";
import { fmtInstant } from "../format.ts";
import { useLoad } from "../hooks.ts";
import { href, navigate } from "../router.ts";

const STATUSES = ["", "queued", "running", "waiting", "done", "failed", "cancelled"] as const;
const LIVE = new Set(["queued", "running", "waiting"]);

export function JobProgress({ job }: { job: Schemas["BackfillJob"] }) {
  const p = job.progress;
  return (
    <span class="progress-wrap">
      <progress
        max={Math.max(p.windows_total, 1)}
        value={p.windows_done}
        aria-label={`Job ${job.id} windows done`}
      />{" "}
      <span class="muted">
        {p.windows_done}/{p.windows_total} windows{p.windows_failed > 0 ? `, ${p.windows_failed} failed` : ""}
        , {p.documents} documents
      </span>
    </span>
  );
}

export function Backfills({ query }: { query: URLSearchParams }) {
  const { client } = useApi();
  const status = query.get("status") ?? "";
  const userId = query.get("user_id") ?? "";
  const jobs = useLoad(
    () =>
      unwrap(
        client.GET("/v1/backfills", {
          params: {
            query: {
              limit: 100,
              ...(status ? { status: status as "queued" } : {}),
              ...(userId ? { user_id: userId } : {}),
            },
          },
        }),
      ),
    [status, userId],
  );
  // Live jobs move: look again every five seconds while any is shown.
  const live = jobs.data?.data.some((j) => LIVE.has(j.status)) ?? false;
  useEffect(() => {
    if (!live) return;
    const t = setInterval(jobs.reload, 5000);
    return () => clearInterval(t);
  }, [live, jobs.reload]);

  return (
    <>
      <h1>Backfill jobs</h1>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <StatusSelect
          statuses={STATUSES}
          value={status}
          onChange={(s) => navigate(["backfills"], { status: s, user_id: userId })}
        />
      </form>
      <Show state={jobs} what="jobs">
        {(data) =>
          data.data.length === 0 ? (
            <p>No backfill jobs{status ? ` in status ${status}` : ""}.</p>
          ) : (
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Job</th>
                    <th scope="col">User</th>
                    <th scope="col">Types</th>
                    <th scope="col">Range</th>
                    <th scope="col">Status</th>
                    <th scope="col">Progress</th>
                    <th scope="col">Asked by</th>
                    <th scope="col">Created</th>
                  </tr>
                </thead>
                <tbody>
                  {data.data.map((j) => (
                    <tr key={j.id}>
                      <td>{j.id}</td>
                      <td>
                        <a href={href(["users", j.user_id])}>{j.user_id}</a>
                      </td>
                      <td>{j.types.join(", ")}</td>
                      <td>
                        {j.start_date} → {j.end_date}
                      </td>
                      <td>
                        <span class={`badge status-${j.status}`}>{j.status}</span>
                        {j.error && <div class="error-text">{j.error}</div>}
                      </td>
                      <td>
                        <JobProgress job={j} />
                      </td>
                      <td>{j.requested_by ?? "–"}</td>
                      <td>{fmtInstant(j.created_at)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Show>
    </>
  );
}
