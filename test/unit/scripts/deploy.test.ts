import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const ROOT = new URL("../../..", import.meta.url).pathname;
const { REPLAY_DEV: _unset, ...cleanEnv } = process.env;

/** Runs `npm run deploy -- <args>` as far as its check (--check-only stops before build and wrangler). */
async function deploy(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, ["scripts/deploy.mjs", ...args, "--check-only"], { cwd: ROOT, env: { ...cleanEnv, ...env } });
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

let dir: string;
let toml: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "deploy-check-"));
  toml = await readFile(join(ROOT, "wrangler.toml"), "utf8");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("npm run deploy refuses dev mode", () => {
  it("lets this repository's wrangler.toml through", async () => {
    expect(await deploy([])).toMatchObject({ code: 0 });
  });

  it("refuses REPLAY_DEV in [vars], in an environment's vars, or inline, wherever the config file is", async () => {
    const variants = [
      toml.replace("[vars]\n", '[vars]\nREPLAY_DEV = "true"\n'),
      `${toml}\n[env.staging.vars]\n  REPLAY_DEV="false" # even "false": the flag has no place in a deploy\n`,
      `${toml}\n[env.preview]\nvars = { REPLAY_ENABLED = "true", REPLAY_DEV = "true" }\n`,
    ];
    for (const [i, text] of variants.entries()) {
      const path = join(dir, `wrangler-${i}.toml`);
      await writeFile(path, text);
      const { code, out } = await deploy(["--config", path]);
      expect(code).toBe(2);
      expect(out).toContain("deploy refused");
      expect(out).toMatch(new RegExp(`wrangler-${i}\\.toml line \\d+`));
    }
    // A comment that mentions it is not a setting.
    const commented = join(dir, "commented.toml");
    await writeFile(commented, `${toml}\n# REPLAY_DEV = "true" lives in .dev.vars only\n`);
    expect(await deploy(["-c", commented])).toMatchObject({ code: 0 });
  });

  it("refuses REPLAY_DEV from the shell, a --var option or a secrets file", async () => {
    expect(await deploy([], { REPLAY_DEV: "true" })).toMatchObject({ code: 2 });
    expect(await deploy(["--var", "REPLAY_DEV:true"])).toMatchObject({ code: 2 });
    const secrets = join(dir, "secrets.json");
    await writeFile(secrets, JSON.stringify({ REPLAY_JWT_SECRET: "x".repeat(40), REPLAY_DEV: "true" }, null, 2));
    expect(await deploy(["--secrets-file", secrets])).toMatchObject({ code: 2 });
  });
});
