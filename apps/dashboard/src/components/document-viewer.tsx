import { unwrap } from "@wearables/admin-client";
import { useApi } from "../api.ts";
import type { PointRef, RecordRef } from "../data/types.ts";
import { useLoad } from "../hooks.ts";
import { Dialog } from "./dialog.tsx";
import { Show } from "./error-box.tsx";

/**
 * The raw Terra documents behind a point, exactly as the API returns them: each record's type and
 * day is read, and of that day's records the one with the point's key (all of them for a day's
 * bucket, which has no key). Read only when asked: the charts never read documents.
 */
export function DocumentViewer({ userId, at, onClose }: { userId: string; at: PointRef; onClose(): void }) {
  const { client } = useApi();
  const docs = useLoad(
    () =>
      Promise.all(
        at.map(async (ref) => {
          const page = await unwrap(
            client.GET("/v1/users/{id}/{type}", {
              params: {
                path: { id: userId, type: ref.type },
                query: { start_date: ref.date, end_date: ref.date, limit: 50 },
              },
            }),
          );
          return { ref, records: page.data.filter((r) => ref.key === undefined || r.key === ref.key) };
        }),
      ),
    [userId, at],
  );
  const types = [...new Set(at.map((r) => r.type))].join(" and ");
  return (
    <Dialog
      title={`${types} ${at.length > 1 ? "documents" : "document"} of ${at[0]?.date ?? ""}`}
      onClose={onClose}
      wide
    >
      <Show state={docs} what="the document">
        {(found) =>
          found.map(({ ref, records }) =>
            records.length === 0 ? (
              <p key={`${ref.type}${ref.key}`}>{notFound(ref)}</p>
            ) : (
              records.map((r) => (
                <section key={`${ref.type}${r.key}`} class="document">
                  <p class="muted">
                    {ref.type} · key {r.key} · {r.source} · received {r.received_at}
                  </p>
                  {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling document must be reachable by keyboard */}
                  <pre tabIndex={0} data-document={r.key}>
                    {JSON.stringify(r.document, null, 2)}
                  </pre>
                </section>
              ))
            ),
          )
        }
      </Show>
    </Dialog>
  );
}

const notFound = (ref: RecordRef) =>
  `No ${ref.type} record ${ref.key ? `${ref.key} ` : ""}is stored on ${ref.date} any more (replaced or erased since the chart was read).`;
