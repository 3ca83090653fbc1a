import { defineConfig } from "vitest/config";

// PGlite boots and migrates in a few seconds on a busy 2-core machine: one database per file.
export default defineConfig({
  test: { hookTimeout: 60_000, testTimeout: 60_000 },
});
