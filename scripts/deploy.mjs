// `npm run deploy [-- <wrangler deploy options>]`: refuses to ship a configuration that turns on
// dev mode (REPLAY_DEV), then builds dist/public and runs `wrangler deploy` with the options given.
// `npm run deploy -- --check-only` only checks. The worker also answers 500 bad_config to every
// request that is not made to localhost while REPLAY_DEV is "true", so a deploy that slipped past
// this (`wrangler secret put REPLAY_DEV`, a dashboard var) is unusable rather than insecure.
import { existsSync, readFileSync } from "node:fs";
import { execFileSync, spawnSync } from "node:child_process";
import { resolve } from "node:path";

const ROOT = new URL("..", import.meta.url).pathname;
const WRANGLER = new URL("../node_modules/.bin/wrangler", import.meta.url).pathname;
const CHECK_ONLY = "--check-only";

/** The value of a `--name value` or `--name=value` option, if given. */
function optionValue(args, names) {
  for (let i = 0; i < args.length; i++) {
    for (const name of names) {
      if (args[i] === name) return args[i + 1];
      if (args[i].startsWith(`${name}=`)) return args[i].slice(name.length + 1);
    }
  }
  return undefined;
}

/** Lines of a wrangler.toml or secrets file (.env or JSON) that set REPLAY_DEV, comments aside. */
function settingLines(text, label) {
  return text
    .split("\n")
    .map((line, i) => ({ code: line.replace(/#.*$/, ""), at: `${label} line ${i + 1}` }))
    .filter(({ code }) => /(^|[\s{,])"?REPLAY_DEV"?\s*[=:]/.test(code))
    .map(({ at }) => at);
}

/** Every place that would set REPLAY_DEV in this deploy: config file, secrets file, environment, --var. */
export function devModeSources(args, env) {
  const config = resolve(ROOT, optionValue(args, ["-c", "--config"]) ?? "wrangler.toml");
  const found = existsSync(config) ? settingLines(readFileSync(config, "utf8"), config) : [];
  const secretsFile = optionValue(args, ["--secrets-file"]);
  if (secretsFile && existsSync(resolve(secretsFile))) found.push(...settingLines(readFileSync(resolve(secretsFile), "utf8"), secretsFile));
  if (env.REPLAY_DEV !== undefined) found.push("the environment (REPLAY_DEV is set in this shell)");
  if (args.some((a) => /(^|=)REPLAY_DEV:/.test(a))) found.push("a --var REPLAY_DEV:... option");
  return found;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const found = devModeSources(args, process.env);
  if (found.length > 0) {
    console.error("deploy refused: REPLAY_DEV is for local development only (it allows dev secrets, any origin and");
    console.error("the dev token route), and a deployed worker with it answers every request with 500 bad_config.");
    console.error(`Remove it from: ${found.join("; ")}.`);
    process.exit(2);
  }
  if (args.includes(CHECK_ONLY)) {
    console.log("deploy check: nothing sets REPLAY_DEV");
    process.exit(0);
  }
  const env = { ...process.env, WRANGLER_SEND_METRICS: "false" };
  execFileSync(process.execPath, [new URL("./build.mjs", import.meta.url).pathname], { stdio: "inherit", env });
  const result = spawnSync(WRANGLER, ["deploy", ...args], { stdio: "inherit", env, cwd: ROOT });
  process.exit(result.status ?? 1);
}
