import { type Schemas, unwrap } from "@wearables/admin-client";
import { useApi } from "../api.ts";
import { Show } from "../components/error-box.tsx";
import { COVERAGE_TYPES } from "../data/coverage.ts";
import { fmtAge, fmtInstant } from "../format.ts";
import { useLoad } from "../hooks.ts";
import { href } from "../router.ts";
import { JobProgress } from "./backfills.tsx";
import { LatestPasses } from "./passes.tsx";

export function Overview() {
  const { client } = useApi();
  const stats = useLoad(() => unwrap(client.GET("/v1/stats", { params: { query: { days: 2 } } })), []);
  const jobs = useLoad(() => unwrap(client.GET("/v1/backfills", { params: { query: { limit: 5 } } })), []);
  const glance = useLoad(async () => {
    const users = await unwrap(client.GET("/v1/users", { params: { query: { limit: 12 } } }));
    return Promise.all(
      users.data.map((u) => unwrap(client.GET("/v1/users/{id}", { params: { path: { id: u.user_id } } }))),
    );
  }, []);

  return (
    <>
      <h1>Overview</h1>
      <div class="grid">
        <section class="card" aria-labelledby="conn-h">
          <h2 id="conn-h">Connections by status</h2>
          <Show state={stats} what="stats">
            {(data) => (
              <table>
                <tbody>
                  {data.connections.map((c) => (
                    <tr key={c.status}>
                      <th scope="row">
                        <a href={href(["users"], { status: c.status })}>{c.status}</a>
                      </th>
                      <td class="num">{c.count}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Show>
        </section>
        <section class="card" aria-labelledby="inbox-h">
          <h2 id="inbox-h">Inbox backlog and failures</h2>
          <Show state={stats} what="the inbox">
            {(data) => <Backlog stats={data} />}
          </Show>
        </section>
      </div>
      <section class="card" aria-labelledby="deliv-h">
        <h2 id="deliv-h">Deliveries in the last 24 hours</h2>
        <Show state={stats} what="deliveries">
          {(data) => <Deliveries rows={data.deliveries_last_24h} />}
        </Show>
      </section>
      <section class="card" aria-labelledby="passes-h">
        <h2 id="passes-h">Latest backfill passes</h2>
        <p class="muted">
          Each pass of the backfill (scheduled over every connection, or for one user), recorded as it ends.
        </p>
        <LatestPasses />
      </section>
      <section class="card" aria-labelledby="jobs-h">
        <h2 id="jobs-h">Latest backfill jobs</h2>
        <p class="muted">Jobs asked for through the API or the command line; the passes above run them.</p>
        <Show state={jobs} what="jobs">
          {(data) =>
            data.data.length === 0 ? (
              <p>No backfill jobs yet.</p>
            ) : (
              <ul class="plain-list">
                {data.data.map((j) => (
                  <li key={j.id}>
                    <a href={href(["users", j.user_id])}>{j.user_id}</a> {j.types.join(", ")} {j.start_date} →{" "}
                    {j.end_date} <span class={`badge status-${j.status}`}>{j.status}</span>{" "}
                    <JobProgress job={j} />
                  </li>
                ))}
              </ul>
            )
          }
        </Show>
        <a href={href(["backfills"])}>All backfill jobs</a>
      </section>
      <section class="card" aria-labelledby="glance-h">
        <h2 id="glance-h">Coverage at a glance</h2>
        <p class="muted">Latest stored day per data type, for the first users by id.</p>
        <Show state={glance} what="coverage">
          {(data) => (
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">User</th>
                    {COVERAGE_TYPES.map((t) => (
                      <th scope="col" key={t}>
                        {t}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.map((u) => (
                    <tr key={u.user_id}>
                      <th scope="row">
                        <a href={href(["users", u.user_id])}>{u.reference_id ?? u.user_id}</a>
                      </th>
                      {COVERAGE_TYPES.map((t) => (
                        <td key={t}>{u.coverage.find((c) => c.type === t)?.last_date ?? "–"}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Show>
        <p class="muted">Stats as of {fmtInstant(new Date().toISOString())}.</p>
      </section>
    </>
  );
}

/** The processing backlog and the failures, as GET /v1/stats counts them. */
function Backlog({ stats }: { stats: Schemas["Stats"] }) {
  const b = stats.backlog;
  return (
    <>
      <table>
        <tbody>
          <tr>
            <th scope="row">
              <a href={href(["inbox"], { status: "received" })}>waiting for processing</a>
            </th>
            <td class="num" data-backlog="waiting">
              {b.waiting}
            </td>
          </tr>
          <tr>
            <th scope="row">of them retrying after a database failure</th>
            <td class="num" data-backlog="retrying">
              {b.retrying}
            </td>
          </tr>
          <tr>
            <th scope="row">oldest waiting</th>
            <td class="num">{b.oldest_received_at ? fmtAge(b.oldest_age_seconds) : "–"}</td>
          </tr>
          <tr>
            <th scope="row">
              <a href={href(["inbox"], { status: "failed" })}>failed</a>
            </th>
            <td class="num" data-status-count="failed">
              {stats.failed_events}
            </td>
          </tr>
        </tbody>
      </table>
      <p class="muted">
        Not counted here, listed in the inbox: <a href={href(["inbox"], { status: "partial" })}>partial</a>,{" "}
        <a href={href(["inbox"], { status: "pending" })}>pending</a> and{" "}
        <a href={href(["inbox"], { status: "any", has_warnings: "true" })}>with warnings</a>.
      </p>
    </>
  );
}

function Deliveries({ rows }: { rows: { type: string; outcome: string; count: number }[] }) {
  if (rows.length === 0) return <p>No deliveries in the last 24 hours.</p>;
  const outcomes = [...new Set(rows.map((r) => r.outcome))].sort();
  const types = [...new Set(rows.map((r) => r.type))].sort();
  return (
    <div class="table-wrap">
      <table data-table="deliveries">
        <thead>
          <tr>
            <th scope="col">Type</th>
            {outcomes.map((o) => (
              <th scope="col" class="num" key={o}>
                {o}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {types.map((t) => (
            <tr key={t}>
              <th scope="row">{t}</th>
              {outcomes.map((o) => (
                <td class="num" key={o}>
                  {rows.find((r) => r.type === t && r.outcome === o)?.count ?? 0}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
