// The SQL of readSeries and thresholdCrossings, apart so that a test can EXPLAIN exactly what they
// run without the package exporting it.
import type { MeasurementDefinition } from "@wearables/schemas";
import { type SQL, sql } from "drizzle-orm";
import { InvalidCursorError } from "./read-query.ts";
import type { ReadSeriesArgs, SeriesBucket, ThresholdArgs } from "./series.ts";

/** The local ISO time of a row: the wall clock as written, then the offset written with it. */
const LOCAL_ISO = sql.raw(`replace(m.local_ts::text, ' ', 'T') || case when m.utc_offset is null then ''
  else case when m.utc_offset < 0 then '-' else '+' end || lpad((abs(m.utc_offset) / 60)::text, 2, '0')
    || ':' || lpad((abs(m.utc_offset) % 60)::text, 2, '0') end`);

/** Each bucket's start (grouped on, so rows come in index order) and its text in the answer. */
const TRUNC: Record<Exclude<SeriesBucket, "raw">, { key: string; text: string }> = {
  hour: { key: "date_trunc('hour', m.local_ts)", text: `to_char(b.start, 'YYYY-MM-DD"T"HH24:00')` },
  day: { key: "m.local_ts::date", text: "b.start::text" },
  // ISO weeks: date_trunc('week') starts on Monday.
  week: { key: "date_trunc('week', m.local_ts)::date", text: "b.start::text" },
  month: { key: "date_trunc('month', m.local_ts)::date", text: "b.start::text" },
};

/** The statement of one series read: its text depends only on `name`, so it can be prepared. */
export interface SeriesStatement {
  name: string;
  query: SQL;
}

const list = (expr: string) => `coalesce(string_agg(${expr}, ','), '')`;

/** The value of a bucket by the catalog's aggregation; `last` costs a sort, so only when asked. */
function combined(withLast: boolean): string {
  return `case q.agg when 'sum' then sum(m.value) when 'min' then min(m.value) when 'max' then max(m.value)
    ${withLast ? "when 'last' then (array_agg(m.value order by m.local_ts desc))[1]" : ""} else avg(m.value) end`;
}

/** The natural key of a point's record, from the table of its measurement's model. */
const RECORD_KEY = `case q.model
    when 'body' then (select r.natural_key from body r where r.id = m.record_id)
    when 'daily' then (select r.natural_key from daily r where r.id = m.record_id)
    when 'sleep' then (select r.natural_key from sleep r where r.id = m.record_id)
    when 'activity' then (select r.natural_key from activity r where r.id = m.record_id) end`;

/**
 * Every asked measurement in one statement: a lateral subquery per measurement, each reading its
 * own range of measurements_user_idx in order. The measurements, their aggregations, models and
 * kinds are parameters (arrays), so the text is one of a few per bucket and PostgreSQL plans it
 * once per connection.
 *
 * The JSON is columnar (one array per field: what charting libraries take, and a third of the
 * bytes of one object per point) and concatenated as text rather than built with
 * json_build_object: about twice as fast for a year of points, in the order of the ordered
 * subquery. Every value is a finite float8 (the extraction keeps no other), which PostgreSQL
 * prints as a valid JSON number; text goes through to_json for its quoting.
 */
