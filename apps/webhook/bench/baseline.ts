// The simplest correct design, measured beside ours in the same run: verify the signature, parse
// the JSON, one INSERT of the raw body, one commit per request (autocommit), answer.
import { type Db, insertEvent } from "@wearables/storage";
import { verifyWebhook } from "@wearables/terra-client";
import { Hono } from "hono";

export function createBaselineApp(db: Db, secrets: readonly string[]) {
  const app = new Hono();
  app.post("/webhooks/terra", async (c) => {
    const raw = Buffer.from(await c.req.arrayBuffer());
    const header = c.req.header("x-terra-signature") ?? c.req.header("terra-signature");
    if (!verifyWebhook(raw, header, secrets).ok) return c.json({ error: "bad signature" }, 401);
    let type = "invalid";
    try {
      const json = JSON.parse(raw.toString("utf8")) as { type?: unknown };
      if (typeof json.type === "string") type = json.type;
    } catch {
      // kept as received; a worker would mark it failed
    }
    try {
      await insertEvent(db, { rawBody: raw, traceId: c.req.header("x-terra-trace-id") ?? null, type });
    } catch {
      return c.json({ error: "database unavailable" }, 503);
    }
    return c.json({ ok: true }, 200);
  });
  return app;
}

/**
 * The machine's ceiling for this load, not a design: read the body and answer 200, storing
 * nothing. What it reaches is what the client, HTTP and the event loop leave on these cores.
 */
export function createCeilingApp() {
  const app = new Hono();
  app.post("/webhooks/terra", async (c) => {
    await c.req.arrayBuffer();
    return c.json({ ok: true }, 200);
  });
  return app;
}
