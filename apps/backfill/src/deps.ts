import type { Db } from "@wearables/storage";
import type { TerraClient } from "@wearables/terra-client";
import type { Logger } from "pino";
import type { Clock } from "./clock.ts";

/** Everything the worker touches outside itself, injected so tests drive it in-process. */
export interface WorkerDeps {
  db: Db;
  terra: TerraClient;
  logger: Logger;
  clock: Clock;
}
