import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { workerForFile } from "../helpers/worker-server.ts";
import { mintToken } from "../helpers/tokens.ts";

const run = promisify(execFile);
const ROOT = new URL("../..", import.meta.url).pathname;
const worker = workerForFile();
const admin = await mintToken("ops-admin", { admin: true });

async function seed(userId: string) {
  const sessionId = crypto.randomUUID();
  const t = Date.now() - 10_000;
  const events = [
    { type: 4, data: { href: "https://app.example.com/", width: 800, height: 600 }, timestamp: t },
    { type: 2, data: { node: { type: 0, id: 1, childNodes: [] }, initialOffset: { top: 0, left: 0 } }, timestamp: t },
  ];
  const res = await fetch(`${worker().origin}/api/replay/upload`, {
    method: "POST",
    headers: { Authorization: `Bearer ${await mintToken(userId)}`, "Content-Type": "application/json" },
    body: JSON.stringify({ sessionId, seq: 0, events }),
  });
  expect(res.status).toBe(200);
  return sessionId;
}

/** Runs `npm run ops` against this file's worker (unless `--url` is given); never throws, returns what it printed. */
async function ops(args: string[], opts: { token?: string; envToken?: string } = {}) {
  const urlArgs = args.includes("--url") ? [] : ["--url", worker().origin];
  const tokenArgs = opts.token ? ["--token", opts.token] : [];
  const env: NodeJS.ProcessEnv = { ...process.env, WRANGLER_SEND_METRICS: "false" };
  delete env.REPLAY_ADMIN_TOKEN;
  if (opts.envToken) env.REPLAY_ADMIN_TOKEN = opts.envToken;
  try {
    const { stdout, stderr } = await run(process.execPath, ["scripts/ops.mjs", ...args, ...urlArgs, ...tokenArgs], { cwd: ROOT, env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const failed = err as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

async function adminGet(path: string) {
  return fetch(`${worker().origin}${path}`, { headers: { Authorization: `Bearer ${await mintToken("ops-reader", { admin: true })}` } });
}

describe("npm run ops (through the admin API)", () => {
  it("erase-user files a deletion request that makes the sessions unreadable at once; run-scheduled and status show it done", async () => {
    const [doomed, kept] = await Promise.all([seed("ops-victim"), seed("ops-bystander")]);
    const before = JSON.parse((await ops(["status"], { token: admin })).stdout) as { storedSessions: number };

    const filed = await ops(["erase-user", "ops-victim"], { token: admin });
    expect(filed).toMatchObject({ code: 0, stderr: "" });
    expect(filed.stdout).toMatch(/^deletion request [0-9a-f-]{36} recorded: 1 session\(s\) unreadable now\./);
    expect((await adminGet(`/api/admin/sessions/${doomed}`)).status).toBe(404);

    const report = await ops(["run-scheduled"], { token: admin });
    expect(report.code).toBe(0);
    expect(JSON.parse(report.stdout)).toMatchObject({ deletionRequestsCompleted: expect.any(Number), retentionErased: 0 });

    const status = await ops(["status"], { token: admin });
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      pendingDeletionRequests: [],
      sessionsBeingErased: 0,
      storedSessions: before.storedSessions - 1,
      keysAwaitingRewrap: 0,
    });
    expect((await adminGet(`/api/admin/sessions/${kept}`)).status).toBe(200);
    const listed = (await (await adminGet("/api/admin/sessions?userId=ops-victim")).json()) as { sessions: unknown[] };
    expect(listed.sessions).toEqual([]);
  });

  it("erase-session erases one session now, and says so when there is no such session", async () => {
    const doomed = await seed("ops-session-user");
    const sibling = await seed("ops-session-user");

    const erased = await ops(["erase-session", doomed.toUpperCase()], { envToken: admin });
    expect(erased).toMatchObject({ code: 0, stderr: "" });
    expect(erased.stdout).toMatch(new RegExp(`^session ${doomed} erased \\(deletion request [0-9a-f-]{36}\\)\\.`));
    expect((await adminGet(`/api/admin/sessions/${doomed}`)).status).toBe(404);
    expect((await adminGet(`/api/admin/sessions/${sibling}`)).status).toBe(200);

    const again = await ops(["erase-session", doomed], { envToken: admin });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^ops: 404 not_found: /);
  });

  it("refuses a user token, a remote worker without a token, an unreachable worker and a bad command line", async () => {
    // A recording token is no admin token at all; an admin-secret token without the admin role is not an admin's.
    const user = await ops(["status"], { token: await mintToken("ops-not-admin") });
    expect(user.code).toBe(1);
    expect(user.stderr).toMatch(/^ops: 401 invalid_token: /);
    const notAdmin = await ops(["status"], { token: await mintToken("ops-not-admin", { kind: "admin" }) });
    expect(notAdmin.code).toBe(1);
    expect(notAdmin.stderr).toMatch(/^ops: 403 forbidden: /);

    const remote = await ops(["status", "--url", "https://replay.example.com"]);
    expect(remote.code).toBe(2);
    expect(remote.stderr).toMatch(/is not local: pass --token/);

    const down = await ops(["status", "--url", "http://127.0.0.1:9"], { token: "x.y.z" });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/no worker answers at http:\/\/127\.0\.0\.1:9/);

    for (const args of [["erase-session", "not-a-uuid"], ["erase-user"], ["vacuum"], ["status", "--remote"]]) {
      const bad = await ops(args, { token: "x.y.z" });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/usage: npm run ops/);
    }
  });
});
