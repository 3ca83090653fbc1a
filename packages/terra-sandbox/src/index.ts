export { createSandboxApp } from "./app.ts";
export { type BurstOptions, type BurstResult, burst } from "./burst.ts";
export type { RestFaults, SandboxCore } from "./core.ts";
export { CHUNK_SIZE, chunk, dispatchToWebhook } from "./dispatch.ts";
export * from "./events.ts";
export {
  athleteFor,
  createGenerator,
  type Generator,
  type GenOptions,
  RECORD_TYPES,
  recordsForDay,
  recordsForRange,
  type SandboxDataType,
  type TerraDoc,
} from "./generator/index.ts";
export { createLive, type LiveMode, type LiveOptions } from "./live.ts";
export { createRng, hashKey, type Rng } from "./prng.ts";
export { createSandbox, type Sandbox, type SandboxOptions } from "./sandbox.ts";
export {
  type Attempt,
  createWebhookSender,
  type Delivery,
  type DeliveryFault,
  retryDelayMs,
  type SendOptions,
  TERRA_RETRY,
  type WebhookSender,
  type WebhookSenderOptions,
} from "./sender.ts";
export { createState, type DataRequest, R1_MAX_DAYS, R2_DAYS_PER_HOUR, type SandboxState } from "./state.ts";
export { makePerson, makeUser, type Person, type SandboxUser, TIME_ZONES, terraUser } from "./users.ts";
