import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it, onTestFinished } from "vitest";

const run = promisify(execFile);
const DEV_VARS_MODULE = new URL("../../../scripts/dev-vars.mjs", import.meta.url).href;

/** Runs scripts/dev-vars.mjs's ensureDevVars on `path` in a fresh Node, as `npm start` does. */
async function ensureDevVars(path: string): Promise<Record<string, string>> {
  const code = `const { ensureDevVars } = await import(${JSON.stringify(DEV_VARS_MODULE)}); console.log(JSON.stringify(ensureDevVars(process.argv[1])));`;
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", code, path]);
  return JSON.parse(stdout);
}

/** Where a .dev.vars may go: a fresh folder, removed when the test ends. */
async function devVarsPath(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "dev-vars-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return join(dir, ".dev.vars");
}

describe(".dev.vars (npm start)", () => {
  it("gets a dev admin secret of its own, different from the recording secret", async () => {
    const vars = await ensureDevVars(await devVarsPath());
    expect(vars.REPLAY_DEV).toBe("true");
    for (const name of ["REPLAY_JWT_SECRET", "REPLAY_ADMIN_JWT_SECRET", "REPLAY_SIGNING_SECRET"])
      expect(vars[name]).toMatch(/^dev-insecure-[A-Za-z0-9_-]{32}$/);
    expect(vars.REPLAY_ADMIN_JWT_SECRET).not.toBe(vars.REPLAY_JWT_SECRET);
  });

  it("adds the admin secret to a .dev.vars made before it existed, and leaves the rest as it was", async () => {
    const path = await devVarsPath();
    const old = "# mine\nREPLAY_DEV=true\nREPLAY_JWT_SECRET=dev-insecure-old-recording-secret-0123456789\nREPLAY_ADMIN_USERS=me";
    await writeFile(path, old);
    const vars = await ensureDevVars(path);
    expect(vars.REPLAY_ADMIN_JWT_SECRET).toMatch(/^dev-insecure-/);
    expect(vars.REPLAY_JWT_SECRET).toBe("dev-insecure-old-recording-secret-0123456789");
    const text = await readFile(path, "utf8");
    expect(text.startsWith(`${old}\n`)).toBe(true);
    // Once there, it stays the same.
    expect((await ensureDevVars(path)).REPLAY_ADMIN_JWT_SECRET).toBe(vars.REPLAY_ADMIN_JWT_SECRET);
    expect(await readFile(path, "utf8")).toBe(text);
  });
});
