// The statements of a record upsert: the records of a batch, then the measurement rows of the
// records that won.
import { type DataType, measurementsOfModel } from "@wearables/schemas";
import { getTableColumns, type SQL, sql } from "drizzle-orm";
import { EXTRA_COLUMNS } from "../extract.ts";
import { recordTable } from "../record-tables.ts";
import { changesSql, mergedDocumentSql, replacesSql } from "./newer-wins.ts";

/** One row per record the upsert inserted or updated (skipped rows are "unchanged"). */
export interface UpsertedRow {
  id: number | string;
  user_id: string;
  natural_key: string;
  inserted: boolean;
  changed: boolean;
}

const upserts = new Map<DataType, (payload: string) => SQL>();

/**
 * The batch travels as one JSON array in one parameter, expanded by jsonb_to_recordset (ADR 0303)
 * into INSERT … ON CONFLICT … DO UPDATE … WHERE <newer wins> (ADR 0300).
 */
export function recordStatement(type: DataType): (payload: string) => SQL {
  const cached = upserts.get(type);
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
  const head = sql.raw(`insert into ${type} as t (user_id, natural_key, start_time, end_time, local_date,
        document, ordering_ts, received_at, source, event_id, last_write_changed${extras.map((c) => `, ${c}`).join("")})
      select r.user_id, r.natural_key, r.start_time, r.end_time, r.local_date, r.document, r.ordering_ts,
        r.received_at, r.source, r.event_id, true${extras.map((c) => `, r.${c}`).join("")}
      from jsonb_to_recordset(`);
  const tail = sql.raw(`::jsonb) as r(user_id text, natural_key text, start_time text, end_time text,
        local_date date, document jsonb, ordering_ts bigint, received_at timestamptz, source text,
        event_id bigint${extras.map((c, i) => `, ${c} ${extraTypes[i]}`).join("")})
      on conflict (user_id, natural_key) do update set
        document = ${mergedDocumentSql(incoming.doc, stored.doc)},
        last_write_changed = ${changed},
        updated_at = case when ${changed} then now() else t.updated_at end,
        change_xid = case when ${changed} then pg_current_xact_id() else t.change_xid end,
        revision = case when ${changed} then t.revision + 1 else t.revision end,
        ${updates.join(",\n        ")}
      where ${replacesSql(incoming, stored)}
      returning t.id, t.user_id, t.natural_key, (xmax = 0) as inserted, t.last_write_changed as changed`);
  const statement = (payload: string) => sql`${head}${payload}${tail}`;
  upserts.set(type, statement);
  return statement;
}

/**
 * The measurement rows of the records an upsert just inserted or changed, as PostgreSQL array
 * literals: the replaced records' ids, the winners' ids and users, and each point with the
 * 1-based position of its record among the winners.
 */
export interface PointArrays {
  replaced: string;
  ids: string;
  users: string;
  records: string;
  codes: string;
  times: string;
  offsets: string;
  values: string;
}

const points = new Map<DataType, (arrays: PointArrays) => SQL>();

/**
 * Deletes the measurement rows of the copies the winners replaced and inserts theirs (ADR 0304).
 * A statement of its own, after the upsert: the upsert holds the winners' row locks by then, and
 * this statement's snapshot (READ COMMITTED) sees every row a concurrent writer of the same record
 * committed before the lock was granted. In the upsert's own statement it would not, and the rows
 * of a copy written a moment earlier by another connection would stay beside the winner's.
 * Null for a type without measurements.
 */
export function pointsStatement(type: DataType): ((arrays: PointArrays) => SQL) | null {
  if (points.has(type)) return points.get(type) ?? null;
  const codes = measurementsOfModel(type).map((m) => m.code);
  if (codes.length === 0) {
    points.set(type, () => sql``);
    return null;
  }
  const raw = (s: string) => sql.raw(s);
  const statement = (a: PointArrays) => sql`with gone as (
      delete from measurements m where m.record_id = any(${a.replaced}::bigint[])
        and m.measurement = any(${raw(`'{${codes.join(",")}}'`)}::smallint[])
    )
    insert into measurements (local_ts, value, record_id, measurement, utc_offset, user_id)
    select timestamp '1970-01-01' + p.wall_us * interval '1 microsecond', p.value, w.id, p.measurement,
      p.utc_offset, w.user_id
    from unnest(${a.records}::int[], ${a.codes}::smallint[], ${a.times}::int8[], ${a.offsets}::smallint[],
        ${a.values}::float8[]) as p(ri, measurement, wall_us, utc_offset, value)
      join unnest(${a.ids}::bigint[], ${a.users}::text[]) with ordinality as w(id, user_id, ri) on w.ri = p.ri`;
  points.set(type, statement);
  return statement;
}
