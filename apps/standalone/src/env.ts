// `pnpm start`'s settings, and the environment the three apps' own schemas read (each applies its
// own defaults and refuses what it cannot run with). The only file here that reads process.env.
import { logLevel, parseEnv } from "@wearables/service-kit";
import { z } from "zod";

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

export const EnvSchema = z
  .object({
    PORT: port(3000),
    ADMIN_PORT: port(3001),
    SANDBOX_PORT: port(4010),
    HOST: z.string().default("127.0.0.1"),
    ADMIN_TOKENS: z.string().optional(),
    BACKFILL_EVERY: z.string().default("*/15 * * * *"),
    SANDBOX_USERS: z.coerce.number().int().min(0).max(1000).default(3),
    SANDBOX_SEED: z.string().min(1).default("demo"),
    SANDBOX_PUSH_EVERY_MS: z.coerce.number().int().min(100).default(5000),
    LOG_LEVEL: logLevel("warn"),
    TERRA_API_KEY: z.string().optional(),
    TERRA_WEBHOOK_SECRET: z.string().optional(),
  })
  .refine((e) => !e.TERRA_API_KEY || e.TERRA_WEBHOOK_SECRET, {
    path: ["TERRA_WEBHOOK_SECRET"],
    message: "is required with TERRA_API_KEY (Terra's signing secret)",
  });
export type Env = z.infer<typeof EnvSchema>;

export function readEnv(): Env {
  return parseEnv(EnvSchema, process.env, "pnpm start");
}

/** A copy of the process's environment, for the apps' own schemas (startAll's `env`). */
export function appsEnvironment(): Record<string, string | undefined> {
  return { ...process.env };
}
