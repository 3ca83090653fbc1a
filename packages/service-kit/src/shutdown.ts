// How every long-running process stops: one "shutting down" line naming the signal, the app's own
// stop (drain, flush, close), a "stopped" line and exit 0; past the time limit a "shutdown timed
// out" error and exit 1 (whatever is still open is abandoned: the database and the leases make
// that safe). A second signal while stopping changes nothing: the time limit decides.
import type { Logger } from "pino";

export interface ShutdownOptions {
  logger: Logger;
  timeoutMs: number;
  /** The app's stop; a number it resolves with is the exit code (a command's own result). */
  stop: (signal: string) => Promise<unknown>;
  /** What stopping does, for the "shutting down" line. */
  what?: string;
  signals?: readonly NodeJS.Signals[];
  /** Tests replace the process's exit and its signal handlers. */
  exit?: (code: number) => void;
  on?: (signal: NodeJS.Signals, handler: () => void) => void;
  off?: (signal: NodeJS.Signals, handler: () => void) => void;
}

export interface Shutdown {
  /** Starts stopping, as the signal would; resolves when exit has been called. */
  shutdown(signal: string): Promise<void>;
  /** Whether a signal has arrived (or shutdown was called). */
  readonly stopping: boolean;
  /** Removes the signal handlers (a process that ends by itself). */
  dispose(): void;
}

export function onShutdown(opts: ShutdownOptions): Shutdown {
  const signals = opts.signals ?? ["SIGTERM", "SIGINT"];
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const on = opts.on ?? ((s, h) => process.on(s, h));
  const off = opts.off ?? ((s, h) => process.off(s, h));
  let running: Promise<void> | null = null;
  let done = false;
  const finish = (code: number) => {
    if (done) return;
    done = true;
    exit(code);
  };
  const shutdown = (signal: string): Promise<void> => {
    running ??= (async () => {
      opts.logger.info(
        { signal, timeoutMs: opts.timeoutMs },
        `shutting down${opts.what ? `: ${opts.what}` : ""}`,
      );
      const timer = setTimeout(() => {
        opts.logger.error({ signal, timeoutMs: opts.timeoutMs }, "shutdown timed out");
        finish(1);
      }, opts.timeoutMs);
      timer.unref();
      try {
        const code = await opts.stop(signal);
        clearTimeout(timer);
        if (done) return;
        opts.logger.info({ signal }, "stopped");
        finish(typeof code === "number" ? code : 0);
      } catch (err) {
        clearTimeout(timer);
        opts.logger.error({ err, signal }, "shutdown failed");
        finish(1);
      }
    })();
    return running;
  };
  const handlers = signals.map((s) => [s, () => void shutdown(s)] as const);
  for (const [s, h] of handlers) on(s, h);
  return {
    shutdown,
    get stopping() {
      return running !== null;
    },
    dispose() {
      for (const [s, h] of handlers) off(s, h);
    },
  };
}
