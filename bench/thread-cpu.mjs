// Main-thread CPU time of the page's renderer, read from Linux's /proc. TaskDuration and trace
// durations are wall-clock: on a busy machine a task that is descheduled half the time looks twice
// as long. The kernel's count of the thread's CPU time is not inflated that way.
import { readFile } from "node:fs/promises";

/** USER_HZ: Linux reports utime and stime in these ticks (100 a second on every mainstream build). */
const TICKS_PER_SECOND = 100;

/** CPU seconds of a process's main thread (its thread id is its process id), or null if it is gone. */
async function mainThreadSeconds(pid) {
  try {
    const stat = await readFile(`/proc/${pid}/task/${pid}/stat`, "utf8");
    // Fields after the command name in parentheses: state is field 3, utime 14 and stime 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/**
 * Main-thread CPU seconds of every renderer process of the browser behind `browserCdp` (a browser
 * CDP session), by process id. Renderers' main threads are Blink's main threads.
 */
export async function rendererMainThreads(browserCdp) {
  const { processInfo } = await browserCdp.send("SystemInfo.getProcessInfo");
  const out = new Map();
  for (const p of processInfo) {
    if (p.type !== "renderer") continue;
    const seconds = await mainThreadSeconds(p.id);
    if (seconds !== null) out.set(p.id, seconds);
  }
  return out;
}

/**
 * CPU seconds the page's renderer main thread used between two readings: the renderer that used the
 * most (only the page under test is busy during a run; a renderer that appeared since counts from 0).
 */
export function busiestDelta(before, after) {
  let best = 0;
  for (const [pid, seconds] of after) best = Math.max(best, seconds - (before.get(pid) ?? 0));
  return best;
}
