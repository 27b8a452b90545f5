import type { CompressReply, CompressRequest } from "./compression-messages";
import { canGzip, gzipText } from "./gzip";

/** Gzip bytes, and their base64 form when the worker made it (for localStorage). */
export interface Compressed {
  bytes: Uint8Array;
  base64?: string;
}

/** Compresses upload bodies; `null` from compress means "send as plain JSON". */
export interface Compressor {
  compress(text: string): Promise<Compressed | null>;
  /** Finishes the jobs in hand, then frees what the compressor holds; later jobs still get an answer. */
  close(): void;
}

/**
 * The bundled program of compression-worker.ts, set by scripts/build-recorder.mjs (esbuild
 * `define`). Absent when this module runs unbundled (unit tests): compression then stays on the
 * main thread.
 */
declare const COMPRESSION_WORKER_SOURCE: string;

/** A closed worker compressor waits at most this long for its last jobs before it lets them fall back. */
const CLOSE_GRACE_MS = 10_000;

interface Pending {
  resolve(result: Compressed | null): void;
  text: string;
}

/**
 * Gzip in a Web Worker: the main thread only copies the string over and gets bytes back. If the
 * worker cannot start (a CSP without blob: in worker-src) or fails, every pending and later job
 * falls back to the main thread, so a chunk is never lost to the worker. Closing terminates the
 * worker and revokes its Blob URL once the jobs in hand are done.
 */
function createWorkerCompressor(source: string): Compressor | null {
  let worker: Worker;
  let url = "";
  try {
    url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
    worker = new Worker(url);
  } catch {
    if (url) URL.revokeObjectURL(url);
    return null;
  }
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let state: "open" | "closing" | "released" = "open";
  const fallback = (p: Pending) => mainThread.compress(p.text).then(p.resolve);
  const release = () => {
    if (state === "released") return;
    state = "released";
    worker.terminate();
    URL.revokeObjectURL(url);
    for (const p of pending.values()) void fallback(p);
    pending.clear();
  };
  worker.onmessage = (e: MessageEvent<CompressReply>) => {
    const p = pending.get(e.data.id);
    if (!p) return;
    pending.delete(e.data.id);
    if ("bytes" in e.data) p.resolve({ bytes: e.data.bytes, base64: e.data.base64 });
    else void fallback(p);
    if (state === "closing" && !pending.size) release();
  };
  worker.onerror = (e) => {
    e.preventDefault();
    release();
  };
  return {
    compress(text) {
      if (state !== "open") return mainThread.compress(text);
      return new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, { resolve, text });
        worker.postMessage({ id, text } satisfies CompressRequest);
      });
    },
    close() {
      if (state !== "open") return;
      state = "closing";
      if (!pending.size) return release();
      setTimeout(release, CLOSE_GRACE_MS);
    },
  };
}

const mainThread: Compressor = {
  async compress(text) {
    try {
      return { bytes: await gzipText(text) };
    } catch {
      return null;
    }
  },
  close() {},
};

const none: Compressor = { compress: async () => null, close() {} };

/**
 * Makes `make()`'s compressor at its first job, not when recording starts: the worker (a Blob of its
 * program, a script to load, a thread) is set-up that the page's load need not pay for, and the
 * first chunk is seconds away. Closed before any job, it never makes one (later jobs: main thread).
 */
export function lazily(make: () => Compressor): Compressor {
  let made: Compressor | null = null;
  let closed = false;
  return {
    compress(text) {
      made ??= closed ? mainThread : make();
      return made.compress(text);
    },
    close() {
      closed = true;
      made?.close();
    },
  };
}

/** The compressor for a mode, degrading worker → main thread → none as the browser allows. */
export function createCompressor(mode: "worker" | "main" | "none"): Compressor {
  if (mode === "none" || !canGzip()) return none;
  if (mode === "worker" && typeof Worker === "function" && typeof COMPRESSION_WORKER_SOURCE === "string") {
    const source = COMPRESSION_WORKER_SOURCE;
    return lazily(() => createWorkerCompressor(source) ?? mainThread);
  }
  return mainThread;
}
