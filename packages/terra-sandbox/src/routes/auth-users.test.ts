import { describe, expect, it } from "vitest";
import { AUTH, testSandbox } from "../test-helpers.ts";

const json = async (r: Response) => (await r.json()) as Record<string, unknown>;
const post = (body: unknown) => ({
  method: "POST",
  headers: { ...AUTH, "content-type": "application/json" },
  body: JSON.stringify(body),
});

describe("auth endpoints", () => {
  it("generateWidgetSession answers a session and connects a user, posting auth with the reference_id", async () => {
    const { sb, received } = testSandbox({ users: 0 });
    const res = await json(
      await sb.app.request(
        "/auth/generateWidgetSession",
        post({ reference_id: "ours-1", providers: "WITHINGS" }),
      ),
    );
    expect(res).toMatchObject({ status: "success", expires_in: 900 });
    expect(res.url).toBe(`https://widget.tryterra.co/session/${res.session_id}`);
    await sb.flush();
    expect(received.map((r) => r.json.type)).toEqual(["auth"]);
    expect(received[0]!.json).toMatchObject({
      status: "success",
      widget_session_id: res.session_id,
      reference_id: "ours-1",
      user: { provider: "WITHINGS", reference_id: "ours-1" },
    });
    const userId = (received[0]!.json.user as { user_id: string }).user_id;
    expect((await sb.app.request(`/userInfo?user_id=${userId}`, { headers: AUTH })).status).toBe(200);
  });

  it("authenticateUser creates a user for WITHINGS, 400 without resource, 404 for an unknown one", async () => {
    const { sb, received } = testSandbox({ users: 0 });
    const ok = await json(
      await sb.app.request("/auth/authenticateUser?resource=WITHINGS", post({ reference_id: "r2" })),
    );
    expect(ok.status).toBe("success");
    expect(typeof ok.auth_url).toBe("string");
    const info = await json(await sb.app.request(`/userInfo?user_id=${ok.user_id}`, { headers: AUTH }));
    expect(info).toMatchObject({
      status: "success",
      is_authenticated: true,
      user: { user_id: ok.user_id, reference_id: "r2" },
    });
    // Terra writes UTC instants with microseconds and +00:00, never Z.
    expect((info.user as { created_at: string }).created_at).toMatch(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$/,
    );
    expect((await sb.app.request("/auth/authenticateUser", post({}))).status).toBe(400);
    expect((await sb.app.request("/auth/authenticateUser?resource=NOPE", post({}))).status).toBe(404);
    await sb.flush();
    expect(received.map((r) => r.json.type)).toEqual(["auth"]);
  });

  it("deauthenticateUser removes the user and posts deauth; an unknown user is 404", async () => {
    const { sb, received } = testSandbox();
    const id = sb.users[0]!.user_id;
    const res = await sb.app.request(`/auth/deauthenticateUser?user_id=${id}`, {
      method: "DELETE",
      headers: AUTH,
    });
    expect(await json(res)).toEqual({ status: "success" });
    expect((await sb.app.request(`/userInfo?user_id=${id}`, { headers: AUTH })).status).toBe(404);
    expect(
      (await sb.app.request(`/auth/deauthenticateUser?user_id=${id}`, { method: "DELETE", headers: AUTH }))
        .status,
    ).toBe(404);
    await sb.flush();
    expect(received.map((r) => r.json.type)).toEqual(["deauth"]);
    expect(received[0]!.json).toMatchObject({ status: "success", user: { user_id: id, active: false } });
  });
});

describe("user endpoints", () => {
  it("userInfo by reference_id lists that reference's connections; 400 without a selector", async () => {
    const { sb } = testSandbox();
    const u = sb.users[2]!;
    const list = (await (
      await sb.app.request(`/userInfo?reference_id=${u.reference_id}`, { headers: AUTH })
    ).json()) as unknown[];
    expect(list).toEqual([expect.objectContaining({ user_id: u.user_id, provider: "WITHINGS" })]);
    expect((await sb.app.request("/userInfo", { headers: AUTH })).status).toBe(400);
  });

  it("subscriptions answers {users} without page and {data:{next,max_page,results}} with one", async () => {
    const { sb } = testSandbox({ users: 5 });
    const all = await json(await sb.app.request("/subscriptions", { headers: AUTH }));
    expect((all.users as unknown[]).length).toBe(5);
    const p0 = await json(await sb.app.request("/subscriptions?page=0&per_page=2", { headers: AUTH }));
    expect(p0.data).toMatchObject({ next: 1, max_page: 2 });
    const p2 = await json(await sb.app.request("/subscriptions?page=2&per_page=2", { headers: AUTH }));
    expect(p2.data).toMatchObject({ next: null, max_page: 2 });
    expect((p2.data as { results: unknown[] }).results.length).toBe(1);
  });
});

describe("lifecycle triggers", () => {
  it("reauth gives the same person a new user id with the same data; the old id is gone", async () => {
    const { sb, received } = testSandbox();
    const old = sb.users[0]!;
    const before = sb.expectedRecords(old.user_id, "body", "2026-10-01", "2026-10-31");
    const fresh = sb.triggers.reauth(old.user_id);
    expect(fresh.user_id).not.toBe(old.user_id);
    expect(fresh.reference_id).toBe(old.reference_id);
    expect((await sb.app.request(`/userInfo?user_id=${old.user_id}`, { headers: AUTH })).status).toBe(404);
    expect(sb.expectedRecords(fresh.user_id, "body", "2026-10-01", "2026-10-31")).toEqual(before);
    await sb.flush();
    expect(received.map((r) => r.json.type)).toEqual(["user_reauth", "auth"]);
    expect(received[0]!.json).toMatchObject({
      status: "warning",
      old_user: { user_id: old.user_id },
      new_user: { user_id: fresh.user_id },
    });
  });

  it("posts access_revoked, connection_error and permission_change on demand", async () => {
    const { sb, received } = testSandbox();
    const id = sb.users[1]!.user_id;
    sb.triggers.accessRevoked(id);
    sb.triggers.connectionError(id);
    sb.triggers.permissionChange(id, "user.sleepevents", "user.activity");
    await sb.flush();
    expect(received.map((r) => [r.json.type, r.json.status])).toEqual([
      ["access_revoked", "warning"],
      ["connection_error", "warning"],
      ["permission_change", "warning"],
    ]);
    expect(received[2]!.json).toMatchObject({
      scopes_added: "user.sleepevents",
      scopes_removed: "user.activity",
    });
  });
});
