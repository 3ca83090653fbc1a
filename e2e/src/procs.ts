// The real entry points as child processes, configured by env only, each in its own process group
// (tsx starts node as a grandchild: signalling the group reaches it, killing the parent would not).
import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const TSX = join(ROOT, "node_modules", ".bin", "tsx");

export interface Proc {
  name: string;
  child: ChildProcess;
  /** Everything written to stdout so far. */
  readonly stdout: string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Resolves with the first regexp match in stdout or stderr, or rejects at the deadline or exit. */
  waitForOutput(re: RegExp, timeoutMs: number): Promise<RegExpExecArray>;
  /** The last lines of both streams, for failure messages (never whole payloads: the apps log none). */
  tail(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const running = new Set<Proc>();
const started: Proc[] = [];

/** Spawns `tsx <script> ...args` from the repository root with exactly `env` added to PATH/HOME. */
export function startProcess(
  name: string,
  script: string,
  env: Record<string, string>,
  args: string[] = [],
): Proc {
  const child = spawn(TSX, [join(ROOT, script), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let out = "";
  let err = "";
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const w of waiters) w();
  };
  child.stdout?.on("data", (b: Buffer) => {
    out += b.toString();
    if (out.length > 2_000_000) out = out.slice(-1_000_000);
    notify();
  });
  child.stderr?.on("data", (b: Buffer) => {
    err += b.toString();
    if (err.length > 200_000) err = err.slice(-100_000);
    notify();
  });
  const exited = new Promise<number | null>((res) => child.on("exit", (code) => res(code)));
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
    running.delete(proc);
    notify();
  });
  const lastLines = (s: string) => {
    const lines = s.trim().split("\n");
    // The head of a crash says what failed, the tail where: keep both.
    return lines.length <= 20
      ? lines.join("\n")
      : [...lines.slice(0, 8), "…", ...lines.slice(-12)].join("\n");
  };

  const proc: Proc = {
    name,
    child,
    get stdout() {
      return out;
    },
    exited,
    tail: () => `--- ${name} stdout ---\n${lastLines(out)}\n--- ${name} stderr ---\n${lastLines(err)}`,
    waitForOutput(re, timeoutMs) {
      return new Promise((res, rej) => {
        const check = () => {
          const m = re.exec(out) ?? re.exec(err);
          if (m) return done(() => res(m));
          if (hasExited) done(() => rej(new Error(`${name} exited before printing ${re}\n${proc.tail()}`)));
        };
        const timer = setTimeout(
          () => done(() => rej(new Error(`${name}: no ${re} within ${timeoutMs} ms\n${proc.tail()}`))),
          timeoutMs,
        );
        const done = (f: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          f();
        };
        waiters.add(check);
        check();
      });
    },
    async stop(signal = "SIGTERM") {
      if (hasExited) return;
      signalGroup(child, signal);
      const killed = await Promise.race([exited.then(() => true), sleepMs(10_000).then(() => false)]);
      if (!killed) {
        signalGroup(child, "SIGKILL");
        await exited;
      }
    },
  };
  running.add(proc);
  started.push(proc);
  return proc;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is gone already
  }
}

const sleepMs = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());

/** Stops every child this file started (afterAll, and on failure). */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((p) => p.stop("SIGTERM")));
}

// A test run interrupted by Ctrl-C or a crash must not leave services behind.
process.once("exit", () => {
  for (const p of running) signalGroup(p.child, "SIGKILL");
});

/** Runs `fn`; when it throws, the error carries the tails of every child started so far. */
export async function explained<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const tails = started.map((p) => p.tail()).join("\n");
    if (err instanceof Error) err.message = `${err.message}\n${tails}`;
    throw err;
  }
}
