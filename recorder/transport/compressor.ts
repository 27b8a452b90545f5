import type { WorkerReply, WorkerRequest } from "./compression-messages";
import { canGzip, gzipText } from "./gzip";
import { sendUpload, type UploadReply, type UploadRequest } from "./upload";

/** Gzip bytes, and their base64 form when the worker made it (for localStorage). */
export interface Compressed {
  bytes: Uint8Array;
  base64?: string;
}

/** Compresses upload bodies and sends uploads, off the main thread where it can; `null` from compress means "send as plain JSON". */
export interface Compressor {
  compress(text: string): Promise<Compressed | null>;
  /** Makes one upload request (in the worker when there is one). Never rejects. */
  send(request: UploadRequest): Promise<UploadReply>;
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

/** A job in the worker: how to answer it, and how to do it here instead if the worker goes away. */
interface Pending {
  answer(reply: WorkerReply): void;
  fallback(): void;
}

/**
 * Gzip and the upload requests in a Web Worker: the main thread only copies the string (or the
 * request) over and gets bytes (or the answer) back. If the worker cannot start (a CSP without
 * blob: in worker-src) or fails, every pending and later job falls back to the main thread, so a
 * chunk is never lost to the worker (an upload that may have reached the server is sent again,
 * which the server takes as a repeat). Closing terminates the worker and revokes its Blob URL once
 * the jobs in hand are done.
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
  const release = () => {
    if (state === "released") return;
    state = "released";
    worker.terminate();
    URL.revokeObjectURL(url);
    for (const p of pending.values()) p.fallback();
    pending.clear();
  };
  worker.onmessage = (e: MessageEvent<WorkerReply>) => {
    const p = pending.get(e.data.id);
    if (!p) return;
    pending.delete(e.data.id);
    if ("error" in e.data) p.fallback();
    else p.answer(e.data);
    if (state === "closing" && !pending.size) release();
  };
  /** Posts a job; `answer` reads its reply, `here` does the job on this thread instead. */
  const post = <T>(message: WorkerRequest, answer: (reply: WorkerReply) => T | undefined, here: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve) => {
      const fallback = () => void here().then(resolve);
      pending.set(message.id, {
        answer: (reply) => {
          const value = answer(reply);
          if (value === undefined) fallback();
          else resolve(value);
        },
        fallback,
      });
      worker.postMessage(message);
    });
  worker.onerror = (e) => {
    e.preventDefault();
    release();
  };
  return {
    compress(text) {
      if (state !== "open") return mainThread.compress(text);
      return post<Compressed | null>(
        { id: nextId++, text },
        (reply) => ("bytes" in reply ? { bytes: reply.bytes, base64: reply.base64 } : undefined),
        () => mainThread.compress(text),
      );
    },
    send(request) {
      if (state !== "open") return sendUpload(request);
      return post<UploadReply>(
        { id: nextId++, send: request },
        (reply) => ("reply" in reply ? reply.reply : undefined),
        () => sendUpload(request),
      );
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
  send: sendUpload,
  close() {},
};

const none: Compressor = { compress: async () => null, send: sendUpload, close() {} };

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
    send(request) {
      made ??= closed ? mainThread : make();
      return made.send(request);
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
