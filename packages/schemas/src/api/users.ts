import { z } from "zod";
import { ApiDateSchema, ApiTextParamSchema, apiPageOf } from "./common.ts";

export const API_CONNECTION_STATUSES = ["active", "deauthorized", "revoked", "error"] as const;
export const ApiConnectionStatusSchema = z.enum(API_CONNECTION_STATUSES);
export type ApiConnectionStatus = z.infer<typeof ApiConnectionStatusSchema>;

/** One Terra connection as the admin API shows it (a Terra user id is one connection). */
export const ApiUserSchema = z
  .object({
    user_id: z.string(),
    provider: z.string(),
    reference_id: z.string().nullable(),
    status: ApiConnectionStatusSchema,
    status_reason: z.string().nullable(),
    scopes: z.string().nullable(),
    created_at: z.string().describe("ISO-8601"),
    updated_at: z.string(),
    connected_at: z.string().nullable(),
    deauthorized_at: z.string().nullable(),
    last_event_at: z.string().nullable(),
    replaced_by: z.string().nullable().describe("Set after a user_reauth: the new Terra user id"),
    replaces: z.string().nullable(),
  })
  .meta({ id: "User" });
export type ApiUser = z.infer<typeof ApiUserSchema>;

export const ApiUserPageSchema = apiPageOf(ApiUserSchema).meta({ id: "UserPage" });
export type ApiUserPage = z.infer<typeof ApiUserPageSchema>;

/** What has been stored for one data type of one user, and what the backfill ledger says was fetched. */
export const ApiCoverageSchema = z
  .object({
    type: z.string(),
    records: z.number().int().describe("Records stored"),
    first_date: ApiDateSchema.nullable().describe("Earliest day with a record"),
    last_date: ApiDateSchema.nullable().describe("Latest day with a record"),
    last_received_at: z.string().nullable(),
    days_covered: z.number().int().describe("Days the coverage ledger marks as fetched"),
    ranges: z
      .array(
        z.object({
          start_date: ApiDateSchema,
          end_date: ApiDateSchema,
          source: z.string(),
          fetched_at: z.string(),
        }),
      )
      .describe("The ledger's inclusive ranges, in order"),
  })
  .meta({ id: "Coverage" });
export type ApiCoverage = z.infer<typeof ApiCoverageSchema>;

export const ApiCoverageListSchema = z
  .object({ user_id: z.string(), data: z.array(ApiCoverageSchema) })
  .meta({ id: "CoverageList" });

export const ApiUserDetailSchema = ApiUserSchema.extend({
  coverage: z.array(ApiCoverageSchema),
}).meta({ id: "UserDetail" });
export type ApiUserDetail = z.infer<typeof ApiUserDetailSchema>;

export const ApiConnectRequestSchema = z
  .object({
    reference_id: ApiTextParamSchema.describe("Your id for the person"),
    mode: z
      .enum(["widget", "link"])
      .default("widget")
      .describe("`widget`: Terra's hosted provider picker; `link`: a direct authenticateUser URL"),
    provider: ApiTextParamSchema.default("WITHINGS").describe("For `link` (and the widget's list)"),
    language: ApiTextParamSchema.optional(),
    auth_success_redirect_url: z.url().optional(),
    auth_failure_redirect_url: z.url().optional(),
  })
  .meta({ id: "ConnectRequest" });
export type ApiConnectRequest = z.infer<typeof ApiConnectRequestSchema>;

export const ApiConnectResponseSchema = z
  .object({
    mode: z.enum(["widget", "link"]),
    reference_id: z.string(),
    url: z.string().describe("Open in a browser tab, never a WebView or iframe"),
    session_id: z.string().nullable(),
    user_id: z.string().nullable().describe("Known at once for `link`; for `widget`, after the auth webhook"),
    expires_in: z.number().nullable().describe("Seconds"),
  })
  .meta({ id: "ConnectResponse" });
export type ApiConnectResponse = z.infer<typeof ApiConnectResponseSchema>;

export const ApiDisconnectResponseSchema = z
  .object({
    user_id: z.string(),
    status: ApiConnectionStatusSchema,
    terra: z
      .enum(["deauthenticated", "already_gone"])
      .describe("`already_gone`: Terra no longer knew the user (404), which is what we wanted"),
  })
  .meta({ id: "DisconnectResponse" });
export type ApiDisconnectResponse = z.infer<typeof ApiDisconnectResponseSchema>;

export const ApiEraseResponseSchema = z
  .object({
    user_id: z.string(),
    erased: z.boolean().describe("False when there was nothing left to erase (a repeat)"),
    deleted: z.record(z.string(), z.number().int()).describe("Rows deleted per table"),
    terra: z.enum(["deauthenticated", "already_gone", "skipped"]),
  })
  .meta({ id: "EraseResponse" });
export type ApiEraseResponse = z.infer<typeof ApiEraseResponseSchema>;
