import { unwrap } from "@wearables/admin-client";
import { useApi } from "../api.ts";
import type { PointRef } from "../data/types.ts";
import { useLoad } from "../hooks.ts";
import { Dialog } from "./dialog.tsx";
import { Show } from "./error-box.tsx";

/** The raw Terra document(s) stored for a point's type and day, exactly as the API returns them. */
export function DocumentViewer({ userId, at, onClose }: { userId: string; at: PointRef; onClose(): void }) {
  const { client } = useApi();
  const docs = useLoad(
    () =>
      unwrap(
        client.GET("/v1/users/{id}/{type}", {
          params: {
            path: { id: userId, type: at.type },
            query: { start_date: at.date, end_date: at.date, limit: 50 },
          },
        }),
      ),
    [userId, at.type, at.date],
  );
  return (
    <Dialog title={`${at.type} document of ${at.date}`} onClose={onClose} wide>
      <Show state={docs} what="the document">
        {(data) =>
          data.data.map((r) => (
            <section key={r.key} class="document">
              <p class="muted">
                key {r.key} · {r.source} · received {r.received_at}
              </p>
              {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling document must be reachable by keyboard */}
              <pre tabIndex={0} data-document={r.key}>
                {JSON.stringify(r.document, null, 2)}
              </pre>
            </section>
          ))
        }
      </Show>
    </Dialog>
  );
}
