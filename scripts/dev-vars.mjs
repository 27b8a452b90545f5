// Makes .dev.vars with fresh random dev-only secrets when it is missing.
// Dev secrets carry the "dev-insecure-" prefix: the worker refuses them unless REPLAY_DEV is "true",
// and REPLAY_DEV only ever lives here (wrangler deploy never uploads .dev.vars).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";

export const DEV_VARS_PATH = new URL("../.dev.vars", import.meta.url);

/** Returns the .dev.vars entries, creating the file with random dev secrets first if needed. */
export function ensureDevVars() {
  if (!existsSync(DEV_VARS_PATH)) {
    const secret = () => `dev-insecure-${randomBytes(24).toString("base64url")}`;
    const lines = [
      "# Local development only. Never deploy these; production uses `wrangler secret put`.",
      "REPLAY_DEV=true",
      `REPLAY_JWT_SECRET=${secret()}`,
      `REPLAY_SIGNING_SECRET=${secret()}`,
      `REPLAY_MASTER_KEY=${randomBytes(32).toString("base64")}`,
      "REPLAY_ALLOWED_ORIGINS=*",
      "REPLAY_ADMIN_USERS=dev-admin",
    ];
    writeFileSync(DEV_VARS_PATH, lines.join("\n") + "\n", { mode: 0o600 });
  }
  return parseDevVars(readFileSync(DEV_VARS_PATH, "utf8"));
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
