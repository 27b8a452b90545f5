import { defineConfig, type HtmlTagDescriptor, type Plugin } from "vite";
import solid from "vite-plugin-solid";

/** The head every page shares: UTF-8, a mobile viewport, no referrer, and no favicon request. */
const SHARED_HEAD: HtmlTagDescriptor[] = [
  { tag: "meta", attrs: { charset: "utf-8" } },
  { tag: "meta", attrs: { name: "viewport", content: "width=device-width, initial-scale=1" } },
  { tag: "meta", attrs: { name: "referrer", content: "no-referrer" } },
  { tag: "link", attrs: { rel: "icon", href: "data:," } },
].map((t) => ({ ...t, injectTo: "head-prepend" }));

/** Puts SHARED_HEAD at the top of every page's <head>, so the pages write only their own title and tags. */
function sharedHead(): Plugin {
  return { name: "shared-head", transformIndexHtml: () => SHARED_HEAD };
}

// Served by the worker under /admin/ (worker/routes/pages.ts); scripts/build-admin.mjs sets outDir.
export default defineConfig({
  root: import.meta.dirname,
  base: "/admin/",
  plugins: [sharedHead(), solid()],
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
