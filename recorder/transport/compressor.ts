import { canGzip, gzipText } from "./gzip";

/** Compresses upload bodies; `null` from compress means "send as plain JSON". */
export interface Compressor {
  compress(text: string): Promise<Uint8Array | null>;
  close(): void;
}

// The worker's whole program. It travels inside the bundle and starts from a Blob URL, because host
// pages load the recorder cross-origin and a worker script URL must be same-origin.
const WORKER_SOURCE = `self.onmessage = async (e) => {
  const { id, text } = e.data;
  try {
    const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
    const buf = await new Response(stream).arrayBuffer();
    self.postMessage({ id, buf }, [buf]);
  } catch (err) {
    self.postMessage({ id, error: String(err) });
  }
};`;

interface Pending {
  resolve(bytes: Uint8Array | null): void;
  text: string;
}

/**
 * Gzip in a Web Worker: the main thread only copies the string over and gets bytes back. If the
 * worker cannot start (a CSP without blob: in worker-src) or fails, every pending and later job
 * falls back to the main thread, so a chunk is never lost to the worker.
 */
function createWorkerCompressor(): Compressor | null {
  let worker: Worker;
  let url = "";
  try {
    url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: "text/javascript" }));
    worker = new Worker(url);
  } catch {
    if (url) URL.revokeObjectURL(url);
    return null;
  }
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let broken = false;
  const fallback = (p: Pending) => mainThread.compress(p.text).then(p.resolve);
  const breakDown = () => {
    broken = true;
    worker.terminate();
    for (const p of pending.values()) void fallback(p);
    pending.clear();
  };
  worker.onmessage = (e: MessageEvent<{ id: number; buf?: ArrayBuffer; error?: string }>) => {
    const p = pending.get(e.data.id);
    if (!p) return;
    pending.delete(e.data.id);
    if (e.data.buf) p.resolve(new Uint8Array(e.data.buf));
    else void fallback(p);
  };
  worker.onerror = (e) => {
    e.preventDefault();
    breakDown();
  };
  return {
    compress(text) {
      if (broken) return mainThread.compress(text);
      return new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, { resolve, text });
        worker.postMessage({ id, text });
      });
    },
    close() {
      worker.terminate();
      URL.revokeObjectURL(url);
      for (const p of pending.values()) void fallback(p);
      pending.clear();
    },
  };
}

const mainThread: Compressor = {
  async compress(text) {
    try {
      return await gzipText(text);
    } catch {
      return null;
    }
  },
  close() {},
};

const none: Compressor = { compress: async () => null, close() {} };

/** The compressor for a mode, degrading worker → main thread → none as the browser allows. */
export function createCompressor(mode: "worker" | "main" | "none"): Compressor {
  if (mode === "none" || !canGzip()) return none;
  if (mode === "worker" && typeof Worker === "function") return createWorkerCompressor() ?? mainThread;
  return mainThread;
}
