// Operator commands, through the worker's admin API: the same code paths as the admin UI and the cron,
// so this script holds no SQL of its own.
//   npm run ops -- erase-user <userId>         file a deletion request: unreadable at once, objects and rows follow
//   npm run ops -- erase-session <sessionId>   erase one session now
//   npm run ops -- run-scheduled               run the cron's work now (deletion requests, retention, orphans, key re-wrap)
//   npm run ops -- status                      pending requests, erasure and key-rotation backlog, what is stored
// Options:
//   --url <origin>    the worker (default http://localhost:8787, i.e. a running `npm start`)
//   --token <jwt>     an admin token (or REPLAY_ADMIN_TOKEN). Without one, and only for a local worker, a
//                     five-minute dev admin token is minted from .dev.vars, with sub "ops:<--by or your user name>".
import { parseArgs } from "node:util";
import { userInfo } from "node:os";
import { mintDevToken } from "./token.mjs";

const DEFAULT_URL = "http://localhost:8787";
const DEV_TOKEN_TTL_SECONDS = 300;
const SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const USAGE = "usage: npm run ops -- erase-user <userId> | erase-session <sessionId> | run-scheduled | status  [--url URL] [--token JWT] [--by NAME]";

/** Exit codes: 1 the worker refused or could not be reached, 2 the command line is wrong. */
function fail(message, code = 1) {
  console.error(`ops: ${message}`);
  process.exit(code);
}

let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { url: { type: "string", default: DEFAULT_URL }, token: { type: "string" }, by: { type: "string" } } });
} catch (err) {
  fail(`${err.message}\n${USAGE}`, 2);
}
const { values, positionals } = parsed;
const [command, target] = positionals;
const origin = values.url.replace(/\/+$/, "");

function isLocal(url) {
  try {
    return ["localhost", "127.0.0.1", "[::1]"].includes(new URL(url).hostname);
  } catch {
    fail(`--url must be an origin like https://replay.example.com, got "${url}"`, 2);
  }
}

async function adminToken() {
  const given = values.token ?? process.env.REPLAY_ADMIN_TOKEN;
  if (given) return given;
  if (!isLocal(origin)) fail(`${origin} is not local: pass --token <admin jwt> or set REPLAY_ADMIN_TOKEN`, 2);
  return mintDevToken({ user: `ops:${values.by ?? userInfo().username}`, admin: true, ttlSeconds: DEV_TOKEN_TTL_SECONDS });
}

/** Calls the admin API; returns the parsed answer of a 2xx, or fails with the contract's error code and message. */
async function api(method, path, body) {
  const headers = { Authorization: `Bearer ${await adminToken()}` };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let res;
  try {
    res = await fetch(`${origin}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    fail(`no worker answers at ${origin} (start one with \`npm start\`, or pass --url)`);
  }
  const text = await res.text();
  let answer;
  try {
    answer = JSON.parse(text);
  } catch {
    fail(`${res.status} from ${origin}${path}, not JSON: ${text.slice(0, 200)}`);
  }
  if (!res.ok) {
    const retry = res.headers.get("Retry-After");
    fail(`${res.status} ${answer?.error?.code ?? "error"}: ${answer?.error?.message ?? text.slice(0, 200)}${retry ? ` (retry in ${retry} s)` : ""}`);
  }
  return answer;
}

switch (command) {
  case "erase-user": {
    if (!target) fail(`erase-user needs a user id (the token's sub)\n${USAGE}`, 2);
    const answer = await api("POST", "/api/admin/deletion-requests", { userId: target });
    console.log(`deletion request ${answer.requestId} recorded: ${answer.sessionsErased} session(s) unreadable now.`);
    console.log("Their objects and rows are removed in the background, or by the next scheduled run (now: npm run ops -- run-scheduled).");
    break;
  }
  case "erase-session": {
    if (!target || !SESSION_ID.test(target)) fail(`erase-session needs a session id (uuid)\n${USAGE}`, 2);
    const answer = await api("DELETE", `/api/admin/sessions/${target.toLowerCase()}`);
    console.log(`session ${target.toLowerCase()} erased (deletion request ${answer.requestId}).`);
    break;
  }
  case "run-scheduled":
    console.log(JSON.stringify((await api("POST", "/api/admin/ops/run-scheduled", {})).report, null, 2));
    break;
  case "status":
    console.log(JSON.stringify(await api("GET", "/api/admin/ops/status"), null, 2));
    break;
  default:
    fail(USAGE, 2);
}
