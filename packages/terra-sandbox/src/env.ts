// The sandbox command's environment: the only file of the package that reads process.env.
import { z } from "zod";

const Duration = z
  .string()
  .regex(/^\d+(ms|s|m)?$/, "a duration such as 500ms, 5s or 1m")
  .transform((s) => {
    const n = Number.parseInt(s, 10);
    return s.endsWith("ms") ? n : s.endsWith("m") ? n * 60_000 : n * 1000;
  });

const Env = z.object({
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  SANDBOX_DEV_ID: z.string().min(1).default("sandbox-dev"),
  SANDBOX_API_KEY: z.string().min(1).default("sandbox-api-key"),
  SANDBOX_WEBHOOK_URL: z.url().optional(),
  SANDBOX_WEBHOOK_SECRET: z.string().min(1).optional(),
  SANDBOX_USERS: z.coerce.number().int().min(0).max(10_000).default(3),
  SANDBOX_SEED: z.string().min(1).default("sandbox"),
  SANDBOX_PUSH_EVERY: Duration.default(5000),
});

/** The sandbox command's settings, from the process; `fail` prints and exits 2. */
export function readEnv(fail: (message: string) => never) {
  const r = Env.safeParse(process.env);
  if (!r.success) {
    fail(
      `invalid configuration:\n${r.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`,
    );
  }
  if (r.data.SANDBOX_WEBHOOK_URL && !r.data.SANDBOX_WEBHOOK_SECRET) {
    fail("SANDBOX_WEBHOOK_SECRET is required when SANDBOX_WEBHOOK_URL is set (deliveries are signed)");
  }
  return r.data;
}
