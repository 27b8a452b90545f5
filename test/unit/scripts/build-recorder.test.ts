import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const BUILD_MODULE = new URL("../../../scripts/build-recorder.mjs", import.meta.url).href;

/** Builds the recorder bundle in a fresh Node, as `npm run build` does, and returns its text. */
async function buildRecorderText(): Promise<string> {
  const code = `const { build } = await import("esbuild"); const { recorderBuildOptions } = await import(${JSON.stringify(BUILD_MODULE)});
const out = await build({ ...(await recorderBuildOptions()), outfile: "recorder.js", write: false });
process.stdout.write(out.outputFiles[0].text);`;
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", code], {
    maxBuffer: 16 * 1024 * 1024,
    cwd: new URL("../../..", import.meta.url).pathname,
  });
  return stdout;
}

describe("recorder bundle (scripts/build-recorder.mjs)", () => {
  it("leaves rrweb's replay-side postcss out and stays within issue 13's 60 KB gzip", async () => {
    const js = await buildRecorderText();
    expect(js).toContain("startRecording");
    // postcss' own messages: present only if its module bodies were kept.
    expect(js).not.toContain("CssSyntaxError");
    expect(js).not.toContain("At-rule without name");
    expect(gzipSync(js).byteLength).toBeLessThanOrEqual(60_000);
  });
});
