import { defineConfig } from "vite";

// Relative asset URLs: the same build works under the admin app's /dashboard/ and on any static host.
// Preact's JSX through Vite's own transform (no Babel preset needed).
export default defineConfig({
  base: "./",
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: { target: "es2022", sourcemap: true, assetsInlineLimit: 0 },
});