export function seriesQuery(
  args: ReadSeriesArgs,
  defs: readonly MeasurementDefinition[],
  limit: number,
): SeriesStatement {
  const arr = (xs: readonly (string | number | boolean)[]) => `{${xs.join(",")}}`;
  const q = sql`unnest(${arr(defs.map((d) => d.code))}::smallint[], ${arr(defs.map((d) => d.aggregation))}::text[],
      ${arr(defs.map((d) => d.model))}::text[], ${arr(defs.map((d) => d.kind === "daily"))}::boolean[])
    with ordinality as q(code, agg, model, daily, ord)`;
  const where = sql`m.user_id = ${args.userId} and m.measurement = q.code
    and m.local_ts >= ${args.startDate}::date and m.local_ts < ${args.endDate}::date + 1`;
  if (args.bucket === "raw") {
    return {
      name: "wearables_series_raw",
      query: sql`select q.code::int as code, s.truncated, s.json from ${q} cross join lateral (
          select (select count(*) > ${limit} from (select 1 from measurements m where ${where} limit ${limit + 1}) x) as truncated,
            ${sql.raw(`'{"t":[' || ${list(`'"' || p.t || '"'`)} || '],"v":[' || ${list("p.value::text")}
              || '],"key":[' || ${list("to_json(p.key)::text")} || ']}'`)} as json
          from (select ${LOCAL_ISO} as t, m.value, ${sql.raw(RECORD_KEY)} as key
                from measurements m where ${where} order by m.local_ts limit ${limit}) p
        ) s order by q.ord`,
    };
  }
  const bucket = TRUNC[args.bucket];
  const withLast = defs.some((d) => d.aggregation === "last");
  const grouped =
    sql.raw(`(select '{"start":[' || ${list(`'"' || ${bucket.text} || '"'`)} || '],"count":[' || ${list("b.n::text")}
      || '],"min":[' || ${list("b.lo::text")} || '],"max":[' || ${list("b.hi::text")} || '],"value":['
      || ${list("b.v::text")} || ']}'
    from (select ${bucket.key} as start, count(*)::int as n, min(m.value) as lo, max(m.value) as hi,
            ${combined(withLast)} as v
          from measurements m where `);
  const groupedEnd = sql.raw(" group by 1 order by 1) b)");
  if (args.bucket !== "day") {
    return {
      name: `wearables_series_${args.bucket}${withLast ? "_last" : ""}`,
      query: sql`select q.code::int as code, false as truncated, ${grouped}${where}${groupedEnd} as json
        from ${q} order by q.ord`,
    };
  }
  // A daily measurement has one point per local day (its record is keyed by that day, and the
  // point is timed at the day's start): each day's bucket is that point, no grouping needed.
  const daily =
    sql.raw(`(select '{"start":[' || ${list(`'"' || p.day::text || '"'`)} || '],"count":[' || ${list("'1'")}
      || '],"min":[' || ${list("p.v")} || '],"max":[' || ${list("p.v")} || '],"value":[' || ${list("p.v")} || ']}'
    from (select m.local_ts::date as day, m.value::text as v from measurements m where `);
  const dailyEnd = sql.raw(" order by m.local_ts) p)");
  return {
    name: `wearables_series_day${withLast ? "_last" : ""}`,
    query: sql`select q.code::int as code, false as truncated,
        case when q.daily then ${daily}${where}${dailyEnd} else ${grouped}${where}${groupedEnd} end as json
      from ${q} order by q.ord`,
  };
}

export function encodeUserCursor(userId: string): string {
  return Buffer.from(`u:${userId}`).toString("base64url");
}
function decodeUserCursor(cursor: string): string {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  // Only what encodeUserCursor makes: the id goes to the database as text (no NUL).
  if (
    !text.startsWith("u:") ||
    text.length < 3 ||
    text.includes("\u0000") ||
    Buffer.from(text).toString("base64url") !== cursor
  ) {
    throw new InvalidCursorError();
  }
  return text.slice(2);
}

/**
 * The threshold query: a skip scan over the users of measurements_user_idx (each step one index
 * descent to the next user id), and for each user an index-only probe of that measurement's range
 * with the value bound. Cost grows with users × points in the range, never with a user's history
 * outside it; it stops once the page is full.
 */
export function thresholdQuery(args: ThresholdArgs, limit: number): SQL {
  const conds: SQL[] = [
    sql`m.user_id = u.user_id and m.measurement = ${args.measurement}`,
    sql`m.local_ts >= ${args.startDate}::date and m.local_ts < ${args.endDate}::date + 1`,
  ];
  if (args.min != null) conds.push(sql`m.value >= ${args.min}::float8`);
  if (args.max != null) conds.push(sql`m.value <= ${args.max}::float8`);
  const after = args.cursor ? decodeUserCursor(args.cursor) : "";
  return sql`with recursive users as (
      select min(user_id) as user_id from measurements where user_id > ${after}
      union all
      select (select min(m.user_id) from measurements m where m.user_id > users.user_id)
      from users where users.user_id is not null
    )
    select u.user_id, s.n, s.lo, s.hi, s.first, s.last
    from users u cross join lateral (
      select count(*)::int as n, min(m.value) as lo, max(m.value) as hi,
        replace(min(m.local_ts)::text, ' ', 'T') as first, replace(max(m.local_ts)::text, ' ', 'T') as last
      from measurements m where ${sql.join(conds, sql` and `)}
    ) s
    where u.user_id is not null and s.n > 0
    limit ${limit + 1}`;
}
