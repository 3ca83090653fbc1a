// A worker thread of the prepare pool (pool.ts): runs prepareBody off the event loop that answers
// Terra. It holds no database and no network: bytes in, plain data out.
import { parentPort, workerData } from "node:worker_threads";
import type { DataType } from "@wearables/schemas";
import { type PrepareConfig, prepareBody } from "./prepare.ts";

interface Init {
  dataTypes: DataType[];
  selections: PrepareConfig["selections"];
  measurements: PrepareConfig["measurements"];
}

const init = workerData as Init;
const config: PrepareConfig = {
  dataTypes: new Set(init.dataTypes),
  selections: init.selections,
  measurements: init.measurements,
};

parentPort?.on("message", (msg: { id: number; body: Uint8Array }) => {
  try {
    parentPort?.postMessage({ id: msg.id, result: prepareBody(msg.body, config) });
  } catch (err) {
    // prepareBody never throws by design; this is a bug or the heap giving out. No payload values.
    parentPort?.postMessage({ id: msg.id, error: `${(err as Error).name}: preparing the body failed` });
  }
});
