// `npm start`: dev secrets, build, local D1 migrations, then `wrangler dev` on :8787 with local D1 and R2.
import { spawn, execFileSync } from "node:child_process";
import { ensureDevVars } from "./dev-vars.mjs";
import { mintDevToken, signInLink } from "./token.mjs";

const PORT = process.env.PORT ?? "8787";
const ADMIN_TOKEN_TTL_SECONDS = 8 * 3600;
const env = { ...process.env, WRANGLER_SEND_METRICS: "false" };
const wrangler = new URL("../node_modules/.bin/wrangler", import.meta.url).pathname;

ensureDevVars();
execFileSync(process.execPath, [new URL("./build.mjs", import.meta.url).pathname], { stdio: "inherit", env });
execFileSync(wrangler, ["d1", "migrations", "apply", "DB", "--local"], { stdio: "inherit", env });

const token = await mintDevToken({ user: "dev-admin", admin: true, ttlSeconds: ADMIN_TOKEN_TTL_SECONDS });
const base = `http://localhost:${PORT}`;
// The link carries a single-use code, not a token: URLs stay in the browser's history.
const banner = () =>
  [
    "",
    "  Session replay is starting (local D1 and R2 under .wrangler/state)",
    `  Demo page (records itself):  ${base}/demo/`,
    "  Admin UI, signs you in as dev-admin (the link works once, within 10 minutes;",
    "  npm run token -- --sign-in-code makes another):",
    `    ${signInLink(base, "dev-admin")}`,
    `  Dev admin token for curl (valid ${ADMIN_TOKEN_TTL_SECONDS / 3600} h):  ${token}`,
    "",
  ].join("\n");

const child = spawn(wrangler, ["dev", "--port", PORT, "--show-interactive-dev-session=false"], { stdio: ["inherit", "pipe", "inherit"], env });
let shown = false;
child.stdout.on("data", (d) => {
  process.stdout.write(d);
  if (!shown && /Ready on/.test(String(d))) {
    shown = true;
    console.log(banner());
  }
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
