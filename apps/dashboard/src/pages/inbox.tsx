import { type Schemas, unwrap } from "@wearables/admin-client";
import { useState } from "preact/hooks";
import { describeError, useApi } from "../api.ts";
import { Confirm } from "../components/dialog.tsx";
import { Show } from "../components/error-box.tsx";
import { HiddenHeader, StatusSelect } from "../components/fields.tsx";
import { fmtInstant } from "../format.ts";
import { useLoad } from "../hooks.ts";
import { href, navigate } from "../router.ts";

// The statuses the inbox has; partial: processed, some records failed (the error says which).
const STATUSES = ["failed", "partial", "pending", "received", "processed", "ignored", ""] as const;
// Warnings: what was kept but not known (an enum code Terra added), in any status.
const WARNINGS = { "": "any", true: "with warnings", false: "without warnings" } as const;
type Event = Schemas["Event"];

export function Inbox({ query }: { query: URLSearchParams }) {
  const { client, role } = useApi();
  // No status in the URL: the failed events. "any" stands for every status there (href drops "").
  const status = (query.get("status") ?? "failed").replace(/^any$/, "");
  const type = query.get("type") ?? "";
  const userId = query.get("user_id") ?? "";
  const hasWarnings = query.get("has_warnings");
  const warnings = hasWarnings === "true" || hasWarnings === "false" ? hasWarnings : "";
  const [cursor, setCursor] = useState<string | null>(null);
  const [replaying, setReplaying] = useState<Event | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const events = useLoad(
    () =>
      unwrap(
        client.GET("/v1/events", {
          params: {
            query: {
              limit: 50,
              ...(status ? { status: status as Event["status"] } : {}),
              ...(type ? { type } : {}),
              ...(userId ? { user_id: userId } : {}),
              ...(warnings ? { has_warnings: warnings } : {}),
              ...(cursor ? { cursor } : {}),
            },
          },
        }),
      ),
    [status, type, userId, warnings, cursor],
  );
  const go = (next: Record<string, string>) => {
    setCursor(null);
    const q = { status, type, user_id: userId, has_warnings: warnings, ...next };
    navigate(["inbox"], { ...q, status: q.status || "any" });
  };

  const replay = async (e: Event) => {
    setBusy(true);
    try {
      const r = await unwrap(
        client.POST("/v1/events/{eventId}/replay", { params: { path: { eventId: e.id } } }),
      );
      const res = r.results[0];
      setOutcome({
        ok: res?.status === "processed" || res?.status === "ignored",
        text: `Event ${e.id} replayed: now ${res?.status ?? "unknown"}${res?.error ? ` (${res.error})` : ""}.`,
      });
      events.reload();
    } catch (err) {
      setOutcome({ ok: false, text: `Event ${e.id} was not replayed: ${describeError(err)}` });
    } finally {
      setBusy(false);
      setReplaying(null);
    }
  };

  return (
    <>
      <h1>Inbox</h1>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <StatusSelect statuses={STATUSES} value={status} onChange={(s) => go({ status: s })} />
        <label>
          Type <input name="type" value={type} onChange={(e) => go({ type: e.currentTarget.value.trim() })} />
        </label>
        <label>
          User id{" "}
          <input
            name="user_id"
            value={userId}
            onChange={(e) => go({ user_id: e.currentTarget.value.trim() })}
          />
        </label>
        <label>
          Warnings{" "}
          <select value={warnings} onChange={(e) => go({ has_warnings: e.currentTarget.value })}>
            {Object.entries(WARNINGS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </form>
      {outcome && (
        <p class={outcome.ok ? "notice" : "error"} role="status">
          {outcome.text}
        </p>
      )}
      <Show state={events} what="events">
        {(data) =>
          data.data.length === 0 ? (
            <p>
              No events{status ? ` in status ${status}` : ""}
              {warnings ? ` ${WARNINGS[warnings]}` : ""}.
            </p>
          ) : (
            <div class="table-wrap">
              <table data-table="events">
                <thead>
                  <tr>
                    <th scope="col">Event</th>
                    <th scope="col">Type</th>
                    <th scope="col">Status</th>
                    <th scope="col">User</th>
                    <th scope="col">Received</th>
                    <th scope="col">Attempts</th>
                    <th scope="col">Error</th>
                    <th scope="col">Warnings</th>
                    {role === "admin" && <HiddenHeader label="Actions" />}
                  </tr>
                </thead>
                <tbody>
                  {data.data.map((e) => (
                    <tr key={e.id} data-event={e.id}>
                      <td>{e.id}</td>
                      <td>{e.type}</td>
                      <td>
                        <span class={`badge status-${e.status}`}>{e.status}</span>
                      </td>
                      <td>{e.user_id ? <a href={href(["users", e.user_id])}>{e.user_id}</a> : "–"}</td>
                      <td>{fmtInstant(e.received_at)}</td>
                      <td class="num">{e.attempts}</td>
                      <td class="error-text">{e.error ?? ""}</td>
                      <td>
                        <Warnings list={e.warnings} />
                      </td>
                      {role === "admin" && (
                        <td>
                          <button type="button" onClick={() => setReplaying(e)}>
                            Replay
                          </button>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Show>
      {events.data?.next_cursor && (
        <button type="button" onClick={() => setCursor(events.data!.next_cursor)}>
          Older events
        </button>
      )}
      {replaying && (
        <Confirm
          title={`Replay event ${replaying.id}?`}
          action="Replay"
          busy={busy}
          onClose={() => setReplaying(null)}
          onConfirm={() => void replay(replaying)}
        >
          <p>
            Its stored raw body goes through processing again, as the webhook would process it today. Records
            it holds are upserted (a newer stored copy still wins).
          </p>
        </Confirm>
      )}
    </>
  );
}

function Warnings({ list }: { list: Event["warnings"] }) {
  if (list.length === 0) return null;
  return (
    <ul class="plain-list" data-warnings={list.length}>
      {list.map((w) => (
        <li key={`${w.path}${w.code}`}>
          {w.message}{" "}
          <span class="muted mono">
            ({w.code} at {w.path})
          </span>
        </li>
      ))}
    </ul>
  );
}
