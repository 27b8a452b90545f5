import { build } from "esbuild";
import { rrwebPatchWith } from "../../scripts/rrweb-patch.mjs";

/**
 * `entry`, a module that imports rrweb, bundled for the browser with `rewrites` applied to rrweb's
 * dist: the equivalence test and the A/B bench compare rrweb as shipped with rrweb as we ship it.
 */
export async function bundleWithRrwebRewrites(
  entry: string,
  rewrites: Parameters<typeof rrwebPatchWith>[0],
  options: { minify?: boolean } = {},
): Promise<string> {
  const out = await build({
    stdin: { contents: entry, resolveDir: process.cwd() },
    bundle: true,
    format: "esm",
    minify: options.minify ?? false,
    write: false,
    logLevel: "error",
    plugins: [rrwebPatchWith(rewrites)],
  });
  return out.outputFiles[0].text;
}
