import { defineConfig } from "vitest/config";

// PGlite boots and migrates in seconds on a busy machine; one database per file.
export default defineConfig({ test: { testTimeout: 30_000, hookTimeout: 90_000 } });
