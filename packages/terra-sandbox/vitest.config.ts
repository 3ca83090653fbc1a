import { defineConfig } from "vitest/config";

// The machine is shared: generous time-outs, and end-to-end tests (child processes,
// *.e2e.test.ts) run apart with `test:e2e`.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    exclude: ["src/**/*.e2e.test.ts"],
    testTimeout: 30_000,
  },
});
