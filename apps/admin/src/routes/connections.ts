import { createRoute } from "@hono/zod-openapi";
import {
  ApiConnectRequestSchema,
  ApiConnectResponseSchema,
  ApiDisconnectResponseSchema,
  ApiEraseResponseSchema,
} from "@wearables/schemas";
import { eraseUser, getConnection, setConnectionStatus, transaction } from "@wearables/storage";
import { auditWrite } from "../audit.ts";
import type { AppDeps } from "../deps.ts";
import { notFound, writeErrorResponses } from "../errors.ts";
import { newRouter } from "../router.ts";
import { deauthenticateAtTerra, terraFailure } from "../terra.ts";
import { UserIdParam } from "./users.ts";

const json = <T>(schema: T) => ({ "application/json": { schema } });

const connect = createRoute({
  method: "post",
  path: "/users/connect",
  tags: ["connections"],
  summary: "Start a connection for a reference id: a Terra widget session or a direct auth link",
  request: { body: { required: true, content: json(ApiConnectRequestSchema) } },
  responses: {
    201: { description: "Open `url` in a browser", content: json(ApiConnectResponseSchema) },
    ...writeErrorResponses,
  },
});

const disconnect = createRoute({
  method: "post",
  path: "/users/{id}/disconnect",
  tags: ["connections"],
  summary: "Deauthenticate at Terra and mark the connection deauthorized (data is kept)",
  request: { params: UserIdParam },
  responses: {
    200: { description: "Disconnected", content: json(ApiDisconnectResponseSchema) },
    ...writeErrorResponses,
  },
});

const erase = createRoute({
  method: "delete",
  path: "/users/{id}",
  tags: ["connections"],
  summary: "Erase a user: disconnect, then delete their rows in every table, the inbox included",
  description:
    "Only an audit row remains. Repeating it is harmless (`erased: false`). When Terra fails the " +
    "request fails with 502 and nothing is deleted, so that deliveries cannot recreate the user.",
  request: { params: UserIdParam },
  responses: {
    200: { description: "Erased (or nothing left to erase)", content: json(ApiEraseResponseSchema) },
    ...writeErrorResponses,
  },
});

export function connectionsRouter(deps: AppDeps) {
  return newRouter()
    .openapi(connect, async (c) => {
      const b = c.req.valid("json");
      const redirects = {
        language: b.language,
        authSuccessRedirectUrl: b.auth_success_redirect_url,
        authFailureRedirectUrl: b.auth_failure_redirect_url,
      };
      let body: typeof ApiConnectResponseSchema._output;
      try {
        if (b.mode === "widget") {
          const { result: s } = await deps.terra.generateWidgetSession({
            referenceId: b.reference_id,
            providers: [b.provider],
            ...redirects,
          });
          body = {
            mode: "widget",
            reference_id: b.reference_id,
            url: s.url,
            session_id: s.sessionId,
            user_id: null,
            expires_in: s.expiresIn,
          };
        } else {
          const { result: a } = await deps.terra.authenticateUser({
            provider: b.provider,
            referenceId: b.reference_id,
            ...redirects,
          });
          body = {
            mode: "link",
            reference_id: b.reference_id,
            url: a.authUrl,
            session_id: null,
            user_id: a.userId,
            expires_in: null,
          };
        }
      } catch (err) {
        throw terraFailure(err);
      }
      await auditWrite(deps.db, c, "user.connect", body.user_id, {
        referenceId: b.reference_id,
        mode: b.mode,
        provider: b.provider,
      });
      return c.json(body, 201);
    })
    .openapi(disconnect, async (c) => {
      const { id } = c.req.valid("param");
      const conn = await getConnection(deps.db, id);
      if (!conn) throw notFound(`user ${id}`);
      const terra = await deauthenticateAtTerra((u) => deps.terra.deauthenticateUser(u), id);
      await transaction(deps.db, async (tx) => {
        await setConnectionStatus(tx, { userId: id, status: "deauthorized", reason: "admin disconnect" });
        await auditWrite(tx, c, "user.disconnect", id, { terra });
      });
      return c.json({ user_id: id, status: "deauthorized" as const, terra }, 200);
    })
    .openapi(erase, async (c) => {
      const { id } = c.req.valid("param");
      const conn = await getConnection(deps.db, id);
      // Only a live connection is deauthenticated; a repeat (no row left) skips Terra altogether.
      const terra =
        conn && conn.status !== "deauthorized" && conn.status !== "revoked"
          ? await deauthenticateAtTerra((u) => deps.terra.deauthenticateUser(u), id)
          : "skipped";
      const deleted = await eraseUser(deps.db, id, `token:${c.get("token").name}`);
      const erased = Object.values(deleted).some((n) => n > 0);
      return c.json({ user_id: id, erased, deleted, terra }, 200);
    });
}
