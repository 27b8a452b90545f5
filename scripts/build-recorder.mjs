// Bundles recorder/index.ts into dist/public/recorder.js, an ES module exporting startRecording.
import { build } from "esbuild";
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";

/** Builds the recorder bundle into `out` (a file URL of dist/public/). */
export async function buildRecorder(out) {
  const entry = new URL("../recorder/index.ts", import.meta.url);
  if (!existsSync(entry)) {
    await writeFile(new URL("recorder.js", out), "export function startRecording() { return { stop() {}, async flush() {} }; }\n");
    return;
  }
  await build({
    entryPoints: [entry.pathname],
    outfile: new URL("recorder.js", out).pathname,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: ["es2020"],
    minify: true,
    legalComments: "none",
    logLevel: "warning",
  });
}
