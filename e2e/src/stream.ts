// The faulty stream of phase 2: every user × type × past day as two copies (an older, partial one
// and the newer, complete one, with ordering timestamps saying so), for the in-process sender.
import {
  dataEvent,
  type Sandbox,
  type SandboxDataType,
  type SendOptions,
  type TerraDoc,
} from "@wearables/terra-sandbox";

export interface StreamItem {
  event: unknown;
  opts: SendOptions;
  /** The older copy of a (user, type, day), superseded by its newer one. */
  older: boolean;
}

export function buildStream(
  sandbox: Sandbox,
  types: readonly SandboxDataType[],
  days: readonly string[],
  baseOrderingTs: number,
): StreamItem[] {
  const out: StreamItem[] = [];
  let n = 0;
  for (const user of sandbox.users) {
    for (const type of types) {
      for (const day of days) {
        const newer = sandbox.expectedRecords(user.user_id, type, day, day);
        if (newer.length === 0) continue;
        // As of the early afternoon UTC of that day: for most zones part of the day is missing.
        const partial: TerraDoc[] = sandbox.generator.records(user.user_id, type, day, day, {
          asOfMs: Date.parse(`${day}T13:00:00Z`),
        });
        const ts = baseOrderingTs + 10 * n++;
        if (partial.length > 0)
          out.push({ event: dataEvent(type, user, partial), opts: { orderingTs: ts }, older: true });
        out.push({ event: dataEvent(type, user, newer), opts: { orderingTs: ts + 5 }, older: false });
      }
    }
  }
  return out;
}
