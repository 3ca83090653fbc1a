import { parseArgs } from "node:util";
import { isDay } from "./dates.ts";

/** The command line, parsed into one of five commands (or a usage error). */
export type Command =
  | { cmd: "run"; every?: string }
  | { cmd: "user"; userId: string; types?: string[]; from?: string; to?: string }
  | { cmd: "status" }
  | { cmd: "replay"; status: "failed" | "pending"; type?: string }
  | { cmd: "help" };

export const USAGE = `usage: backfill <command>
  run [--every "<cron expression>"]   one pass (or scheduled passes) over every active connection
  user <terra user id> [--types sleep,body] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
  status                              coverage and jobs as a table
  replay [--status failed|pending] [--type <event type>]`;

export class UsageError extends Error {}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      every: { type: "string" },
      types: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      status: { type: "string" },
      type: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}

export function parseCommand(argv: readonly string[]): Command {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  const [cmd, ...rest] = positionals;
  if (values.help || cmd === undefined || cmd === "help") return { cmd: "help" };
  const only = (allowed: string[]) => {
    for (const key of Object.keys(values)) {
      if (!allowed.includes(key)) throw new UsageError(`--${key} does not apply to "${cmd}"`);
    }
  };
  switch (cmd) {
    case "run":
      only(["every"]);
      if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
      if (values.every !== undefined && !values.every.trim())
        throw new UsageError("--every needs a cron expression");
      return values.every === undefined ? { cmd: "run" } : { cmd: "run", every: values.every };
    case "user": {
      only(["types", "from", "to"]);
      const [userId, extra] = rest;
      if (!userId) throw new UsageError("user needs a Terra user id");
      if (extra) throw new UsageError(`unexpected argument "${extra}"`);
      for (const key of ["from", "to"] as const) {
        const v = values[key];
        if (v !== undefined && !isDay(v))
          throw new UsageError(`--${key} must be a date YYYY-MM-DD, got "${v}"`);
      }
      if (values.from && values.to && values.from > values.to) throw new UsageError("--from is after --to");
      const types = values.types
        ?.split(",")
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean);
      return {
        cmd: "user",
        userId,
        ...(types?.length ? { types } : {}),
        ...(values.from ? { from: values.from } : {}),
        ...(values.to ? { to: values.to } : {}),
      };
    }
    case "status":
      only([]);
      return { cmd: "status" };
    case "replay": {
      only(["status", "type"]);
      const status = values.status ?? "failed";
      if (status !== "failed" && status !== "pending") {
        throw new UsageError(`--status must be failed or pending, got "${status}"`);
      }
      return { cmd: "replay", status, ...(values.type ? { type: values.type } : {}) };
    }
    default:
      throw new UsageError(`unknown command "${cmd}"`);
  }
}
