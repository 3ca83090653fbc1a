// The baseline of the document read: what a route written the obvious way does (select the rows
// through the ORM, JSON.stringify the documents, no compression), served on its own port.
import { type Db, dailyRecords } from "@wearables/storage";
import { Hono } from "hono";

export function naiveApp(db: Db) {
  const app = new Hono();
  app.get("/naive/users/:id/daily", async (c) => {
    const start = c.req.query("start_date") ?? "0001-01-01";
    const end = c.req.query("end_date") ?? "9999-12-31";
    const found = await db.orm.query.dailyRecords.findMany({
      where: (t, { and, eq, gte, lte }) =>
        and(eq(t.userId, c.req.param("id")), gte(t.localDate, start), lte(t.localDate, end)),
      orderBy: (t, { asc }) => [asc(t.localDate), asc(t.id)],
    });
    const data = found.map((r) => ({
      date: r.localDate,
      key: r.naturalKey,
      received_at: r.receivedAt,
      source: r.source,
      document: r.document,
    }));
    return c.body(JSON.stringify({ data, next_cursor: null }), 200, { "content-type": "application/json" });
  });
  return app;
}

export { dailyRecords };
