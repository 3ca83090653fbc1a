// The one statement that upserts a batch of records of a type and replaces their measurement rows.
import { type DataType, measurementsOfModel } from "@wearables/schemas";
import { getTableColumns, type SQL, sql } from "drizzle-orm";
import { EXTRA_COLUMNS } from "../extract.ts";
import { recordTable } from "../record-tables.ts";
import { changesSql, mergedDocumentSql, replacesSql } from "./newer-wins.ts";

/**
 * A batch's measurement points as PostgreSQL array literals, each point tagged with its row (the
 * 1-based position in `users` and `keys`, which name the batch's records in order).
 */
export interface PointArrays {
  users: string;
  keys: string;
  rows: string;
  codes: string;
  times: string;
  offsets: string;
  values: string;
}

export type RecordStatement = (payload: string, points: PointArrays) => SQL;

const built = new Map<DataType, RecordStatement>();

/**
 * The batch travels as one JSON array in one parameter, expanded by jsonb_to_recordset (ADR 0303),
 * and its measurement points as five arrays. One statement: the records go in through
 * INSERT … ON CONFLICT … DO UPDATE … WHERE <newer wins> (ADR 0300); for every record that was
 * inserted or changed, the measurement rows of the copy it replaced are deleted and its own inserted
 * (ADR 0304). A copy that loses, or a newer copy with the same content, leaves them as they are.
 * Returns one row per record inserted or updated (skipped rows are "unchanged").
 */
export function recordStatement(type: DataType): RecordStatement {
  const cached = built.get(type);
  if (cached) return cached;
  const extras = EXTRA_COLUMNS[type];
  // Each extra column's SQL type as its table declares it (jsonb_to_recordset needs them spelled out).
  const declared = new Map(
    Object.values(getTableColumns(recordTable(type))).map((c) => [c.name, c.getSQLType()]),
  );
  const extraTypes = extras.map((c) => {
    const t = declared.get(c);
    if (!t) throw new Error(`upsertRecordSets: ${type} has no column ${c}`);
    return t;
  });
  const incoming = { ts: "excluded.ordering_ts", doc: "excluded.document" };
  const stored = { ts: "t.ordering_ts", doc: "t.document" };
  const changed = changesSql(incoming.doc, stored.doc);
  const updates = [
    "start_time",
    "end_time",
    "local_date",
    "ordering_ts",
    "received_at",
    "source",
    "event_id",
    ...extras,
  ].map((c) => `${c} = excluded.${c}`);
  const codes = measurementsOfModel(type).map((m) => m.code);
  const head = sql.raw(`with r as (
      select * from jsonb_to_recordset(`);
  const upsert = sql.raw(`::jsonb) as r(user_id text, natural_key text, start_time text, end_time text,
        local_date date, document jsonb, ordering_ts bigint, received_at timestamptz, source text,
        event_id bigint${extras.map((c, i) => `, ${c} ${extraTypes[i]}`).join("")})
    ), up as (
      insert into ${type} as t (user_id, natural_key, start_time, end_time, local_date,
        document, ordering_ts, received_at, source, event_id, last_write_changed${extras.map((c) => `, ${c}`).join("")})
      select r.user_id, r.natural_key, r.start_time, r.end_time, r.local_date, r.document, r.ordering_ts,
        r.received_at, r.source, r.event_id, true${extras.map((c) => `, r.${c}`).join("")}
      from r
      on conflict (user_id, natural_key) do update set
        document = ${mergedDocumentSql(incoming.doc, stored.doc)},
        last_write_changed = ${changed},
        updated_at = case when ${changed} then now() else t.updated_at end,
        change_xid = case when ${changed} then pg_current_xact_id() else t.change_xid end,
        revision = case when ${changed} then t.revision + 1 else t.revision end,
        ${updates.join(",\n        ")}
      where ${replacesSql(incoming, stored)}
      returning t.id, t.user_id, t.natural_key, (xmax = 0) as inserted, t.last_write_changed as changed
    )`);
  const select = sql.raw(`
    select inserted, changed from up`);
  let statement: RecordStatement;
  if (codes.length === 0) {
    statement = (payload) => sql`${head}${payload}${upsert}${select}`;
  } else {
    // The records are named again by two small arrays rather than by joining `r`: a second reference
    // would make PostgreSQL materialise `r`, documents and all.
    const measure = sql.raw(`, won as (
      select up.id, up.user_id, up.inserted, k.i
      from up join unnest(`);
    const keysEnd = sql.raw(`::text[]) with ordinality as k(user_id, natural_key, i)
        on k.user_id = up.user_id and k.natural_key = up.natural_key
      where up.inserted or up.changed
    ), gone as (
      delete from measurements m using won
      where m.record_id = won.id and not won.inserted and m.measurement = any('{${codes.join(",")}}'::smallint[])
    ), added as (
      insert into measurements (local_ts, value, record_id, measurement, utc_offset, user_id)
      select timestamp '1970-01-01' + p.wall_us * interval '1 microsecond', p.value, won.id, p.measurement,
        p.utc_offset, won.user_id
      from unnest(`);
    const int = sql.raw("::int[], ");
    const small = sql.raw("::smallint[], ");
    const ts = sql.raw("::int8[], ");
    const end = sql.raw(`::float8[]) as p(i, measurement, wall_us, utc_offset, value)
      join won on won.i = p.i
    )`);
    const text = sql.raw("::text[], ");
    statement = (payload, p) =>
      sql`${head}${payload}${upsert}${measure}${p.users}${text}${p.keys}${keysEnd}${p.rows}${int}${p.codes}${small}${p.times}${ts}${p.offsets}${small}${p.values}${end}${select}`;
  }
  built.set(type, statement);
  return statement;
}
