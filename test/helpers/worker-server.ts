import { spawn, execFile, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer } from "node:net";
import { promisify } from "node:util";
import { afterAll, beforeAll } from "vitest";
import { LOCAL_DEV_VARS } from "./test-vars.ts";

const run = promisify(execFile);
const ROOT = new URL("../..", import.meta.url).pathname;
const WRANGLER = join(ROOT, "node_modules/.bin/wrangler");
const READY_TIMEOUT_MS = 90_000;
/** Wrangler runs quietly, without telemetry or colours. */
const WRANGLER_ENV = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true", NO_COLOR: "1" };

/** A real `wrangler dev` (local D1 and R2 in a fresh temp folder) for end-to-end tests. */
export interface WorkerServer {
  origin: string;
  persistDir: string;
  vars: Record<string, string>;
  /** stdout+stderr so far, for asserting what the worker logged. */
  logs(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

/**
 * Applies migrations to a fresh local D1 and starts `wrangler dev` on a free port with test vars
 * (overridable per test file). Needs `npm run build` to have produced dist/public.
 */
export async function startWorker(overrides: Record<string, string> = {}): Promise<WorkerServer> {
  const persistDir = await mkdtemp(join(tmpdir(), "replay-e2e-"));
  const vars: Record<string, string> = { ...LOCAL_DEV_VARS, ...overrides };
  const envFile = join(persistDir, "test.env");
  await writeFile(
    envFile,
    `${Object.entries(vars)
      .map(([k, v]) => `${k}=${v}`)
      .join("\n")}\n`,
  );
  const env = WRANGLER_ENV;
  await run(WRANGLER, ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistDir], { cwd: ROOT, env });
  const port = await freePort();
  // Its own inspector port too: the default (9229) is taken by any other wrangler dev on this machine.
  const inspectorPort = await freePort();
  const child: ChildProcess = spawn(
    WRANGLER,
    [
      "dev",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--inspector-port",
      String(inspectorPort),
      "--persist-to",
      persistDir,
      "--env-file",
      envFile,
      "--show-interactive-dev-session=false",
      "--log-level",
      "log",
    ],
    { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited early:\n${output}`);
    try {
      const res = await fetch(`${origin}/api/replay/config`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`wrangler dev did not become ready:\n${output}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    origin,
    persistDir,
    vars,
    logs: () => output,
    async stop() {
      if (child.exitCode === null && child.pid) {
        try {
          process.kill(-child.pid, "SIGTERM");
        } catch {
          // already gone
        }
        await new Promise((r) => setTimeout(r, 500));
        if (child.exitCode === null) {
          try {
            process.kill(-child.pid, "SIGKILL");
          } catch {
            // already gone
          }
        }
      }
      await rm(persistDir, { recursive: true, force: true });
    },
  };
}

/**
 * One worker for the calling test file: started before its tests, stopped after them. Returns a
 * getter, since the server exists only once `beforeAll` has run.
 */
export function workerForFile(overrides: Record<string, string> = {}): () => WorkerServer {
  let server: WorkerServer | undefined;
  beforeAll(async () => {
    server = await startWorker(overrides);
  });
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (!server) throw new Error("the worker for this file has not started");
    return server;
  };
}

/** Runs SQL on a running worker's local D1 (for rows no route writes, such as the insights the session's object will write). */
export async function executeSql(server: WorkerServer, sql: string): Promise<void> {
  await run(WRANGLER, ["d1", "execute", "DB", "--local", "--persist-to", server.persistDir, "--command", sql], { cwd: ROOT, env: WRANGLER_ENV });
}
