// `npm start`: dev secrets, build, local D1 migrations, then `wrangler dev` on :8787 with local D1 and R2.
import { spawn, execFileSync } from "node:child_process";
import { ensureDevVars } from "./dev-vars.mjs";
import { mintDevToken } from "./token.mjs";

const PORT = process.env.PORT ?? "8787";
const ADMIN_TOKEN_TTL_SECONDS = 8 * 3600;
const env = { ...process.env, WRANGLER_SEND_METRICS: "false" };
const wrangler = new URL("../node_modules/.bin/wrangler", import.meta.url).pathname;

ensureDevVars();
execFileSync(process.execPath, [new URL("./build.mjs", import.meta.url).pathname], { stdio: "inherit", env });
execFileSync(wrangler, ["d1", "migrations", "apply", "DB", "--local"], { stdio: "inherit", env });

const token = await mintDevToken({ user: "dev-admin", admin: true, ttlSeconds: ADMIN_TOKEN_TTL_SECONDS });
const base = `http://localhost:${PORT}`;
const banner = [
  "",
  "  Session replay is starting (local D1 and R2 under .wrangler/state)",
  `  Demo page (records itself):  ${base}/demo/`,
  `  Admin UI, signed in as dev-admin (valid ${ADMIN_TOKEN_TTL_SECONDS / 3600} h):`,
  `    ${base}/admin/sign-in#token=${token}`,
  `  Dev admin token (for curl):  ${token}`,
  "",
].join("\n");

const child = spawn(wrangler, ["dev", "--port", PORT, "--show-interactive-dev-session=false"], { stdio: ["inherit", "pipe", "inherit"], env });
let shown = false;
child.stdout.on("data", (d) => {
  process.stdout.write(d);
  if (!shown && /Ready on/.test(String(d))) {
    shown = true;
    console.log(banner);
  }
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
