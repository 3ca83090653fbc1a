// Synthetic, signed-at-send-time Withings deliveries for the load benchmark, built from the
// sandbox's generators. Each template carries a __USER__ placeholder so that every request can
// name its own connection (unique bodies, realistic upserts), and a trace id of its own.
import { dataEvent, makePerson, makeUser, recordsForDay, type TerraDoc } from "@wearables/terra-sandbox";

export const USER_PLACEHOLDER = "__USER__";
const AS_OF = Date.parse("2026-06-01T00:00:00Z");
const BIG_AS_OF = Date.parse("2200-01-01T00:00:00Z");

function template(type: string, docs: TerraDoc[], userIndex: number): string {
  const person = makePerson("bench", userIndex);
  const u = { ...makeUser("bench", person), user_id: USER_PLACEHOLDER };
  return JSON.stringify(dataEvent(type, u, docs));
}

const day = (d: number) => new Date(Date.UTC(2026, 4, 1) + d * 86_400_000).toISOString().slice(0, 10);

/**
 * The realistic mix of the issue: 50 % Body, 30 % Daily, 20 % Sleep with samples, about 12 KB
 * on average, in the order a client cycles through (each 10 deliveries: 5 body, 3 daily, 2
 * sleep). Body deliveries carry five days of measurements, Daily and Sleep one day with samples.
 */
export function mixPool(target = 200): { bodies: string[]; meanBytes: number } {
  const body: string[] = [];
  const daily: string[] = [];
  const sleep: string[] = [];
  for (
    let p = 0;
    p < 60 && (body.length < target / 2 || daily.length < target || sleep.length < target);
    p++
  ) {
    const person = makePerson("bench", p);
    for (let d = 0; d < 8; d++) {
      // An ECG day's raw signal is a megabyte: realistic, but not the common delivery.
      const days = [0, 1, 2, 3, 4]
        .flatMap((k) => recordsForDay(person, "body", day(d * 5 + k), { withSamples: true, asOfMs: AS_OF }))
        .filter((doc) => JSON.stringify(doc).length < 4_000);
      if (days.length > 0) body.push(template("body", days, p));
      const dl = recordsForDay(person, "daily", day(d), { withSamples: true, asOfMs: AS_OF });
      if (dl.length > 0) daily.push(template("daily", dl, p));
      const sl = recordsForDay(person, "sleep", day(d), { withSamples: true, asOfMs: AS_OF });
      if (sl.length > 0) sleep.push(template("sleep", sl, p));
    }
  }
  const out: string[] = [];
  for (let i = 0; out.length < target; i++) {
    const slot = i % 10;
    const list = slot < 5 ? body : slot < 8 ? daily : sleep;
    out.push(list[(Math.floor(i / 10) * 5 + slot) % list.length] as string);
  }
  return { bodies: out, meanBytes: Math.round(out.reduce((n, b) => n + b.length, 0) / out.length) };
}

/** One body delivery of about `bytes` (many days of samples), for the large-delivery runs. */
export function bigPayload(bytes: number): string {
  const person = makePerson("bench", 0);
  const docs: TerraDoc[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    // Days from 2020 on, past AS_OF too (the generator gives nothing after its as-of): 60 MiB of
    // body records is about 4,000 days.
    const date = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    for (const doc of recordsForDay(person, "body", date, { withSamples: true, asOfMs: BIG_AS_OF })) {
      docs.push(doc);
      size += JSON.stringify(doc).length;
    }
    if (i > 40_000) break;
  }
  return template("body", docs, 0).replace(USER_PLACEHOLDER, "bench-big-user");
}
