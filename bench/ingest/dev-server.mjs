// One `wrangler dev` per worker under test, each with its own fresh --persist-to folder, a known
// inspector port (for the CPU profile) and a way to read its workerd's CPU time from /proc.
// test/helpers/worker-server.ts starts ours for the e2e tests the same way, but cannot take another
// wrangler config nor an inspector port, which this benchmark needs for its baseline and profile.
import { execFile, spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, readlink, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const ROOT = new URL("../..", import.meta.url).pathname;
const WRANGLER = join(ROOT, "node_modules/.bin/wrangler");
const READY_TIMEOUT_MS = 120_000;
/** wrangler's output per worker goes to bench/results/ingest-<label>.log. */
const LOGS = new URL("../results/", import.meta.url);
/** USER_HZ: /proc reports utime and stime in these ticks. */
const TICKS_PER_SECOND = 100;
const ENV = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true", NO_COLOR: "1" };

async function freePort() {
  const srv = createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => srv.once("listening", resolve));
  const { port } = srv.address();
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

/** Every process as { pid, ppid, cmdline }, from /proc. */
async function listProcesses() {
  const out = [];
  for (const name of await readdir("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = await readFile(`/proc/${name}/stat`, "utf8");
      const cmdline = (await readFile(`/proc/${name}/cmdline`, "utf8")).split("\0").join(" ");
      out.push({ pid: Number(name), ppid: Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]), cmdline });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/**
 * The workerd processes below `rootPid`. wrangler dev runs two: one for its proxy (it owns the
 * --port socket) and one for the worker itself (with the inspector), where the worker's isolate,
 * its Durable Objects and the local D1 and R2 simulators all run.
 */
async function findWorkerd(rootPid) {
  const all = await listProcesses();
  const below = new Set([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) if (!below.has(p.pid) && below.has(p.ppid)) below.add(p.pid), (grew = true);
  }
  const workerd = all.filter((p) => below.has(p.pid) && /\/workerd serve /.test(p.cmdline));
  return { worker: workerd.find((p) => p.cmdline.includes("--inspector-addr"))?.pid, proxy: workerd.find((p) => !p.cmdline.includes("--inspector-addr"))?.pid };
}

/** TCP ports `pid` listens on (IPv4 loopback), from /proc/net/tcp and its socket inodes. */
async function listeningPorts(pid) {
  const inodes = new Set();
  for (const fd of await readdir(`/proc/${pid}/fd`)) {
    const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => "");
    const m = /^socket:\[(\d+)\]$/.exec(target);
    if (m) inodes.add(m[1]);
  }
  const ports = [];
  for (const line of (await readFile("/proc/net/tcp", "utf8")).split("\n").slice(1)) {
    const f = line.trim().split(/\s+/);
    // local_address is HEX_IP:HEX_PORT, st 0A is LISTEN, the inode is the 10th field.
    if (f[3] === "0A" && inodes.has(f[9])) ports.push(Number.parseInt(f[1].split(":")[1], 16));
  }
  return ports;
}

/**
 * The worker's own entry socket in its workerd, which `readyPath` answers on. Requests sent there
 * skip wrangler's dev proxy, which answers POSTs caught by a worker reload with 503 "Your worker
 * restarted mid-request" (workers-sdk#14641) and, under this load, once piled up ~20,000 open
 * connections to wrangler until it stopped answering.
 */
async function findEntry(pid, readyPath) {
  for (const port of await listeningPorts(pid)) {
    const ok = await fetch(`http://127.0.0.1:${port}${readyPath}`, { signal: AbortSignal.timeout(5_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return `http://127.0.0.1:${port}`;
  }
  throw new Error(`no port of workerd ${pid} answers ${readyPath}`);
}

/** CPU seconds (user + system, all threads) a process has used so far. */
export async function processCpuSeconds(pid) {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/**
 * Starts `wrangler dev` for `config` (relative to the repository root) with `vars` in an env file,
 * applying D1 migrations first when `migrate`. Resolves once `readyPath` answers 200.
 */
export async function startDev({ label, config = "wrangler.toml", vars = {}, migrate = false, readyPath = "/" }) {
  const persistDir = await mkdtemp(join(tmpdir(), `ingest-bench-${label}-`));
  const envFile = join(persistDir, "bench.env");
  await writeFile(
    envFile,
    Object.entries(vars)
      .map(([k, v]) => `${k}=${v}\n`)
      .join(""),
  );
  if (migrate)
    await promisify(execFile)(WRANGLER, ["d1", "migrations", "apply", "DB", "--local", "-c", config, "--persist-to", persistDir], { cwd: ROOT, env: ENV });
  // An inspector port of our own: wrangler would take 9229, which other tools on the machine may hold.
  const [port, inspectorPort] = [await freePort(), await freePort()];
  const args = ["dev", "-c", config, "--ip", "127.0.0.1", "--port", port, "--inspector-port", inspectorPort, "--persist-to", persistDir, "--env-file", envFile];
  const child = spawn(WRANGLER, [...args.map(String), "--show-interactive-dev-session=false", "--log-level", "log"], {
    cwd: ROOT,
    env: ENV,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  // Kept whole in a file (to read after a run) and its tail in memory (for errors).
  await mkdir(LOGS, { recursive: true });
  const logPath = new URL(`ingest-${label}.log`, LOGS);
  const logFile = createWriteStream(logPath);
  let output = "";
  for (const stream of [child.stdout, child.stderr]) {
    stream.pipe(logFile, { end: false });
    stream.on("data", (d) => (output = (output + d).slice(-20_000)));
  }
  const devOrigin = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + READY_TIMEOUT_MS; ; await new Promise((r) => setTimeout(r, 300))) {
    if (child.exitCode !== null) throw new Error(`${label}: wrangler dev exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`${label}: wrangler dev did not become ready:\n${output}`);
    if (
      await fetch(devOrigin + readyPath).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
  }
  const pids = await findWorkerd(child.pid);
  if (!pids.worker || !pids.proxy) throw new Error(`${label}: no workerd processes found below wrangler (pid ${child.pid})`);
  return {
    label,
    /** The worker's entry socket, past wrangler's proxy (findEntry); `devOrigin` is wrangler's --port. */
    origin: await findEntry(pids.worker, readyPath),
    devOrigin,
    inspectorPort,
    pids,
    logs: () => output,
    /** The whole of wrangler's output so far (its file). */
    allLogs: () => readFile(logPath, "utf8"),
    /** CPU seconds so far of the worker's workerd and of the proxy's. */
    cpu: async () => ({ worker: await processCpuSeconds(pids.worker), proxy: await processCpuSeconds(pids.proxy) }),
    async stop() {
      for (const signal of ["SIGTERM", "SIGKILL"]) {
        if (child.exitCode !== null) break;
        try {
          process.kill(-child.pid, signal);
        } catch {
          // already gone
        }
        await new Promise((r) => setTimeout(r, 700));
      }
      logFile.end();
      await rm(persistDir, { recursive: true, force: true });
    },
  };
}
