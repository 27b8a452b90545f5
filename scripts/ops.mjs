// Operator commands, against local state (default) or the deployed worker (--remote), with wrangler.
//   npm run ops -- erase-user <userId> [--remote] [--by <name>]   record a deletion request and shred now
//   npm run ops -- erase-session <sessionId> [--remote] [--by <name>]
//   npm run ops -- run-scheduled [--remote --url https://replay.example.com]   retention etc. now
//   npm run ops -- status [--remote]                               pending requests, key rotation
// Local commands use .wrangler/state (as `npm start` does) unless --persist-to names another folder,
// and reach a running `npm start` on --port (8787) or start a short-lived wrangler dev.
// Remote run-scheduled calls the admin API and needs REPLAY_ADMIN_TOKEN (an admin JWT) in the environment.
import { execFileSync, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { parseArgs } from "node:util";
import { userInfo } from "node:os";
import { mintDevToken } from "./token.mjs";

const wrangler = new URL("../node_modules/.bin/wrangler", import.meta.url).pathname;
const env = { ...process.env, WRANGLER_SEND_METRICS: "false" };
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    remote: { type: "boolean", default: false },
    url: { type: "string" },
    by: { type: "string" },
    port: { type: "string", default: "8787" },
    "persist-to": { type: "string" },
  },
});
const [command, target] = positionals;
const persist = !values.remote && values["persist-to"] ? ["--persist-to", values["persist-to"]] : [];
const where = values.remote ? ["--remote"] : ["--local", ...persist];

function fail(message) {
  console.error(`ops: ${message}`);
  process.exit(2);
}

/** SQL string literal; ids are also checked against a safe alphabet before they get here. */
function literal(s) {
  return `'${String(s).replace(/'/g, "''")}'`;
}

function d1(sqlText, json = false) {
  const args = ["d1", "execute", "DB", ...where, "--command", sqlText, ...(json ? ["--json"] : [])];
  return execFileSync(wrangler, args, { env, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
}

function eraseNow(scopeSql, fields) {
  const id = randomUUID();
  const now = Date.now();
  const by = `ops:${values.by ?? userInfo().username}`;
  // Same steps as the worker's shredSessions: keys first (the data is unreadable from here on),
  // tombstones so late chunks are refused, then hide; objects and rows go in the next scheduled run.
  d1(
    [
      `INSERT INTO deletion_requests (id, user_id, session_id, requested_by, source, requested_at) VALUES (${literal(id)}, ${fields.userId ? literal(fields.userId) : "NULL"}, ${fields.sessionId ? literal(fields.sessionId) : "NULL"}, ${literal(by)}, 'admin', ${now})`,
      `DELETE FROM session_keys WHERE session_id IN (SELECT id FROM sessions WHERE ${scopeSql(now)})`,
      `INSERT INTO erased_sessions (session_id, erased_at) SELECT id, ${now} FROM sessions WHERE ${scopeSql(now)} ON CONFLICT (session_id) DO NOTHING`,
      `UPDATE sessions SET erased_at = ${now} WHERE erased_at IS NULL AND ${scopeSql(now)}`,
    ].join("; "),
  );
  console.log(`deletion request ${id} recorded; data keys deleted, so the sessions are unreadable now.`);
  console.log(`Objects and rows are removed by the next scheduled run (or now: npm run ops -- run-scheduled${values.remote ? " --remote --url <worker url>" : ""}).`);
}

async function freePort() {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function runScheduledLocally() {
  const token = process.env.REPLAY_ADMIN_TOKEN ?? (await mintDevToken({ user: "ops", admin: true, ttlSeconds: 300 }));
  const call = (origin) => fetch(`${origin}/api/admin/ops/run-scheduled`, { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" } });
  const running = `http://127.0.0.1:${values.port}`;
  try {
    return await call(running);
  } catch {
    // No `npm start` running: start a short-lived wrangler dev on the same local state.
  }
  const port = await freePort();
  const child = spawn(wrangler, ["dev", "--ip", "127.0.0.1", "--port", String(port), "--show-interactive-dev-session=false", ...persist], { env, stdio: "ignore", detached: true });
  try {
    for (let i = 0; i < 120; i++) {
      try {
        return await call(`http://127.0.0.1:${port}`);
      } catch {
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    fail("wrangler dev did not start");
  } finally {
    process.kill(-child.pid, "SIGTERM");
  }
}

async function runScheduled() {
  let res;
  if (values.remote) {
    if (!values.url) fail("--remote run-scheduled needs --url <your worker's origin>");
    if (!process.env.REPLAY_ADMIN_TOKEN) fail("set REPLAY_ADMIN_TOKEN to an admin JWT for the deployed worker");
    res = await fetch(`${values.url.replace(/\/$/, "")}/api/admin/ops/run-scheduled`, { method: "POST", headers: { Authorization: `Bearer ${process.env.REPLAY_ADMIN_TOKEN}`, "Content-Type": "application/json" } });
  } else {
    res = await runScheduledLocally();
  }
  const body = await res.json();
  if (!res.ok) fail(`${res.status} ${JSON.stringify(body)}`);
  console.log(JSON.stringify(body.report, null, 2));
}

function status() {
  const out = JSON.parse(
    d1(
      "SELECT (SELECT COUNT(*) FROM deletion_requests WHERE completed_at IS NULL) AS pending_requests, (SELECT COUNT(*) FROM sessions WHERE erased_at IS NOT NULL) AS sessions_being_erased, (SELECT COUNT(*) FROM sessions WHERE erased_at IS NULL) AS sessions, (SELECT COALESCE(SUM(bytes),0) FROM sessions WHERE erased_at IS NULL) AS bytes, (SELECT COUNT(DISTINCT master_key_id) FROM session_keys) AS master_keys_in_use",
      true,
    ),
  );
  console.log(JSON.stringify(out[0]?.results?.[0] ?? out, null, 2));
}

const SAFE_ID = /^[A-Za-z0-9._@:|+-]{1,256}$/;
switch (command) {
  case "erase-user":
    if (!target || !SAFE_ID.test(target)) fail("erase-user needs a user id (the token's sub)");
    eraseNow((now) => `user_id = ${literal(target)} AND created_at <= ${now}`, { userId: target });
    break;
  case "erase-session":
    if (!target || !/^[0-9a-f-]{36}$/.test(target)) fail("erase-session needs a session id (uuid)");
    eraseNow(() => `id = ${literal(target)}`, { sessionId: target });
    break;
  case "run-scheduled":
    await runScheduled();
    break;
  case "status":
    status();
    break;
  default:
    fail("usage: npm run ops -- erase-user <id> | erase-session <id> | run-scheduled | status  [--remote] [--url URL]");
}
