// Builds the SolidJS admin UI with Vite into dist/public/admin (served under /admin/).
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";

/** Builds the admin UI into `out` (a file URL of dist/public/). */
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
}
