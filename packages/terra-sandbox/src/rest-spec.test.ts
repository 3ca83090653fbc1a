import { hasShared, terraOpenApi } from "@wearables/test-support";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { AUTH, testSandbox } from "./test-helpers.ts";

// Every REST answer of the sandbox checked against the response schema Terra's OpenAPI bundle
// declares for that path, method and status (200 bodies, and problem+json for errors).
describe.skipIf(!hasShared())("REST answers match Terra's OpenAPI response schemas", () => {
  let ajv: InstanceType<typeof Ajv2020>;
  beforeAll(() => {
    ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
    addFormats.default(ajv);
    ajv.addSchema(terraOpenApi(), "openapi.json");
  });

  const pointer = (path: string, method: string, status: number, media: string) =>
    `openapi.json#/paths/${path.replaceAll("/", "~1")}/${method}/responses/${status}/content/${media.replaceAll("/", "~1")}/schema`;

  /** `branch`: which of the declared oneOf shapes the body must be (the bundle's oneOf is ambiguous). */
  async function check(path: string, method: string, res: Response, status: number, branch?: number) {
    expect(res.status, `${method.toUpperCase()} ${path}`).toBe(status);
    const media = status < 400 ? "application/json" : "application/problem+json";
    const body = (await res.json()) as unknown;
    // Errors use the shared Problem component (that is what the declared responses reference).
    let ref =
      status < 400 ? pointer(path, method, status, media) : "openapi.json#/components/schemas/Problem";
    const schema = ajv.getSchema(ref)?.schema as { oneOf?: unknown[] } | undefined;
    if (!schema) throw new Error(`no schema for ${method} ${path} ${status}`);
    // The oneOf branches declare no required keys, so an object matches several and oneOf always
    // fails: validate the branch the body claims to be, and require its keys to be declared there.
    if (schema.oneOf) {
      expect(branch, `${path}: say which oneOf branch`).toBeDefined();
      ref = `${ref}/oneOf/${branch}`;
      const declared = ajv.getSchema(ref)!.schema as { properties?: Record<string, unknown>; $ref?: string };
      const props =
        declared.properties ??
        (declared.$ref
          ? (
              ajv.getSchema(`openapi.json${declared.$ref}`)!.schema as {
                properties?: Record<string, unknown>;
              }
            ).properties
          : undefined);
      if (props && body && typeof body === "object" && !Array.isArray(body)) {
        for (const k of Object.keys(body)) expect(Object.keys(props), `${path}: key ${k}`).toContain(k);
      }
    }
    const validate = ajv.getSchema(ref)!;
    expect(
      validate(body),
      `${method.toUpperCase()} ${path} ${status}: ${ajv.errorsText(validate.errors)}`,
    ).toBe(true);
  }

  it("for auth, user, integration and data endpoints, successes and errors", async () => {
    const { sb } = testSandbox();
    const id = sb.users[0]!.user_id;
    const json = (body: unknown) => ({
      method: "POST",
      headers: { ...AUTH, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    await check(
      "/auth/generateWidgetSession",
      "post",
      await sb.app.request("/auth/generateWidgetSession", json({})),
      200,
    );
    await check(
      "/auth/authenticateUser",
      "post",
      await sb.app.request("/auth/authenticateUser?resource=WITHINGS", json({})),
      200,
    );
    await check(
      "/auth/authenticateUser",
      "post",
      await sb.app.request("/auth/authenticateUser?resource=NOPE", json({})),
      404,
    );
    await check(
      "/userInfo",
      "get",
      await sb.app.request(`/userInfo?user_id=${id}`, { headers: AUTH }),
      200,
      0,
    );
    await check(
      "/userInfo",
      "get",
      await sb.app.request("/userInfo?reference_id=sandbox-user-0", { headers: AUTH }),
      200,
      1,
    );
    await check("/userInfo", "get", await sb.app.request("/userInfo?user_id=nobody", { headers: AUTH }), 404);
    await check("/subscriptions", "get", await sb.app.request("/subscriptions", { headers: AUTH }), 200, 0);
    await check(
      "/subscriptions",
      "get",
      await sb.app.request("/subscriptions?page=0&per_page=2", { headers: AUTH }),
      200,
      1,
    );
    await check("/integrations", "get", await sb.app.request("/integrations"), 200);
    for (const type of ["activity", "body", "daily", "sleep", "menstruation", "nutrition"]) {
      const base = `/${type}?user_id=${id}&start_date=2026-10-20&end_date=2026-11-10`;
      await check(
        `/${type}`,
        "get",
        await sb.app.request(`${base}&to_webhook=false`, { headers: AUTH }),
        200,
        0,
      );
      await check(`/${type}`, "get", await sb.app.request(base, { headers: AUTH }), 200, 1);
      await check(
        `/${type}`,
        "get",
        await sb.app.request(`/${type}?user_id=${id}&start_date=nope`, { headers: AUTH }),
        400,
      );
      await check(
        `/${type}`,
        "get",
        await sb.app.request(`/${type}?user_id=${id}&start_date=2026-10-01`),
        401,
      );
      await check(
        `/${type}`,
        "get",
        await sb.app.request(`/${type}?user_id=nobody&start_date=2026-10-01`, { headers: AUTH }),
        404,
      );
    }
    await check(
      "/athlete",
      "get",
      await sb.app.request(`/athlete?user_id=${id}&to_webhook=false`, { headers: AUTH }),
      200,
      0,
    );
    await check("/athlete", "get", await sb.app.request(`/athlete?user_id=${id}`, { headers: AUTH }), 200, 1);
    await check(
      "/auth/deauthenticateUser",
      "delete",
      await sb.app.request(`/auth/deauthenticateUser?user_id=${id}`, { method: "DELETE", headers: AUTH }),
      200,
    );
    sb.close();
  });
});
