// Record-by-record comparison of what the admin API serves with what the sandbox generated.
import { type DataType, recordDate, recordKey } from "@wearables/schemas";
import type { TerraDoc } from "@wearables/terra-sandbox";
import { expect } from "vitest";
import type { ApiRecord } from "./admin-client.ts";

export interface Keyed {
  key: string;
  date: string | null;
  doc: TerraDoc;
}

/** The sandbox's documents under the natural keys storage must use (from @wearables/schemas). */
export function keyed(type: DataType, docs: readonly TerraDoc[]): Map<string, Keyed> {
  const out = new Map<string, Keyed>();
  for (const doc of docs) {
    const key = recordKey(type, doc);
    if (out.has(key)) throw new Error(`the sandbox generated two ${type} documents with key ${key}`);
    out.set(key, { key, date: recordDate(type, doc), doc });
  }
  return out;
}

/** The stored records by key; a key served twice is a doubled record and fails at once. */
export function storedByKey(label: string, records: readonly ApiRecord[]): Map<string, ApiRecord> {
  const out = new Map<string, ApiRecord>();
  for (const r of records) {
    expect(out.has(r.key), `${label}: key ${r.key} served twice (a doubled record)`).toBe(false);
    out.set(r.key, r);
  }
  return out;
}

/**
 * Exactly the expected documents, whole: the same keys (nothing missing, nothing extra) and each
 * document equal to the generated one (JSON round trip: key order and undefined fields aside).
 */
export function expectSameDocuments(
  label: string,
  stored: ReadonlyMap<string, ApiRecord>,
  expected: ReadonlyMap<string, Keyed>,
): void {
  const missing = [...expected.keys()].filter((k) => !stored.has(k));
  const extra = [...stored.keys()].filter((k) => !expected.has(k));
  expect(missing, `${label}: generated but not stored`).toEqual([]);
  expect(extra, `${label}: stored but never generated`).toEqual([]);
  for (const [key, want] of expected) {
    const got = stored.get(key) as ApiRecord;
    expect(got.date, `${label} ${key}: stored under another date`).toBe(want.date);
    expect(got.document, `${label} ${key}: document differs from the generated one`).toEqual(
      JSON.parse(JSON.stringify(want.doc)),
    );
  }
}

/** Records whose date lies in [from, to] (inclusive `YYYY-MM-DD`). */
export function inRange<T extends { date: string | null }>(
  m: ReadonlyMap<string, T>,
  from: string,
  to: string,
): Map<string, T> {
  return new Map([...m].filter(([, v]) => v.date !== null && v.date >= from && v.date <= to));
}
