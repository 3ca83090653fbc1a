import { verifyWebhook } from "@wearables/terra-client";
import { describe, expect, it } from "vitest";
import { AUTH, FIXED_NOW, testSandbox } from "./test-helpers.ts";

const json = async (r: Response) => (await r.json()) as Record<string, unknown>;

describe("to_webhook requests", () => {
  it("defaults to_webhook to true: answers with a reference, then posts one data event within a month", async () => {
    const { sb, received } = testSandbox();
    const u = sb.users[0]!;
    const res = await sb.app.request(
      `/v2/daily?user_id=${u.user_id}&start_date=2026-11-02&end_date=2026-11-08`,
      { headers: AUTH },
    );
    const body = await json(res);
    expect(body).toMatchObject({ status: "success", type: "daily", user: { user_id: u.user_id } });
    const reference = body.reference as string;
    expect(body.trace_id).toBe(reference);
    expect(body.message).toBeUndefined();
    expect(res.headers.get("terra-reference")).toBe(reference);
    await sb.flush();
    expect(received).toHaveLength(1);
    const [event] = received;
    expect(event!.headers["terra-reference"]).toBe(reference);
    expect(event!.headers["x-terra-trace-id"]).toBe(reference);
    expect(event!.json.type).toBe("daily");
    expect(event!.json.data).toEqual(sb.expectedRecords(u.user_id, "daily", "2026-11-02", "2026-11-08"));
    expect(
      verifyWebhook(event!.body, event!.headers["terra-signature"], "whsec-test", { now: () => FIXED_NOW })
        .ok,
    ).toBe(true);
  });

  it("chunks a month-crossing request: processing, sending(expected_payloads), then chunks of at most 10", async () => {
    const { sb, received } = testSandbox();
    const u = sb.users[0]!;
    const res = await sb.app.request(
      `/daily?user_id=${u.user_id}&start_date=2026-09-15&end_date=2026-11-03&to_webhook=true`,
      { headers: AUTH },
    );
    const body = await json(res);
    const reference = body.reference as string;
    expect(body.message).toMatch(/chunks/);
    await sb.flush();
    const expected = sb.expectedRecords(u.user_id, "daily", "2026-09-15", "2026-11-03");
    expect(expected).toHaveLength(50);
    expect(received.map((r) => r.json.type)).toEqual([
      "large_request_processing",
      "large_request_sending",
      ...Array(5).fill("daily"),
    ]);
    expect(received[0]!.json).toMatchObject({ status: "processing", reference });
    expect(received[1]!.json).toMatchObject({ reference, expected_payloads: 5 });
    const chunks = received.slice(2);
    chunks.forEach((c, i) => {
      expect(c.headers["terra-reference"]).toBe(reference);
      expect(c.headers["x-terra-trace-id"]).toBe(`${reference}:chunk:${i + 1}`);
      expect((c.json.data as unknown[]).length).toBeLessThanOrEqual(10);
    });
    expect(chunks.flatMap((c) => c.json.data as unknown[])).toEqual(expected);
    for (const r of received) expect(r.headers["terra-reference"]).toBe(reference);
    expect(new Set(received.map((r) => r.headers["x-terra-trace-id"])).size).toBe(received.length);
  });

  it("answers to_webhook=false with {user, data, type} equal to expectedRecords, samples only when asked", async () => {
    const { sb } = testSandbox();
    const u = sb.users[1]!;
    const q = `user_id=${u.user_id}&start_date=2026-11-01&end_date=2026-11-10&to_webhook=false`;
    const plain = await json(await sb.app.request(`/daily?${q}`, { headers: AUTH }));
    expect(plain.type).toBe("daily");
    expect(plain.user).toMatchObject({ user_id: u.user_id, provider: "WITHINGS" });
    expect(plain.data).toEqual(sb.expectedRecords(u.user_id, "daily", "2026-11-01", "2026-11-10"));
    expect(JSON.stringify(plain.data)).not.toContain("_samples");
    const withSamples = await json(await sb.app.request(`/daily?${q}&with_samples=true`, { headers: AUTH }));
    expect(JSON.stringify(withSamples.data)).toContain("step_samples");
    const ath = await json(
      await sb.app.request(`/athlete?user_id=${u.user_id}&to_webhook=false`, { headers: AUTH }),
    );
    expect(ath).toMatchObject({
      type: "athlete",
      user: { user_id: u.user_id },
      athlete: { first_name: u.person.firstName },
    });
  });

  it("counts data requests per user, type and window", async () => {
    const { sb } = testSandbox();
    const id = sb.users[0]!.user_id;
    for (const w of ["2026-10-01", "2026-10-08", "2026-10-01"]) {
      await sb.app.request(`/body?user_id=${id}&start_date=${w}&end_date=${w}&to_webhook=false`, {
        headers: AUTH,
      });
    }
    expect(sb.state.requestCount({ userId: id, type: "body", start: "2026-10-01", end: "2026-10-01" })).toBe(
      2,
    );
    expect(sb.state.requestCount({ userId: id, type: "body", start: "2026-10-08" })).toBe(1);
    expect(sb.state.requestCount({ userId: id, type: "sleep" })).toBe(0);
    expect(sb.state.requests[0]).toMatchObject({
      toWebhook: false,
      withSamples: false,
      status: 200,
      days: 1,
    });
  });

  it("answers processing with retry_after_seconds while the fault lasts, then data", async () => {
    const { sb } = testSandbox();
    const id = sb.users[0]!.user_id;
    sb.triggers.processing(id, 180, 1);
    const q = `/sleep?user_id=${id}&start_date=2026-11-01&end_date=2026-11-02&to_webhook=false`;
    expect(await json(await sb.app.request(q, { headers: AUTH }))).toMatchObject({
      type: "processing",
      retry_after_seconds: 180,
    });
    expect(await json(await sb.app.request(q, { headers: AUTH }))).toHaveProperty("data");
  });

  it("injects 5xx and 429 on data endpoints at the configured rates", async () => {
    const { sb: errors } = testSandbox({ faults: { rest5xxRate: 1 } });
    const id = errors.users[0]!.user_id;
    const r = await errors.app.request(`/body?user_id=${id}&start_date=2026-11-01`, { headers: AUTH });
    expect([500, 502, 503]).toContain(r.status);
    const { sb: limited } = testSandbox({ faults: { rest429Rate: 1 } });
    const l = await limited.app.request(`/body?user_id=${id}&start_date=2026-11-01`, { headers: AUTH });
    expect(l.status).toBe(429);
    expect(l.headers.get("x-terra-ratelimit-rule")).toBe("r2");
    expect(l.headers.get("retry-after")).toBe("1");
  });
});

describe("ping mode", () => {
  it("sends s3_payload events whose URL serves the real event for 300 s, then 400", async () => {
    let now = FIXED_NOW;
    const { sb, received } = testSandbox({ deliveryMode: "ping", now: () => now });
    const id = sb.users[0]!.user_id;
    sb.triggers.push(id, "daily", "2026-11-20");
    await sb.flush();
    const ping = received[0]!.json as { type: string; status: string; url: string; expires_in: number };
    expect(ping).toMatchObject({ type: "s3_payload", status: "success", expires_in: 300 });
    const res = await sb.app.request(ping.url);
    expect(res.status).toBe(200);
    const event = (await res.json()) as { type: string; data: unknown[] };
    expect(event.type).toBe("daily");
    expect(event.data).toEqual(sb.expectedRecords(id, "daily", "2026-11-20", "2026-11-20"));
    now += 301_000;
    expect((await sb.app.request(ping.url)).status).toBe(400);
  });
});
