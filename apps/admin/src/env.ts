import { z } from "zod";
import { parseAdminTokens } from "./tokens.ts";

/** The admin process's settings. A pure function of an env object: src/index.ts passes process.env. */
export const EnvSchema = z.object({
  DATABASE_URL: z.string().optional().describe("pglite://… or postgres://…; unset: PGlite in ./.data/pglite"),
  ADMIN_TOKENS: z
    .string({ error: "ADMIN_TOKENS is required: name:role:token,… or a JSON array" })
    .min(1, "ADMIN_TOKENS is required: name:role:token,… or a JSON array")
    .transform((s, ctx) => {
      try {
        return parseAdminTokens(s);
      } catch (err) {
        ctx.addIssue({ code: "custom", message: describeTokenError(err) });
        return z.NEVER;
      }
    }),
  TERRA_DEV_ID: z.string().min(1).optional(),
  TERRA_API_KEY: z.string().min(1).optional(),
  TERRA_API_URL: z.url().optional(),
  DATA_TYPES: z.string().optional().describe("Replays apply the same as the webhook: comma-separated"),
  FIELD_SELECTION: z.string().optional().describe("Path to the webhook's field-selection JSON"),
  MEASUREMENTS: z
    .string()
    .optional()
    .describe("The webhook's measurement selection (replays write the same series)"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3002),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});
export type Env = z.infer<typeof EnvSchema>;

/**
 * Says which entry and which field is wrong, never the value: zod's default messages may echo the
 * input, and the input here is a secret.
 */
function describeTokenError(err: unknown): string {
  if (err instanceof z.ZodError) {
    return err.issues
      .map(
        (i) =>
          `entry ${String(i.path[0] ?? "?")}${i.path[1] ? ` field ${String(i.path[1])}` : ""}: ${i.code === "invalid_value" ? "role must be read or admin" : i.message}`,
      )
      .join("; ");
  }
  if (err instanceof SyntaxError) return "ADMIN_TOKENS looks like JSON but does not parse";
  return err instanceof Error ? err.message : "invalid";
}

export function loadEnv(
  env: Record<string, string | undefined>,
): { ok: true; env: Env } | { ok: false; message: string } {
  const parsed = EnvSchema.safeParse(env);
  return parsed.success
    ? { ok: true, env: parsed.data }
    : { ok: false, message: `admin: invalid environment\n${z.prettifyError(parsed.error)}` };
}
