import { describe, expect, it } from "vitest";
import { AUTH, FIXED_NOW, testSandbox } from "../test-helpers.ts";
import { addDays } from "../time.ts";

const json = async (r: Response) => (await r.json()) as Record<string, unknown>;

describe("data endpoints: errors", () => {
  const { sb } = testSandbox();
  const id = sb.users[0]!.user_id;

  it("answers 401 problem+json without dev-id/x-api-key or with a wrong key", async () => {
    const none = await sb.app.request(`/v2/body?user_id=${id}&start_date=2026-11-01`);
    expect(none.status).toBe(401);
    expect(none.headers.get("content-type")).toBe("application/problem+json");
    expect(await json(none)).toEqual({
      type: "about:blank",
      title: "unauthorized",
      instance: `/v2/body?user_id=${id}&start_date=2026-11-01`,
      detail: "dev-id or x-api-key headers are missing",
    });
    const wrong = await sb.app.request(`/body?user_id=${id}&start_date=2026-11-01`, {
      headers: { ...AUTH, "x-api-key": "nope" },
    });
    expect(wrong.status).toBe(401);
  });

  it("keeps /integrations public and lists the developer's providers when dev-id is sent", async () => {
    const pub = await json(await sb.app.request("/integrations"));
    expect((pub.providers as string[]).length).toBeGreaterThan(1);
    const mine = await json(await sb.app.request("/integrations", { headers: { "dev-id": "x" } }));
    expect(mine).toEqual({ status: "success", providers: ["WITHINGS"], sdk_providers: [] });
  });

  it("answers 404 for an unknown user and 400 for malformed or inverted dates", async () => {
    const unknown = await sb.app.request("/daily?user_id=nobody&start_date=2026-11-01", { headers: AUTH });
    expect(unknown.status).toBe(404);
    expect((await json(unknown)).detail).toBe("user not found");
    for (const q of [
      "start_date=2026-13-01",
      "start_date=yesterday",
      "start_date=2026-11-05&end_date=2026-11-01",
      "",
    ]) {
      const r = await sb.app.request(`/daily?user_id=${id}&${q}`, { headers: AUTH });
      expect(r.status, q).toBe(400);
      expect(r.headers.get("content-type")).toBe("application/problem+json");
    }
  });

  it("accepts unix seconds as the user's local date", async () => {
    const u = sb.users[0]!;
    const byDate = await json(
      await sb.app.request(
        `/daily?user_id=${u.user_id}&start_date=2026-11-03&end_date=2026-11-04&to_webhook=false`,
        { headers: AUTH },
      ),
    );
    // 2026-11-03T12:00 and 2026-11-04T12:00 UTC are on those local dates in every seeded zone but the far east.
    const start = Date.parse("2026-11-03T12:00:00Z") / 1000;
    const end = Date.parse("2026-11-04T12:00:00Z") / 1000;
    const byUnix = await json(
      await sb.app.request(
        `/daily?user_id=${u.user_id}&start_date=${start}&end_date=${end}&to_webhook=false`,
        { headers: AUTH },
      ),
    );
    expect(u.person.timeZone).toBe("Europe/Paris");
    expect(byUnix.data).toEqual(byDate.data);
  });
});

describe("data endpoints: r1 and r2 rate limits", () => {
  let now = FIXED_NOW;
  const { sb } = testSandbox({ now: () => now });
  const [a, b] = sb.users.map((u) => u.user_id);

  it("rejects a window over 1,825 days with 429 r1 and accepts exactly 1,825", async () => {
    const over = await sb.app.request(
      `/menstruation?user_id=${a}&start_date=2021-11-23&end_date=2026-11-23&to_webhook=false`,
      { headers: AUTH },
    );
    expect(over.status).toBe(429);
    expect(over.headers.get("x-terra-ratelimit-rule")).toBe("r1");
    expect(over.headers.get("retry-after")).toBeNull();
    expect(await json(over)).toEqual({ detail: "rate limit exceeded" });
    const exact = await sb.app.request(
      `/menstruation?user_id=${a}&start_date=2021-11-24&end_date=2026-11-23&to_webhook=false`,
      { headers: AUTH },
    );
    expect(exact.status).toBe(200);
    expect(exact.headers.get("x-terra-ratelimit-limit")).toBe("6000");
    expect(exact.headers.get("x-terra-ratelimit-remaining")).toBe(String(6000 - 1825));
    expect(exact.headers.get("x-terra-ratelimit-reset-after")).toBe("3600");
  });

  it("rejects past 6,000 days per user per rolling hour with 429 r2 and Retry-After, per user", async () => {
    const ask = (user: string, days: number) =>
      sb.app.request(
        `/menstruation?user_id=${user}&start_date=2015-01-01&end_date=${addDays("2015-01-01", days)}&to_webhook=false`,
        { headers: AUTH },
      );
    // 1,825 days were charged at FIXED_NOW by the previous test.
    now = FIXED_NOW + 600_000;
    expect((await ask(a!, 1825)).status).toBe(200);
    now = FIXED_NOW + 1_200_000;
    const third = await ask(a!, 1825);
    expect(third.headers.get("x-terra-ratelimit-remaining")).toBe("525");
    now = FIXED_NOW + 1_800_000;
    const over = await ask(a!, 600);
    expect(over.status).toBe(429);
    expect(over.headers.get("x-terra-ratelimit-rule")).toBe("r2");
    // The oldest charge (FIXED_NOW) frees enough budget in 30 minutes.
    expect(over.headers.get("retry-after")).toBe("1800");
    expect((await ask(a!, 525)).status).toBe(200);
    expect((await ask(b!, 1825)).status, "another user has its own budget").toBe(200);
    now = FIXED_NOW + 3_600_001;
    expect((await ask(a!, 600)).status, "budget freed after an hour").toBe(200);
    expect(sb.state.requestCount({ userId: a, status: 429 })).toBe(2);
  });
});
