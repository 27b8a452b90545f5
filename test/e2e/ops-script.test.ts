import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorker, type WorkerServer } from "../helpers/worker-server.ts";
import { mintToken } from "../helpers/tokens.ts";

const run = promisify(execFile);
const ROOT = new URL("../..", import.meta.url).pathname;
let server: WorkerServer;

beforeAll(async () => {
  server = await startWorker();
});
afterAll(async () => {
  await server?.stop();
});

async function seed(userId: string) {
  const sessionId = crypto.randomUUID();
  const t = Date.now() - 10_000;
  const events = [
    { type: 4, data: { href: "https://app.example.com/", width: 800, height: 600 }, timestamp: t },
    { type: 2, data: { node: { type: 0, id: 1, childNodes: [] }, initialOffset: { top: 0, left: 0 } }, timestamp: t },
  ];
  const res = await fetch(`${server.origin}/api/replay/upload`, {
    method: "POST",
    headers: { Authorization: `Bearer ${await mintToken(userId)}`, "Content-Type": "application/json" },
    body: JSON.stringify({ sessionId, seq: 0, events }),
  });
  expect(res.status).toBe(200);
  return sessionId;
}

async function ops(args: string[], adminToken: string) {
  const port = new URL(server.origin).port;
  return run(process.execPath, ["scripts/ops.mjs", ...args, "--persist-to", server.persistDir, "--port", port], {
    cwd: ROOT,
    env: { ...process.env, REPLAY_ADMIN_TOKEN: adminToken, WRANGLER_SEND_METRICS: "false" },
  });
}

describe("npm run ops (local)", () => {
  it("files a deletion request that shreds at once, then run-scheduled erases objects and rows", async () => {
    const admin = await mintToken("ops-admin", { admin: true });
    const doomed = await seed("ops-victim");
    const kept = await seed("ops-bystander");
    const auth = { headers: { Authorization: `Bearer ${admin}` } };

    const filed = await ops(["erase-user", "ops-victim", "--by", "tester"], admin);
    expect(filed.stdout).toMatch(/deletion request [0-9a-f-]{36} recorded/);
    expect((await fetch(`${server.origin}/api/admin/sessions/${doomed}`, auth)).status).toBe(404);

    const status = JSON.parse((await fetch(`${server.origin}/api/admin/ops/status`, auth).then((r) => r.text())));
    expect(status.pendingDeletionRequests).toHaveLength(1);
    expect(status.pendingDeletionRequests[0]).toMatchObject({ userId: "ops-victim" });

    const report = JSON.parse((await ops(["run-scheduled"], admin)).stdout);
    expect(report.deletionRequestsCompleted).toBe(1);
    const after = await fetch(`${server.origin}/api/admin/ops/status`, auth).then((r) => r.json());
    expect(after).toMatchObject({ pendingDeletionRequests: [], sessionsBeingErased: 0, storedSessions: 1 });
    expect((await fetch(`${server.origin}/api/admin/sessions/${kept}`, auth)).status).toBe(200);
  });
});
