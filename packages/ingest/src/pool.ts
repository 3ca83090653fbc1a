import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { IngestConfig } from "./config.ts";
import { type PreparedBody, prepareBody } from "./prepare.ts";

/**
 * Worker threads running prepareBody (JSON, validation, rows to upsert) so that a 60 MiB document
 * never holds the event loop that acknowledges deliveries. With `threads: 0` the same work runs
 * inline (tests, tiny deployments), one body per macrotask.
 */
export interface PreparePool {
  readonly threads: number;
  /**
   * Prepares one body. `transfer`: the caller gives up `body` (its whole ArrayBuffer moves to the
   * worker without a copy); otherwise it is copied.
   */
  prepare(body: Uint8Array, opts?: { transfer?: boolean }): Promise<PreparedBody>;
  /** Bodies handed out and not answered yet. */
  readonly busy: number;
  close(): Promise<void>;
}

export class PoolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PoolError";
  }
}

interface Task {
  resolve: (r: PreparedBody) => void;
  reject: (e: unknown) => void;
}

interface Slot {
  worker: Worker;
  tasks: Map<number, Task>;
}

/**
 * The worker's file: beside a bundle, the bundled parse-worker.js; from source, a bootstrap that
 * registers the TypeScript loader inside the thread and then loads parse-worker.ts.
 */
function workerFile(): URL {
  const here = import.meta.url;
  return here.endsWith(".ts") ? new URL("./parse-worker.dev.mjs", here) : new URL("./parse-worker.js", here);
}

export function createPreparePool(
  config: Pick<IngestConfig, "dataTypes" | "selections" | "measurements">,
  opts: { threads: number; resourceLimits?: { maxOldGenerationSizeMb?: number } },
): PreparePool {
  const threads = Math.max(0, Math.floor(opts.threads));
  if (threads === 0) return inlinePool(config);
  const url = workerFile();
  if (url.protocol === "file:" && !existsSync(fileURLToPath(url))) {
    throw new Error(
      `prepare pool: worker file ${fileURLToPath(url)} is missing (was it built beside the bundle?)`,
    );
  }
  // Plain data only (a Set survives the structured clone): the worker rebuilds the config.
  const init = {
    dataTypes: [...config.dataTypes],
    selections: config.selections,
    measurements: config.measurements,
  };
  let nextId = 0;
  let closed = false;
  const slots: Slot[] = [];

  const start = (index: number): Slot => {
    const worker = new Worker(url, {
      workerData: init,
      ...(opts.resourceLimits ? { resourceLimits: opts.resourceLimits } : {}),
    });
    const slot: Slot = { worker, tasks: new Map() };
    worker.on("message", (m: { id: number; result?: PreparedBody; error?: string }) => {
      const task = slot.tasks.get(m.id);
      if (!task) return;
      slot.tasks.delete(m.id);
      if (slot.tasks.size === 0) worker.unref();
      if (m.result) task.resolve(m.result);
      else task.reject(new PoolError(m.error ?? "the worker answered nothing"));
    });
    const fail = (why: string) => {
      for (const t of slot.tasks.values()) t.reject(new PoolError(why));
      slot.tasks.clear();
      if (!closed) slots[index] = start(index);
    };
    worker.on("error", (err) => fail(`the prepare worker failed: ${err.name}`));
    worker.on("exit", (code) => {
      if (slot.tasks.size > 0 || !closed) fail(`the prepare worker exited with code ${code}`);
    });
    worker.unref();
    return slot;
  };
  for (let i = 0; i < threads; i++) slots.push(start(i));

  return {
    threads,
    get busy() {
      return slots.reduce((n, s) => n + s.tasks.size, 0);
    },
    prepare(body, o = {}) {
      if (closed) return Promise.reject(new PoolError("the prepare pool is closed"));
      const slot = slots.reduce((a, b) => (b.tasks.size < a.tasks.size ? b : a));
      const id = nextId++;
      // Only a buffer the caller owns whole can move; a view into a shared one (a driver's socket
      // buffer, Node's small-buffer pool) is copied into its own.
      const own = o.transfer && body.byteOffset === 0 && body.byteLength === body.buffer.byteLength;
      const payload = own ? body : new Uint8Array(body);
      return new Promise<PreparedBody>((resolve, reject) => {
        slot.tasks.set(id, { resolve, reject });
        // An idle pool never keeps the process alive; one with work in hand does.
        slot.worker.ref();
        slot.worker.postMessage({ id, body: payload }, [payload.buffer as ArrayBuffer]);
      });
    },
    async close() {
      closed = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}

function inlinePool(config: Pick<IngestConfig, "dataTypes" | "selections" | "measurements">): PreparePool {
  let busy = 0;
  return {
    threads: 0,
    get busy() {
      return busy;
    },
    prepare(body) {
      busy++;
      return new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        try {
          return prepareBody(body, config);
        } finally {
          busy--;
        }
      });
    },
    async close() {},
  };
}
