import { canGzip, gzipText } from "./gzip";

/** Gzip bytes, and their base64 form when the worker made it (for localStorage). */
export interface Compressed {
  bytes: Uint8Array;
  base64?: string;
}

/** Compresses upload bodies; `null` from compress means "send as plain JSON". */
export interface Compressor {
  compress(text: string): Promise<Compressed | null>;
  close(): void;
}

// The worker's whole program. It travels inside the bundle and starts from a Blob URL, because host
// pages load the recorder cross-origin and a worker script URL must be same-origin.
const WORKER_SOURCE = `self.onmessage = async (e) => {
  const { id, text } = e.data;
  try {
    const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
    const buf = await new Response(stream).arrayBuffer();
    // The base64 form for localStorage is made here too, off the main thread.
    const bytes = new Uint8Array(buf);
    let s = "";
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    self.postMessage({ id, buf, b64: btoa(s) }, [buf]);
  } catch (err) {
    self.postMessage({ id, error: String(err) });
  }
};`;

interface Pending {
  resolve(result: Compressed | null): void;
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
  worker.onmessage = (e: MessageEvent<{ id: number; buf?: ArrayBuffer; b64?: string; error?: string }>) => {
    const p = pending.get(e.data.id);
    if (!p) return;
    pending.delete(e.data.id);
    if (e.data.buf) p.resolve({ bytes: new Uint8Array(e.data.buf), base64: e.data.b64 });
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
      return { bytes: await gzipText(text) };
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
