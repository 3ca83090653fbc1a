import { defineConfig } from "vitest/config";

// The database-error tests boot PGlite (seconds on a busy machine).
export default defineConfig({ test: { testTimeout: 30_000, hookTimeout: 90_000 } });
