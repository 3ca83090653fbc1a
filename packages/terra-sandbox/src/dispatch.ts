import type { SandboxCore } from "./core.ts";
import { athleteEvent, dataEvent, largeRequestProcessingEvent, largeRequestSendingEvent } from "./events.ts";
import { athleteFor, type SandboxDataType, type TerraDoc } from "./generator/index.ts";
import type { SandboxUser } from "./users.ts";

/** Terra: a chunk holds at most 10 objects in `data` (or 10 MB). */
export const CHUNK_SIZE = 10;

export function chunk<T>(items: readonly T[], size = CHUNK_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * What Terra does after answering a `to_webhook=true` request: within one calendar month, one
 * data event; across a month boundary, `large_request_processing`, `large_request_sending`
 * (expected_payloads) and then the data in chunks of at most 10, every delivery carrying the
 * request's `terra-reference`, chunks with their own trace id `<reference>:chunk:<n>`.
 * Each delivery waits for the previous one's first attempt, so a receiver sees them in order.
 */
export async function dispatchToWebhook(
  core: SandboxCore,
  user: SandboxUser,
  type: SandboxDataType | "athlete",
  start: string | null,
  end: string | null,
  reference: string,
  withSamples = false,
): Promise<void> {
  // Answer the HTTP request first, as Terra does.
  await new Promise((resolve) => setTimeout(resolve, 0));
  if (type === "athlete") {
    await core.emit(athleteEvent(user, athleteFor(user.person)), { reference, traceId: reference })?.sent;
    return;
  }
  if (!start || !end) return;
  const records: TerraDoc[] = core.records(user, type, start, end, withSamples);
  if (start.slice(0, 7) === end.slice(0, 7)) {
    await core.emit(dataEvent(type, user, records), { reference, traceId: reference })?.sent;
    return;
  }
  const chunks = chunk(records);
  await core.emit(largeRequestProcessingEvent(user, reference), { reference, orderingTs: null })?.sent;
  await core.emit(largeRequestSendingEvent(user, reference, chunks.length), { reference, orderingTs: null })
    ?.sent;
  for (const [i, part] of chunks.entries()) {
    await core.emit(dataEvent(type, user, part), { reference, traceId: `${reference}:chunk:${i + 1}` })?.sent;
  }
}
