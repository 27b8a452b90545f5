/**
 * Starting rrweb takes the first full snapshot: the page's whole DOM serialized in one task
 * (rrweb cannot split it), the recorder's heaviest moment. It waits for the load event and then an
 * idle moment, so it does not compete with the page's own start-up work, but it never loses a
 * person's first actions: a press, a key, an input or a scroll starts it at once. Those listeners
 * are capture listeners on the window, the first stop of every event's path, so the listeners
 * rrweb adds on the document while starting still hear the very event that started it.
 */

/** Events that mean a person acts on the page (mouse moves alone do not: they replay nothing before a snapshot). */
const ACT_EVENTS = ["pointerdown", "mousedown", "touchstart", "keydown", "input", "change", "scroll", "wheel"] as const;

/** After the load event, the idle moment is awaited at most this long (ms). */
export const START_IDLE_TIMEOUT_MS = 1_000;
/** A page whose load event never comes (a hung image) starts this long after the recorder did (ms). */
export const START_LOAD_WAIT_MS = 5_000;

/** Runs `fn` when the page is idle, or after `timeoutMs` at the latest; returns a cancel function. */
export function whenIdle(fn: () => void, timeoutMs: number): () => void {
  if (typeof requestIdleCallback === "function") {
    const handle = requestIdleCallback(fn, { timeout: timeoutMs });
    return () => cancelIdleCallback(handle);
  }
  // Safari has no idle callback: half the timeout still keeps clear of the task that asked.
  const handle = setTimeout(fn, timeoutMs / 2);
  return () => clearTimeout(handle);
}

/** The pending start: `now()` runs it at once if it has not run (flush, a new session), `cancel()` drops it. */
export interface DeferredStart {
  now(): void;
  cancel(): void;
}

/** Runs `start` once, at the first of: an idle moment after load, a person acting, `now()`. */
export function deferStart(start: () => void, idleTimeoutMs = START_IDLE_TIMEOUT_MS, loadWaitMs = START_LOAD_WAIT_MS): DeferredStart {
  let done = false;
  const undo: Array<() => void> = [];
  const cancel = () => {
    done = true;
    for (const u of undo.splice(0)) u();
  };
  const now = () => {
    if (done) return;
    cancel();
    start();
  };
  const listen = { capture: true, passive: true } as const;
  for (const type of ACT_EVENTS) window.addEventListener(type, now, listen);
  undo.push(() => {
    for (const type of ACT_EVENTS) window.removeEventListener(type, now, listen);
  });

  if (document.readyState === "complete") undo.push(whenIdle(now, idleTimeoutMs));
  else {
    const onLoad = () => {
      if (!done) undo.push(whenIdle(now, idleTimeoutMs));
    };
    window.addEventListener("load", onLoad, { once: true });
    const late = setTimeout(now, loadWaitMs);
    undo.push(() => {
      window.removeEventListener("load", onLoad);
      clearTimeout(late);
    });
  }
  return { now, cancel };
}
