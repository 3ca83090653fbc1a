import { describe, expect, it } from "vitest";
import { TerraAuthError, TerraNotFoundError, TerraResponseError } from "./errors.ts";
import { fakeFetch, json, problem, recordingClock, type Step } from "./fake-fetch.ts";
import { createTerraClient, type TerraClientOptions } from "./index.ts";

const USER = {
  user_id: "u-1",
  provider: "WITHINGS",
  reference_id: "ref-a",
  active: true,
  scopes: "user.metrics",
};

function setup(script: Step[], extra: Partial<TerraClientOptions> = {}) {
  const f = fakeFetch(script);
  const c = recordingClock();
  const terra = createTerraClient({
    devId: "dev-1",
    apiKey: "key-1",
    baseUrl: "http://terra.test/v2/",
    fetch: f.fetch,
    clock: c.clock,
    ...extra,
  });
  return { ...f, ...c, terra };
}

describe("createTerraClient", () => {
  it("refuses to start without credentials", () => {
    expect(() => createTerraClient({ devId: "", apiKey: "k" })).toThrow(/devId and apiKey/);
  });

  it("defaults to Terra's documented base URL", async () => {
    const t = fakeFetch([json({ status: "success", providers: [], sdk_providers: [] })]);
    await createTerraClient({ devId: "d", apiKey: "k", fetch: t.fetch }).integrations();
    expect(t.calls[0]?.url.toString()).toBe("https://api.tryterra.co/v2/integrations");
  });
});

describe("every call", () => {
  it("carries dev-id and x-api-key on every endpoint", async () => {
    const t = setup([
      json({ status: "success", session_id: "s", url: "https://w.test/s", expires_in: 900 }),
      json({ status: "success", user_id: "u", auth_url: "https://a.test" }),
      json({ status: "success" }),
      json({ status: "success", user: USER }),
      json([USER]),
      json({ users: [USER] }),
      json({ status: "success", providers: [], sdk_providers: [] }),
      json({ user: USER, data: [], type: "daily" }),
      json({ user: USER, athlete: {}, type: "athlete" }),
    ]);
    await t.terra.generateWidgetSession();
    await t.terra.authenticateUser({ provider: "WITHINGS" });
    await t.terra.deauthenticateUser("u");
    await t.terra.userInfo("u");
    await t.terra.userInfoByReference("r");
    await t.terra.subscriptions();
    await t.terra.integrations();
    await t.terra.getData("daily", { userId: "u", startDate: "2024-03-01", toWebhook: false });
    await t.terra.getData("athlete", { userId: "u", toWebhook: true });
    expect(t.calls).toHaveLength(9);
    for (const call of t.calls) {
      expect([call.url.pathname, call.headers.get("dev-id"), call.headers.get("x-api-key")]).toEqual([
        call.url.pathname,
        "dev-1",
        "key-1",
      ]);
      expect(call.url.pathname.startsWith("/v2/")).toBe(true);
    }
  });
});

describe("auth endpoints", () => {
  it("generateWidgetSession posts Terra's body and returns the session", async () => {
    const t = setup([
      json({
        status: "success",
        session_id: "s-1",
        url: "https://widget.tryterra.co/session/s-1",
        expires_in: 900,
      }),
    ]);
    const { result } = await t.terra.generateWidgetSession({
      providers: ["WITHINGS", "GARMIN"],
      referenceId: "ref-a",
      authSuccessRedirectUrl: "https://app.test/ok",
    });
    expect(result).toEqual({
      sessionId: "s-1",
      url: "https://widget.tryterra.co/session/s-1",
      expiresIn: 900,
    });
    const call = t.calls[0];
    expect(call?.method).toBe("POST");
    expect(call?.url.pathname).toBe("/v2/auth/generateWidgetSession");
    expect(JSON.parse(call?.body ?? "")).toEqual({
      providers: "WITHINGS,GARMIN",
      reference_id: "ref-a",
      auth_success_redirect_url: "https://app.test/ok",
    });
    expect(call?.headers.get("dev-id")).toBe("dev-1");
    expect(call?.headers.get("x-api-key")).toBe("key-1");
  });

  it("authenticateUser sends the provider as `resource`", async () => {
    const t = setup([json({ status: "success", user_id: "u-9", auth_url: "https://withings.test/oauth" })]);
    const { result } = await t.terra.authenticateUser({ provider: "WITHINGS", referenceId: "ref-b" });
    expect(result).toEqual({ userId: "u-9", authUrl: "https://withings.test/oauth" });
    expect(t.calls[0]?.url.searchParams.get("resource")).toBe("WITHINGS");
    expect(JSON.parse(t.calls[0]?.body ?? "")).toEqual({ reference_id: "ref-b" });
  });

  it("deauthenticateUser is a DELETE with user_id; 404 is TerraNotFoundError", async () => {
    const t = setup([json({ status: "success" }), problem(404, "not found", "user not found")]);
    expect((await t.terra.deauthenticateUser("u-1")).result).toEqual({ status: "success" });
    expect(t.calls[0]?.method).toBe("DELETE");
    expect(t.calls[0]?.url.search).toBe("?user_id=u-1");
    await expect(t.terra.deauthenticateUser("u-x")).rejects.toBeInstanceOf(TerraNotFoundError);
  });

  it("a response missing a documented field is a TerraResponseError", async () => {
    const t = setup([json({ status: "success", session_id: "s-1" })]);
    await expect(t.terra.generateWidgetSession()).rejects.toBeInstanceOf(TerraResponseError);
  });

  it("a 401 from the older body shape is TerraAuthError", async () => {
    const t = setup([json({ status: "error", message: "Invalid dev-id was provided" }, 401)]);
    await expect(t.terra.generateWidgetSession()).rejects.toBeInstanceOf(TerraAuthError);
  });
});

