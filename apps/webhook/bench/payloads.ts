// Synthetic, signed-at-send-time Withings deliveries for the load benchmark, built from the
// sandbox's generators. Each template carries a __USER__ placeholder so that every request can
// name its own connection (unique bodies, realistic upserts), and a trace id of its own.
import { dataEvent, makePerson, makeUser, recordsForDay, type TerraDoc } from "@wearables/terra-sandbox";

export const USER_PLACEHOLDER = "__USER__";
const AS_OF = Date.parse("2026-06-01T00:00:00Z");

function template(type: string, docs: TerraDoc[], userIndex: number): string {
  const person = makePerson("bench", userIndex);
  const u = { ...makeUser("bench", person), user_id: USER_PLACEHOLDER };
  return JSON.stringify(dataEvent(type, u, docs));
}

/** Bodies of 2–50 KB: daily and sleep with samples, workouts, and several days of body metrics. */
export function payloadPool(target = 60): string[] {
  const pool: string[] = [];
  for (let p = 0; pool.length < target && p < 40; p++) {
    const person = makePerson("bench", p);
    const day = (d: number) => `2026-05-${String(d).padStart(2, "0")}`;
    for (let d = 1; d <= 6 && pool.length < target; d++) {
      for (const type of ["daily", "sleep", "activity"] as const) {
        const docs = recordsForDay(person, type, day(d), { withSamples: true, asOfMs: AS_OF });
        if (docs.length > 0) pool.push(template(type, docs, p));
      }
      const bodyDocs = [0, 1, 2, 3]
        .flatMap((k) => recordsForDay(person, "body", day(d + k * 6), { withSamples: false, asOfMs: AS_OF }))
        .filter((doc) => JSON.stringify(doc).length < 20_000);
      if (bodyDocs.length > 0) pool.push(template("body", bodyDocs, p));
    }
  }
  return pool.filter((b) => b.length >= 2_000 && b.length <= 50_000);
}

/** One body delivery of about `bytes` (many days of samples), for the peak-memory measurement. */
export function bigPayload(bytes: number): string {
  const person = makePerson("bench", 0);
  const docs: TerraDoc[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const date = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    for (const type of ["body", "daily", "sleep"] as const) {
      for (const doc of recordsForDay(person, type, date, { withSamples: true, asOfMs: AS_OF })) {
        if (type !== "body") continue; // one type per event; body carries the densest samples
        docs.push(doc);
        size += JSON.stringify(doc).length;
      }
    }
    if (i > 20_000) break;
  }
  return template("body", docs, 0).replace(USER_PLACEHOLDER, "bench-big-user");
}
