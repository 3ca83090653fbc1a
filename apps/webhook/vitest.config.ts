import { defineConfig } from "vitest/config";

// PGlite boots in seconds on a busy machine, and the socket tests wait for real retries.
export default defineConfig({ test: { testTimeout: 30_000, hookTimeout: 90_000 } });
