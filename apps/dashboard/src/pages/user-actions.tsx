import { type Schemas, unwrap } from "@wearables/admin-client";
import { useState } from "preact/hooks";
import { describeError, useApi } from "../api.ts";
import { Confirm } from "../components/dialog.tsx";
import { DateRangeInputs } from "../components/fields.tsx";
import type { DayRange } from "../range.ts";
import { href, navigate } from "../router.ts";

const TYPES = ["body", "daily", "sleep", "activity"] as const;
type Action = "backfill" | "disconnect" | "erase";

/** Writes for admin tokens only (a read token never sees this section); each one asks first. */
export function UserActions({
  user,
  range,
  onChanged,
}: {
  user: Schemas["UserDetail"];
  range: DayRange;
  onChanged(): void;
}) {
  const { client } = useApi();
  const [asking, setAsking] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [types, setTypes] = useState<string[]>([...TYPES]);
  const [start, setStart] = useState(range.start);
  const [end, setEnd] = useState(range.end);
  const id = user.user_id;

  const run = async (action: Action) => {
    setBusy(true);
    try {
      if (action === "backfill") {
        const job = await unwrap(
          client.POST("/v1/users/{id}/backfills", {
            params: { path: { id } },
            body: { types, start_date: start, end_date: end },
          }),
        );
        setMessage({
          ok: true,
          text: `Backfill job ${job.id} queued (${job.progress.windows_total} windows).`,
        });
      } else if (action === "disconnect") {
        const r = await unwrap(client.POST("/v1/users/{id}/disconnect", { params: { path: { id } } }));
        setMessage({
          ok: true,
          text: `Disconnected (${r.terra === "already_gone" ? "Terra no longer knew the user" : "deauthenticated at Terra"}).`,
        });
      } else {
        await unwrap(client.DELETE("/v1/users/{id}", { params: { path: { id } } }));
        navigate(["users"]);
        return;
      }
      onChanged();
    } catch (err) {
      setMessage({ ok: false, text: describeError(err) });
    } finally {
      setBusy(false);
      setAsking(null);
    }
  };

  return (
    <section class="card" aria-labelledby="actions-h">
      <h2 id="actions-h">Actions</h2>
      {message && (
        <p class={message.ok ? "notice" : "error"} role="status">
          {message.text} {message.ok && <a href={href(["backfills"], { user_id: id })}>Backfill jobs</a>}
        </p>
      )}
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setAsking("backfill");
        }}
      >
        <fieldset>
          <legend>Backfill a range</legend>
          {TYPES.map((t) => (
            <label key={t}>
              <input
                type="checkbox"
                checked={types.includes(t)}
                onChange={(e) =>
                  setTypes(e.currentTarget.checked ? [...types, t] : types.filter((x) => x !== t))
                }
              />{" "}
              {t}
            </label>
          ))}
          <DateRangeInputs start={start} end={end} onStart={setStart} onEnd={setEnd} />
          <button type="submit" disabled={types.length === 0}>
            Backfill…
          </button>
        </fieldset>
      </form>
      <p class="actions">
        <button
          type="button"
          onClick={() => setAsking("disconnect")}
          disabled={user.status === "deauthorized"}
        >
          Disconnect…
        </button>
        <button type="button" class="danger" onClick={() => setAsking("erase")}>
          Erase…
        </button>
      </p>
      {asking === "backfill" && (
        <Confirm
          title="Queue a backfill?"
          action="Queue backfill"
          busy={busy}
          onClose={() => setAsking(null)}
          onConfirm={() => void run("backfill")}
        >
          <p>
            Ask Terra again for {types.join(", ")} from {start} to {end}. The backfill worker fetches the
            windows; stored records are replaced only by newer copies.
          </p>
        </Confirm>
      )}
      {asking === "disconnect" && (
        <Confirm
          title="Disconnect this user?"
          action="Disconnect"
          danger
          busy={busy}
          onClose={() => setAsking(null)}
          onConfirm={() => void run("disconnect")}
        >
          <p>Deauthenticates {id} at Terra. Stored data is kept; new data stops arriving.</p>
        </Confirm>
      )}
      {asking === "erase" && (
        <Confirm
          title="Erase this user?"
          action="Erase everything"
          danger
          busy={busy}
          onClose={() => setAsking(null)}
          onConfirm={() => void run("erase")}
        >
          <p>
            Deauthenticates {id} at Terra, then deletes every record, inbox delivery and ledger row of this
            person. Only an audit row remains. This cannot be undone.
          </p>
        </Confirm>
      )}
    </section>
  );
}
