import { type Schemas, unwrap } from "@wearables/admin-client";
import { useApi } from "../api.ts";
import { Show } from "../components/error-box.tsx";
import { fmtInstant } from "../format.ts";
import { useLoad } from "../hooks.ts";

type Pass = Schemas["BackfillPass"];

const documents = (p: Pass) => p.documents.inserted + p.documents.updated;

/**
 * The overview's latest backfill passes, as the backfill records them when each ends
 * (`GET /v1/backfill-passes`): the last success and the failures since, what the alerts read.
 */
export function LatestPasses() {
  const { client } = useApi();
  const passes = useLoad(
    () => unwrap(client.GET("/v1/backfill-passes", { params: { query: { limit: 5 } } })),
    [],
  );
  return (
    <Show state={passes} what="backfill passes">
      {(data) => (
        <>
          <p data-passes-summary>
            Last successful scheduled pass:{" "}
            <strong>{data.last_success_at ? fmtInstant(data.last_success_at) : "none yet"}</strong>
            {data.consecutive_failed > 0 ? (
              <>
                {" "}
                · <span class="badge status-failed">{data.consecutive_failed} failed since</span>
              </>
            ) : null}
          </p>
          {data.data.length === 0 ? (
            <p>No backfill pass recorded yet.</p>
          ) : (
            <div class="table-wrap">
              <table data-table="passes">
                <thead>
                  <tr>
                    <th scope="col">Finished</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Outcome</th>
                    <th scope="col" class="num">
                      Windows done
                    </th>
                    <th scope="col" class="num">
                      Failed
                    </th>
                    <th scope="col" class="num">
                      Documents stored
                    </th>
                    <th scope="col" class="num">
                      Invalid records
                    </th>
                    <th scope="col">Errors</th>
                  </tr>
                </thead>
                <tbody>
                  {data.data.map((p) => (
                    <tr key={p.id} data-pass={p.pass}>
                      <td>{fmtInstant(p.finished_at)}</td>
                      <td>{p.kind === "run" ? "scheduled" : "one user"}</td>
                      <td>
                        <span class={`badge status-${p.ok ? "done" : "failed"}`}>
                          {p.ok ? "ok" : "failed"}
                        </span>
                      </td>
                      <td class="num">
                        {p.windows.done}/{p.windows.planned}
                      </td>
                      <td class="num">{p.windows.failed}</td>
                      <td class="num">{documents(p)}</td>
                      <td class="num">{p.invalid_records}</td>
                      <td>{p.error_summary ?? "–"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </Show>
  );
}
