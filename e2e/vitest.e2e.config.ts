import { defineConfig } from "vitest/config";

// Real processes on a private PostgreSQL cluster: files one after the other (each boots its own
// cluster and services), generous hook time for the boots, bounded waits inside the tests.
export default defineConfig({
  test: {
    include: ["src/**/*.e2e.test.ts"],
    fileParallelism: false,
    hookTimeout: 90_000,
    testTimeout: 150_000,
  },
});
