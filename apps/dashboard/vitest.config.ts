import { defineConfig } from "vitest/config";

// Unit tests of the data modules and helpers (node, no browser); the browser suite is test:e2e.
// A zone with daylight saving, so that local-day arithmetic is tested where it can go wrong.
export default defineConfig({ test: { include: ["src/**/*.test.ts"], env: { TZ: "Europe/Paris" } } });
