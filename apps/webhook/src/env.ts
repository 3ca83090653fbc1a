import {
  appVersion,
  checkEnv,
  parseEnv as exitOnBadEnv,
  logLevel,
  shutdownTimeoutMs,
} from "@wearables/service-kit";
import { z } from "zod";

const MiB = 2 ** 20;

/** `67108864`, `64mb`, `512kb`, `1gb` (binary units) → bytes. */
const Bytes = z
  .string()
  .trim()
  .regex(/^\d+(\.\d+)?\s*(b|kb|mb|gb|kib|mib|gib)?$/i, "a size such as 67108864 or 64mb")
  .transform((s) => {
    const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(s) as RegExpExecArray;
    const unit = (m[2] ?? "").toLowerCase().replace("i", "");
    const mult = unit === "kb" ? 1024 : unit === "mb" ? MiB : unit === "gb" ? 1024 * MiB : 1;
    return Math.floor(Number(m[1]) * mult);
  });

const int = (min: number, def: number) => z.coerce.number().int().min(min).default(def);
const optionalInt = (min: number) => z.coerce.number().int().min(min).optional();
const onOff = (def: boolean) =>
  z
    .enum(["on", "off", "true", "false", "1", "0"], { error: "on or off" })
    .default(def ? "on" : "off")
    .transform((v) => v === "on" || v === "true" || v === "1");

/** Every setting of the webhook service, read once from the environment by src/index.ts. */
export const EnvSchema = z
  .object({
    DATABASE_URL: z.string().trim().optional(),
    TERRA_WEBHOOK_SECRET: z
      .string({
        error:
          "TERRA_WEBHOOK_SECRET is required (Terra's signing secret; two comma-separated during a rotation)",
      })
      .transform((s) =>
        s
          .split(",")
          .map((x) => x.trim())
          .filter((x) => x.length > 0),
      )
      .pipe(z.array(z.string()).min(1, "TERRA_WEBHOOK_SECRET holds no secret")),
    PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    HOST: z.string().default("0.0.0.0"),
    WEBHOOK_BODY_LIMIT: Bytes.default(64 * MiB),
    /** Headers must arrive within this (Node answers 408 and closes). */
    WEBHOOK_HEADERS_TIMEOUT_MS: int(100, 10_000),
    /** The body must arrive within this, plus its declared size at WEBHOOK_MIN_BODY_RATE (408). */
    WEBHOOK_BODY_TIMEOUT_MS: int(100, 10_000),
    /** Longest silence while a body arrives (408). */
    WEBHOOK_BODY_IDLE_MS: int(100, 5_000),
    WEBHOOK_MIN_BODY_RATE: Bytes.default(MiB),
    /** Whole-request backstop (Node's requestTimeout), also bounding how long a refused body is drained. */
    WEBHOOK_REQUEST_TIMEOUT_MS: int(1000, 120_000),
    /** Bytes all bodies being read at once may reserve in whole-body buffers. */
    WEBHOOK_READ_BUDGET: Bytes.default(1024 * MiB),
    SIGNATURE_TOLERANCE_SECONDS: int(1, 300),
    DATA_TYPES: z.string().optional(),
    /** Measurements written as series rows with the records (`@wearables/ingest`; ADR 0304). */
    MEASUREMENTS: z.string().optional(),
    FIELD_SELECTION: z.string().trim().optional(),
    RAW_RETENTION_DAYS: int(1, 30),
    DEDUP_RETENTION_DAYS: int(7, 14),
    RETENTION_INTERVAL_MINUTES: int(1, 60),
    /** The acknowledgement's group commit: deliveries per inbox INSERT, bytes, linger. */
    BATCH_MAX_SIZE: int(1, 128),
    BATCH_MAX_BYTES: Bytes.default(8 * MiB),
    BATCH_LINGER_MS: int(0, 2),
    /** Inbox INSERTs in flight at once; default 1 on PGlite (one connection), 2 on PostgreSQL. */
    BATCH_CONCURRENCY: optionalInt(1),
    QUEUE_MAX: int(1, 4096),
    QUEUE_MAX_BYTES: Bytes.default(512 * MiB),
    /** A delivery predicted to wait longer than this is shed with 503 (Terra waits ~8 s). */
    QUEUE_DEADLINE_MS: int(100, 6000),
    /** Answer 503 if the commit holding a delivery has not finished by then. */
    COMMIT_TIMEOUT_MS: int(100, 7000),
    DB_POOL_SIZE: int(1, 8),
    /** Process behind the inbox in this process (off: receive only; run `processor` elsewhere). */
    PROCESSING: onOff(true),
    /** Worker threads parsing and validating; default: cores − 1, at least 1 (0: inline). */
    PROCESS_THREADS: optionalInt(0),
    PROCESS_BATCH_SIZE: int(1, 128),
    /** Processing transactions at once, rows split by user; default 2 on PostgreSQL, 1 on PGlite. */
    PROCESS_LANES: optionalInt(1),
    PROCESS_BATCH_BYTES: Bytes.default(16 * MiB),
    PROCESS_LEASE_SECONDS: int(5, 120),
    PROCESS_POLL_MS: int(10, 1000),
    /** Acknowledged bodies held in memory for this process's processor (more wait in the inbox). */
    PROCESS_LOCAL_MAX: int(0, 4096),
    PROCESS_LOCAL_MAX_BYTES: Bytes.default(256 * MiB),
    PROCESS_MAX_LOST_LEASES: int(1, 5),
    PROCESS_RETRY_BASE_MS: int(10, 1000),
    PROCESS_RETRY_MAX_MS: int(100, 300_000),
    /** Shed signed deliveries past this processing backlog; default 20000 rows / 2 GiB on PGlite, none on PostgreSQL (0). */
    INBOX_MAX_BACKLOG: optionalInt(0),
    INBOX_MAX_BACKLOG_BYTES: Bytes.optional(),
    /** s3_payload download: time-out per attempt and retries (the URL expires within minutes). */
    S3_TIMEOUT_MS: int(100, 10_000),
    S3_RETRIES: int(0, 2),
    SHUTDOWN_TIMEOUT_MS: shutdownTimeoutMs(15_000),
    LOG_LEVEL: logLevel(),
    /** build_info's version; default the package's. */
    APP_VERSION: appVersion(),
  })
  .refine((e) => e.DEDUP_RETENTION_DAYS >= 7, {
    path: ["DEDUP_RETENTION_DAYS"],
    message: "must be at least 7 days (Terra retries for about a day)",
  });

export type Env = z.infer<typeof EnvSchema>;

/** Parses an environment, or throws one EnvError listing every bad variable (never their values). */
export function parseEnv(env: Record<string, string | undefined>): Env {
  return checkEnv(EnvSchema, env, "the webhook service");
}

/** The service's environment: the process's, or exit 2 with one message naming every bad variable. */
export function readEnv(): Env {
  return exitOnBadEnv(EnvSchema, process.env, "the webhook service");
}

/** The processor command's: the same settings, processing on, no signing secret needed. */
export function readProcessorEnv(): Env {
  return exitOnBadEnv(
    EnvSchema,
    { TERRA_WEBHOOK_SECRET: "unused-by-the-processor", ...process.env, PROCESSING: "on" },
    "the processor",
  );
}
