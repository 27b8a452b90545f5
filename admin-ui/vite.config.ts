import { defineConfig } from "vite";
import solid from "vite-plugin-solid";

// Served by the worker under /admin/ (worker/routes/pages.ts); scripts/build-admin.mjs sets outDir.
export default defineConfig({
  root: import.meta.dirname,
  base: "/admin/",
  plugins: [solid()],
  build: {
    target: "es2022",
    // The strict CSP (script-src 'self') forbids inline scripts, so keep Vite's module preload polyfill out.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: true,
    // Rolldown's plugin-timing report is noise in `npm start` and `npm test` output.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
});
