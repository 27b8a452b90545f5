// Builds the SolidJS admin UI with Vite into dist/public/admin (served under /admin/), and the
// share page, a separate entry with no admin API client, into dist/public/share (under /share/).
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";

/** Builds the admin UI and the share page into `out` (a file URL of dist/public/). */
export async function buildAdmin(out) {
  const config = new URL("../admin-ui/vite.config.ts", import.meta.url);
  const outDir = new URL("admin/", out);
  if (!existsSync(config)) {
    await mkdir(outDir, { recursive: true });
    await writeFile(new URL("index.html", outDir), "<!doctype html><title>Admin</title><p>The admin UI is not built yet.</p>\n");
    return;
  }
  const { build } = await import("vite");
  await build({ configFile: config.pathname, logLevel: "warn", build: { outDir: outDir.pathname, emptyOutDir: true } });
  // Same config, its own root (admin-ui/share/index.html) and base: its bundle is only what that page imports.
  await build({
    configFile: config.pathname,
    root: new URL("../admin-ui/share/", import.meta.url).pathname,
    base: "/share/",
    logLevel: "warn",
    build: { outDir: new URL("share/", out).pathname, emptyOutDir: true },
  });
}
