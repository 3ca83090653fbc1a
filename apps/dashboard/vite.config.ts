import { defineConfig } from "vite";

// Relative asset URLs: the same build works under the admin app's /dashboard/ and on any static host.
// Preact's JSX through Vite's own transform (no Babel preset needed). The dev server forwards /v1 to
// an admin API (ADMIN_API_URL, default `pnpm start`'s), so development is same-origin as in production.
export default defineConfig({
  base: "./",
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: { target: "es2022", sourcemap: true, assetsInlineLimit: 0 },
  server: { proxy: { "/v1": process.env.ADMIN_API_URL ?? "http://127.0.0.1:3001" } },
});
