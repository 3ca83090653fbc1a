import { unwrap } from "@wearables/admin-client";
import { useApi } from "../api.ts";
import { Show } from "../components/error-box.tsx";
import { fmtInstant } from "../format.ts";
import { useLoad } from "../hooks.ts";
import { href } from "../router.ts";
import { JobProgress } from "./backfills.tsx";
import { LatestPasses } from "./passes.tsx";

const PAGE = 500;

export function Overview() {
  const { client } = useApi();
  const stats = useLoad(() => unwrap(client.GET("/v1/stats", { params: { query: { days: 2 } } })), []);
  // The API has no backlog count: a page of each waiting status is counted, "500+" past a page.
  const backlog = useLoad(
    () =>
      Promise.all(
        (["received", "pending", "failed"] as const).map(async (status) => {
          const p = await unwrap(client.GET("/v1/events", { params: { query: { status, limit: PAGE } } }));
          return { status, count: p.data.length, more: p.next_cursor !== null };
        }),
      ),
    [],
  );
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
          <Show state={backlog} what="the inbox">
            {(data) => (
              <table>
                <tbody>
                  {data.map((b) => (
                    <tr key={b.status}>
                      <th scope="row">
                        <a href={href(["inbox"], { status: b.status })}>{b.status}</a>
                      </th>
                      <td class="num" data-status-count={b.status}>
                        {b.count}
                        {b.more ? "+" : ""}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
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
                    {["body", "daily", "sleep", "activity"].map((t) => (
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
                      {["body", "daily", "sleep", "activity"].map((t) => (
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
