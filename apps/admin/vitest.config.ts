import { defineConfig } from "vitest/config";

// One database per test file, files one after another: the machine is small and shared.
export default defineConfig({
  test: { include: ["src/**/*.test.ts"], fileParallelism: false, testTimeout: 30_000, hookTimeout: 60_000 },
});
