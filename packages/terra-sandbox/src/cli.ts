import { z } from "zod";
import { burst } from "./burst.ts";
import { readEnv } from "./env.ts";
import { createSandbox } from "./sandbox.ts";

const BurstArgs = z.object({
  url: z.url(),
  count: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  concurrency: z.coerce.number().int().min(1).max(1000).default(20),
});

function fail(message: string): never {
  console.error(`terra-sandbox: ${message}`);
  process.exit(2);
}

/** `--name value` and `--name=value` pairs after the sub-command. */
function flags(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith("--")) {
      if (!out.url) out.url = a;
      continue;
    }
    const [k, v] = a.slice(2).split("=", 2) as [string, string | undefined];
    out[k] = v ?? argv[++i] ?? "";
  }
  return out;
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const env = readEnv(fail);
  if (command === "burst") {
    const args = BurstArgs.safeParse({ url: env.SANDBOX_WEBHOOK_URL, ...flags(rest) });
    if (!args.success)
      fail(`burst: ${args.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    if (!env.SANDBOX_WEBHOOK_SECRET) fail("burst: SANDBOX_WEBHOOK_SECRET is required");
    const result = await burst({
      ...args.data,
      secret: env.SANDBOX_WEBHOOK_SECRET,
      seed: env.SANDBOX_SEED,
      users: Math.max(1, env.SANDBOX_USERS),
    });
    console.log(
      JSON.stringify({
        msg: "burst done",
        url: args.data.url,
        concurrency: args.data.concurrency,
        ...result,
      }),
    );
    return;
  }
  if (command !== undefined && command !== "start") fail(`unknown command "${command}" (use start or burst)`);

  const sandbox = createSandbox({
    devId: env.SANDBOX_DEV_ID,
    apiKey: env.SANDBOX_API_KEY,
    webhookUrl: env.SANDBOX_WEBHOOK_URL,
    webhookSecret: env.SANDBOX_WEBHOOK_SECRET,
    users: env.SANDBOX_USERS,
    seed: env.SANDBOX_SEED,
  });
  const { url } = await sandbox
    .listen(env.SANDBOX_PORT, "0.0.0.0")
    .catch((err: Error) => fail(`cannot listen on port ${env.SANDBOX_PORT}: ${err.message}`));
  console.log(
    JSON.stringify({
      msg: "terra sandbox listening",
      baseUrl: `${url.replace("0.0.0.0", "127.0.0.1")}/v2`,
      users: sandbox.users.map((u) => ({
        user_id: u.user_id,
        reference_id: u.reference_id,
        tz: u.person.timeZone,
      })),
      webhook: env.SANDBOX_WEBHOOK_URL ?? null,
      pushEveryMs: env.SANDBOX_PUSH_EVERY,
    }),
  );
  // Replay the last two days at 30 simulated minutes per push, then follow the clock.
  if (sandbox.sender)
    sandbox.live.start(env.SANDBOX_PUSH_EVERY, { catchUpMs: 2 * 86_400_000, stepMs: 1_800_000 });
  const shutdown = () => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

await main();
