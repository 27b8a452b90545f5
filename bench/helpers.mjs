// The test suite's own helpers (a real `wrangler dev`, token minting), compiled from TypeScript on
// the fly: node 20 cannot import .ts, and a second copy of them here would drift from the tests'.
import { build } from "esbuild";
import { mkdir } from "node:fs/promises";

const CACHE = new URL(".cache/", import.meta.url);
const entry = `export { startWorker } from "../test/helpers/worker-server.ts";
export { mintToken } from "../test/helpers/tokens.ts";
export { TEST_VARS } from "../test/helpers/test-vars.ts";
export { launchBrowser } from "../test/helpers/browser.ts";`;

/**
 * Imports a module of TypeScript re-exports (`entry`, paths relative to bench/), bundled into
 * bench/.cache/<name>.mjs with the packages left external.
 */
export async function importTypeScript(name, entry) {
  await mkdir(CACHE, { recursive: true });
  const outfile = new URL(`${name}.mjs`, CACHE).pathname;
  // bench/.cache/ sits two levels below the root, like test/helpers/, so the helpers' root-relative paths hold.
  await build({
    stdin: { contents: entry, resolveDir: new URL(".", import.meta.url).pathname, loader: "ts" },
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    outfile,
    logLevel: "warning",
  });
  return import(`${outfile}?${Date.now()}`);
}

/** Imports startWorker, mintToken, TEST_VARS and launchBrowser from test/helpers. */
export function loadTestHelpers() {
  return importTypeScript("test-helpers", entry);
}
