// Makes .dev.vars with fresh random dev-only secrets when it is missing, and adds secrets that a
// .dev.vars from an older version lacks. Dev secrets carry the "dev-insecure-" prefix: the worker
// refuses them outside dev mode, which needs REPLAY_DEV (only ever set here: wrangler deploy never
// uploads .dev.vars) and a request to localhost.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";

export const DEV_VARS_PATH = new URL("../.dev.vars", import.meta.url);

const devSecret = () => `dev-insecure-${randomBytes(24).toString("base64url")}`;

/** Every entry a fresh .dev.vars gets, each made on demand so that no value is reused. */
const DEV_ENTRIES = [
  ["REPLAY_DEV", () => "true"],
  ["REPLAY_JWT_SECRET", devSecret],
  ["REPLAY_ADMIN_JWT_SECRET", devSecret],
  ["REPLAY_SIGNING_SECRET", devSecret],
  ["REPLAY_MASTER_KEY", () => randomBytes(32).toString("base64")],
  ["REPLAY_ALLOWED_ORIGINS", () => "*"],
  ["REPLAY_ADMIN_USERS", () => "dev-admin"],
];

/** Secrets added to an existing .dev.vars that lacks them (settings there are the developer's call). */
const ADDED_WHEN_MISSING = new Set(["REPLAY_ADMIN_JWT_SECRET"]);

/** Returns the .dev.vars entries, creating the file (or its missing secrets) first if needed. */
export function ensureDevVars(path = DEV_VARS_PATH) {
  if (!existsSync(path)) {
    const lines = [
      "# Local development only. Never deploy these; production uses `wrangler secret put`.",
      ...DEV_ENTRIES.map(([name, make]) => `${name}=${make()}`),
    ];
    writeFileSync(path, `${lines.join("\n")}\n`, { mode: 0o600 });
  }
  const text = readFileSync(path, "utf8");
  const vars = parseDevVars(text);
  const missing = DEV_ENTRIES.filter(([name]) => ADDED_WHEN_MISSING.has(name) && !vars[name]);
  if (missing.length > 0) {
    const lines = missing.map(([name, make]) => `${name}=${make()}`);
    appendFileSync(path, `${(text.endsWith("\n") || text === "" ? "" : "\n") + lines.join("\n")}\n`);
    return parseDevVars(readFileSync(path, "utf8"));
  }
  return vars;
}

/** Parses KEY=VALUE lines (no quoting needed for our values). */
export function parseDevVars(text) {
  const vars = {};
  for (const line of text.split("\n")) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (m) vars[m[1]] = m[2].replace(/^"(.*)"$/, "$1");
  }
  return vars;
}
