// Batch upsert throughput of realistic Body, Daily and Sleep documents, on PGlite and on
// PostgreSQL (when 127.0.0.1:5432 or TEST_DATABASE_URL answers), against a plain multi-row INSERT
// of the same documents into an unindexed table, measured in the same run.
import { loadavg } from "node:os";
import { machineLine, writeBenchSection } from "@wearables/test-support/bench";
import { sql } from "drizzle-orm";
import pg from "pg";
import { type Db, rows, upsertRecords } from "../src/index.ts";
import { bodyDoc, dailyDoc, nextDay, sleepDoc, testDb } from "../src/testing.ts";

const PER_TYPE = Number(process.env.BENCH_STORAGE_DOCS ?? 400);
const BATCH = 200;
const PG_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

type Docs = { type: "body" | "daily" | "sleep"; docs: unknown[] }[];

function documents(n: number, version: number): Docs {
  const days: string[] = [];
  let d = "2024-01-01";
  for (let i = 0; i < n; i++) {
    days.push(d);
    d = nextDay(d);
  }
  return [
    { type: "body", docs: days.map((day) => bodyDoc(day, { offset: "+01:00", weightKg: 70 + version })) },
    { type: "daily", docs: days.map((day) => dailyDoc(day, { offset: "+01:00", steps: 5_000 + version })) },
    {
      type: "sleep",
      docs: days.map((day) => sleepDoc(`s-${day}`, day, { offset: "+01:00", score: 70 + version })),
    },
  ];
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
}

async function plainInsert(db: Db, sets: Docs, user: string): Promise<void> {
  for (const { type, docs } of sets) {
    for (let i = 0; i < docs.length; i += BATCH) {
      const values = docs
        .slice(i, i + BATCH)
        .map((doc, j) => sql`(${user}, ${`${type}-${i + j}`}, ${JSON.stringify(doc)}::jsonb)`);
      await rows(
        db,
        sql`insert into bench_plain (user_id, natural_key, document) values ${sql.join(values, sql`, `)}`,
      );
    }
  }
}

async function upsert(db: Db, sets: Docs, user: string, orderingTs: number): Promise<void> {
  for (const { type, docs } of sets) {
    await upsertRecords(db, {
      type,
      userId: user,
      records: docs,
      orderingTs,
      source: "backfill",
      batchSize: BATCH,
    });
  }
}

async function run(label: string, db: Db): Promise<string[]> {
  await rows(db, sql`create table bench_plain (user_id text, natural_key text, document jsonb)`);
  const v1 = documents(PER_TYPE, 1);
  const v2 = documents(PER_TYPE, 2);
  const total = PER_TYPE * 3;
  // Warm-up on another user, so the first measured pass does not pay for plan caching.
  await upsert(db, documents(20, 0), "warm", 1);
  await plainInsert(db, documents(20, 0), "warm");

  // The baseline runs before and after the first upsert and is averaged: on a shared, noisy machine
  // a single measurement taken first or last is biased by whatever else runs then.
  const plainA = await timed(() => plainInsert(db, v1, "u1"));
  const insert = total / (await timed(() => upsert(db, v1, "u1", 1)));
  const plainB = await timed(() => plainInsert(db, v1, "u2"));
  const plain = total / ((plainA + plainB) / 2);
  const update = total / (await timed(() => upsert(db, v2, "u1", 2)));
  const same = total / (await timed(() => upsert(db, v2, "u1", 2)));
  const older = total / (await timed(() => upsert(db, v1, "u1", 1)));
  const fmt = (x: number) => Math.round(x).toLocaleString("en-US");
  const ratio = (x: number) => (x / plain).toFixed(2);
  return [
    `| ${label} | plain INSERT (baseline) | ${fmt(plain)} | 1.00 |`,
    `| ${label} | upsert, new keys | ${fmt(insert)} | ${ratio(insert)} |`,
    `| ${label} | upsert, newer copy (update) | ${fmt(update)} | ${ratio(update)} |`,
    `| ${label} | upsert, identical re-delivery | ${fmt(same)} | ${ratio(same)} |`,
    `| ${label} | upsert, older copy (ignored) | ${fmt(older)} | ${ratio(older)} |`,
  ];
}

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const loadAtStart = loadavg()[0]!.toFixed(1);
const lines: string[] = [];
const lite = await testDb({ url: null });
try {
  lines.push(...(await run("PGlite (memory)", lite)));
} finally {
  await lite.close();
}
let pgNote = "";
if (await postgresAnswers()) {
  const real = await testDb({ url: PG_URL });
  try {
    lines.push(...(await run("PostgreSQL (127.0.0.1)", real)));
  } finally {
    await real.close();
  }
} else {
  pgNote = "\n\nPostgreSQL did not answer at 127.0.0.1:5432: not measured in this run.";
}

const markdown = `## storage: batch upsert throughput

${machineLine()} Load average at start: ${loadAtStart} (the machine is shared; compare ratios, not absolute rates).

${PER_TYPE} Body + ${PER_TYPE} Daily + ${PER_TYPE} Sleep synthetic Withings-like documents (Daily with
96 step samples, Sleep with a 32-sample hypnogram), ${BATCH} rows per statement, one user. Baseline:
a plain multi-row INSERT of the same JSON into an unindexed \`(user_id, natural_key, document jsonb)\`
table in the same run (mean of a run before and a run after the first upsert). Ratio = documents/s ÷ baseline documents/s (higher is better).

| engine | operation | documents/s | ratio to plain INSERT |
|---|---|---:|---:|
${lines.join("\n")}${pgNote}

The upsert computes natural keys, indexed columns and the documents' measurement points (the
catalog's default selection) in JS, maintains three indexes (natural key, day, change feed), writes
and replaces the measurement rows with their two indexes (ADR 0304), and evaluates the newer-wins
\`WHERE\` and the enrichment merge (ADR 0300) in the same statement. On this shared
machine under load, repeated runs moved these ratios by up to ±0.4: read them as "same order of
magnitude as a bare INSERT", not to two decimals.`;

writeBenchSection("storage", markdown);
console.log(markdown);