describe("users", () => {
  it("userInfo parses the TerraUser and the polling fields", async () => {
    const t = setup([
      json({
        status: "success",
        is_authenticated: true,
        user: { ...USER, last_polled_at: "2024-01-20T11:00:00Z", most_recent_data_at: null },
      }),
    ]);
    const { result } = await t.terra.userInfo("u-1");
    expect(result.user.user_id).toBe("u-1");
    expect(result.user.provider).toBe("WITHINGS");
    expect(result).toMatchObject({
      isAuthenticated: true,
      lastPolledAt: "2024-01-20T11:00:00Z",
      mostRecentDataAt: null,
    });
    expect(t.calls[0]?.url.search).toBe("?user_id=u-1");
  });

  it("userInfo rejects a user that does not match TerraUser", async () => {
    const t = setup([json({ status: "success", user: { provider: "WITHINGS" } })]);
    await expect(t.terra.userInfo("u-1")).rejects.toBeInstanceOf(TerraResponseError);
  });

  it("userInfoByReference returns every connection, and [] for an unknown reference", async () => {
    const t = setup([
      json([USER, { ...USER, user_id: "u-2", provider: "GARMIN" }]),
      problem(404, "not found", "x"),
    ]);
    const { result } = await t.terra.userInfoByReference("ref-a");
    expect(result.map((u) => u.user_id)).toEqual(["u-1", "u-2"]);
    expect(t.calls[0]?.url.search).toBe("?reference_id=ref-a");
    expect((await t.terra.userInfoByReference("nobody")).result).toEqual([]);
  });

  it("integrations lists providers and sdk providers", async () => {
    const t = setup([
      json({ status: "success", providers: ["WITHINGS", "GARMIN"], sdk_providers: ["APPLE"] }),
    ]);
    expect((await t.terra.integrations()).result).toEqual({
      providers: ["WITHINGS", "GARMIN"],
      sdkProviders: ["APPLE"],
    });
  });
});

describe("subscriptions", () => {
  const page = (results: unknown[], next: number | null, maxPage = 2) =>
    json({ data: { next, max_page: maxPage, results } });

  it("reads the unpaged {users} shape", async () => {
    const t = setup([json({ users: [USER] })]);
    const { result } = await t.terra.subscriptions();
    expect(result).toMatchObject({ next: null, maxPage: undefined });
    expect(result.users.map((u) => u.user_id)).toEqual(["u-1"]);
    expect(t.calls[0]?.url.search).toBe("");
  });

  it("reads the paged {data:{next,max_page,results}} shape with zero-based page and per_page", async () => {
    const t = setup([page([USER], 1)]);
    const { result } = await t.terra.subscriptions({ page: 0, perPage: 1 });
    expect(result).toMatchObject({ next: 1, maxPage: 2 });
    expect(t.calls[0]?.url.searchParams.get("page")).toBe("0");
    expect(t.calls[0]?.url.searchParams.get("per_page")).toBe("1");
  });

  it("subscriptionPages walks every page until next is null", async () => {
    const u = (id: string) => ({ ...USER, user_id: id });
    const t = setup([page([u("a"), u("b")], 1), page([u("c"), u("d")], 2), page([u("e")], null)]);
    const ids: string[] = [];
    for await (const p of t.terra.subscriptionPages({ perPage: 2 }))
      ids.push(...p.result.users.map((x) => x.user_id));
    expect(ids).toEqual(["a", "b", "c", "d", "e"]);
    expect(t.calls.map((c) => c.url.searchParams.get("page"))).toEqual(["0", "1", "2"]);
  });

  it("subscriptionPages stops when the server ignores paging or repeats a page", async () => {
    const t = setup([json({ users: [USER] })]);
    let pages = 0;
    for await (const _ of t.terra.subscriptionPages()) pages++;
    expect(pages).toBe(1);
    const t2 = setup([page([USER], 1), page([USER], 1)]);
    pages = 0;
    for await (const _ of t2.terra.subscriptionPages()) pages++;
    expect(pages).toBe(2);
    expect(t2.remaining()).toBe(0);
  });
});
