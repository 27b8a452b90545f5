// Bundles recorder/index.ts into dist/public/recorder.js, an ES module exporting startRecording.
// The compression Web Worker (recorder/transport/compression-worker.ts) is bundled first, on its
// own, and travels inside recorder.js as a string: the recorder starts it from a Blob URL, since
// host pages load the recorder cross-origin and a worker script URL must be same-origin.
import { build } from "esbuild";
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { rrwebPatch } from "./rrweb-patch.mjs";

/** What both bundles share (and the benchmark's): minified browser code for the recorder's oldest supported target. */
export const BROWSER_BUNDLE = { bundle: true, platform: "browser", target: ["es2020"], minify: true, legalComments: "none", logLevel: "warning" };

/** The compression worker's program as one script (a classic worker: no imports left). */
async function bundleCompressionWorker() {
  const entry = new URL("../recorder/transport/compression-worker.ts", import.meta.url);
  const result = await build({ ...BROWSER_BUNDLE, entryPoints: [entry.pathname], format: "iife", write: false });
  return result.outputFiles[0].text;
}

/** esbuild options of the recorder bundle (also used by the bench to rebuild it with a source map). */
export async function recorderBuildOptions() {
  const entry = new URL("../recorder/index.ts", import.meta.url);
  return {
    ...BROWSER_BUNDLE,
    entryPoints: [entry.pathname],
    format: "esm",
    plugins: [rrwebPatch],
    // recorder/transport/compressor.ts reads the worker's program from this constant.
    define: { COMPRESSION_WORKER_SOURCE: JSON.stringify(await bundleCompressionWorker()) },
  };
}

/** Builds the recorder bundle into `out` (a file URL of dist/public/). */
export async function buildRecorder(out) {
  if (!existsSync(new URL("../recorder/index.ts", import.meta.url))) {
    await writeFile(new URL("recorder.js", out), "export function startRecording() { return { stop() {}, async flush() {} }; }\n");
    return;
  }
  await build({ ...(await recorderBuildOptions()), outfile: new URL("recorder.js", out).pathname });
}
