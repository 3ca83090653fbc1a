import { AdminApiError, type Schemas, unwrap } from "@wearables/admin-client";
import { useState } from "preact/hooks";
import { useApi } from "../api.ts";
import { Show } from "../components/error-box.tsx";
import { StatusSelect } from "../components/fields.tsx";
import { fmtInstant } from "../format.ts";
import { useLoad } from "../hooks.ts";
import { href, navigate } from "../router.ts";

const STATUSES = ["", "active", "deauthorized", "revoked", "error"] as const;
const TYPES = ["body", "daily", "sleep", "activity"] as const;
type User = Schemas["User"];

export function Users({ query }: { query: URLSearchParams }) {
  const { client } = useApi();
  const q = query.get("q") ?? "";
  const status = query.get("status") ?? "";
  const [cursor, setCursor] = useState<string | null>(null);
  const [text, setText] = useState(q);
  // The API matches ids exactly: a search is the Terra user id or our reference id, both tried.
  const users = useLoad(async () => {
    const filter = status ? { status: status as User["status"] } : {};
    if (!q) {
      return unwrap(
        client.GET("/v1/users", {
          params: { query: { limit: 25, ...filter, ...(cursor ? { cursor } : {}) } },
        }),
      );
    }
    const [byRef, byId] = await Promise.all([
      unwrap(client.GET("/v1/users", { params: { query: { reference_id: q, limit: 100, ...filter } } })),
      unwrap(client.GET("/v1/users/{id}", { params: { path: { id: q } } })).catch((err: unknown) => {
        if (err instanceof AdminApiError && err.status === 404) return null;
        throw err;
      }),
    ]);
    const found = [...(byId && (!status || byId.status === status) ? [byId] : []), ...byRef.data];
    return {
      data: found.filter((u, i) => found.findIndex((x) => x.user_id === u.user_id) === i),
      next_cursor: null,
    };
  }, [q, status, cursor]);

  return (
    <>
      <h1>Users</h1>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setCursor(null);
          navigate(["users"], { q: text.trim(), status });
        }}
      >
        <label>
          Terra user id or reference id{" "}
          <input type="search" name="q" value={text} onInput={(e) => setText(e.currentTarget.value)} />
        </label>
        <StatusSelect
          statuses={STATUSES}
          value={status}
          onChange={(s) => {
            setCursor(null);
            navigate(["users"], { q, status: s });
          }}
        />
        <button type="submit">Search</button>
      </form>
      <Show state={users} what="users">
        {(data) =>
          data.data.length === 0 ? (
            <p>No user matches{q ? ` “${q}”` : ""}.</p>
          ) : (
            <>
              <div class="table-wrap">
                <table data-table="users">
                  <thead>
                    <tr>
                      <th scope="col">Terra user id</th>
                      <th scope="col">Reference id</th>
                      <th scope="col">Status</th>
                      <th scope="col">Last event</th>
                      {TYPES.map((t) => (
                        <th scope="col" key={t}>
                          Last {t}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {data.data.map((u) => (
                      <UserRow key={u.user_id} user={u} />
                    ))}
                  </tbody>
                </table>
              </div>
              {data.next_cursor && (
                <button type="button" onClick={() => setCursor(data.next_cursor)}>
                  Next page
                </button>
              )}
            </>
          )
        }
      </Show>
    </>
  );
}

/** One row; its last day per type comes from the user's coverage (the list does not carry it). */
function UserRow({ user }: { user: User }) {
  const { client } = useApi();
  const detail = useLoad(
    () => unwrap(client.GET("/v1/users/{id}", { params: { path: { id: user.user_id } } })),
    [user.user_id],
  );
  return (
    <tr>
      <th scope="row">
        <a href={href(["users", user.user_id])}>{user.user_id}</a>
      </th>
      <td>{user.reference_id ?? "–"}</td>
      <td>
        <span class={`badge status-${user.status}`}>{user.status}</span>
      </td>
      <td>{fmtInstant(user.last_event_at)}</td>
      {TYPES.map((t) => (
        <td key={t}>
          {detail.data ? (detail.data.coverage.find((c) => c.type === t)?.last_date ?? "–") : "…"}
        </td>
      ))}
    </tr>
  );
}
