import { createHash } from "node:crypto";
import type { IngestConfig } from "@wearables/ingest";
import type { DataType } from "@wearables/schemas";
import {
  backfillErasedDigests,
  createBackfillJob,
  getConnection,
  startBackfillJob,
  upsertConnection,
} from "@wearables/storage";
import { TerraNotFoundError } from "@wearables/terra-client";
import { Cron } from "croner";
import { DayBudget } from "./budget.ts";
import type { Command } from "./cli.ts";
import type { WorkerConfig } from "./config.ts";
import { dayOf } from "./dates.ts";
import type { WorkerDeps } from "./deps.ts";
import { horizonRange } from "./planner.ts";
import type { ProgressReporter } from "./progress.ts";
import { replayEvents } from "./replay.ts";
import { renderStatus } from "./status.ts";
import { DATED_TYPES, runPass } from "./worker.ts";

export interface CommandContext {
  deps: WorkerDeps;
  cfg: WorkerConfig;
  ingest: IngestConfig;
  reporter: ProgressReporter;
  signal: AbortSignal;
  out: { write(s: string): unknown };
}

/** Runs one parsed command; returns the process exit code. */
export async function runCommand(command: Command, ctx: CommandContext): Promise<number> {
  const { deps, cfg } = ctx;
  const selection = (type: string) => ctx.ingest.selections[type as DataType] ?? null;
  const measurements = ctx.ingest.measurements;
  const budget = new DayBudget({ limitDays: cfg.daysPerHourBudget });
  switch (command.cmd) {
    case "help":
      return 0;
    case "run": {
      const pass = () =>
        runPass(deps, cfg, { reporter: ctx.reporter, budget, selection, measurements, signal: ctx.signal });
      if (!command.every) return (await pass()).ok ? 0 : 1;
      return runScheduled(command.every, ctx, pass);
    }
    case "user": {
      const types = command.types ?? cfg.dataTypes;
      const unknown = types.filter((t) => !(DATED_TYPES as readonly string[]).includes(t));
      if (unknown.length) {
        ctx.out.write(
          `unknown or undated type(s): ${unknown.join(", ")} (known: ${DATED_TYPES.join(", ")})\n`,
        );
        return 2;
      }
      const ready = await ensureConnection(deps, command.userId);
      if (!ready.ok) {
        ctx.out.write(`${ready.message}\n`);
        return 1;
      }
      const today = dayOf(new Date(deps.clock.now()));
      const horizon = horizonRange(today, cfg.historyDays);
      const from = command.from ?? horizon.start;
      const to = command.to ?? today;
      const { job } = await createBackfillJob(deps.db, {
        userId: command.userId,
        dataTypes: types,
        startDate: from,
        endDate: to,
        requestedBy: "cli",
      });
      await startBackfillJob(deps.db, job.id);
      const summary = await runPass(deps, cfg, {
        scope: { userId: command.userId, types: types as DataType[], from, to, jobId: job.id },
        reporter: ctx.reporter,
        budget,
        selection,
        measurements,
        signal: ctx.signal,
      });
      return summary.ok ? 0 : 1;
    }
    case "status":
      ctx.out.write(`${await renderStatus(deps)}\n`);
      return 0;
    case "replay": {
      const r = await replayEvents(deps, ctx.ingest, { status: command.status, type: command.type });
      ctx.out.write(`${JSON.stringify({ msg: "replay", ...r })}\n`);
      return r.errors === 0 && !r.byStatus.failed ? 0 : 1;
    }
  }
}

/** `run --every`: passes on a cron schedule, never two at once in this process; stops on a signal. */
async function runScheduled(
  expr: string,
  ctx: CommandContext,
  pass: () => Promise<unknown>,
): Promise<number> {
  const log = ctx.deps.logger.child({ module: "schedule" });
  let current: Promise<unknown> | null = null;
  try {
    new Cron(expr, { paused: true }).stop();
  } catch (err) {
    ctx.out.write(`invalid --every cron expression "${expr}": ${(err as Error).message}\n`);
    return 2;
  }
  const job = new Cron(
    expr,
    { protect: true, catch: (err) => log.error({ err }, "pass crashed") },
    async () => {
      current = pass();
      await current;
      current = null;
      const next = job.nextRun();
      log.info({ next: next?.toISOString() }, "next pass scheduled");
    },
  );
  log.info({ every: expr, next: job.nextRun()?.toISOString() }, "scheduled");
  await new Promise<void>((resolve) => ctx.signal.addEventListener("abort", () => resolve(), { once: true }));
  job.stop();
  if (current) await current;
  return 0;
}

/**
 * `user <id>` for a connection we do not hold yet (a lost auth webhook): Terra is asked whether it
 * exists. A connection we hold as deauthorised or revoked is never fetched.
 */
async function ensureConnection(
  deps: WorkerDeps,
  userId: string,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const held = await getConnection(deps.db, userId);
  if (held) {
    return held.status === "active"
      ? { ok: true }
      : { ok: false, message: `connection ${userId} is ${held.status}: not fetched` };
  }
  const digest = createHash("sha256").update(userId).digest("hex");
  if ((await backfillErasedDigests(deps.db, [digest])).size > 0) {
    return { ok: false, message: `user ${userId} was erased: not fetched` };
  }
  try {
    const info = await deps.terra.userInfo(userId);
    const u = info.result.user;
    await upsertConnection(deps.db, {
      userId,
      provider: u.provider,
      referenceId: u.reference_id ?? null,
      scopes: u.scopes ?? null,
      status: "active",
      connected: true,
      at: new Date(deps.clock.now()),
    });
    return { ok: true };
  } catch (err) {
    if (err instanceof TerraNotFoundError)
      return { ok: false, message: `Terra does not know user ${userId}` };
    throw err;
  }
}
