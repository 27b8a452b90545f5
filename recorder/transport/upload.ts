import type { Chunk } from "../buffer/chunk";
import { isRecord } from "../privacy/records";

/** What to do after one upload attempt. */
export type UploadOutcome =
  /** `watched`: the server says an admin watches this session live (contract §9), so send faster. */
  | { kind: "stored"; watched?: true }
  /** Transient (network, 5xx, 429): try again later, after retryAfterMs if the server said so. */
  | { kind: "retry"; retryAfterMs?: number }
  /** 401: the token is missing or expired; get a new one and retry. */
  | { kind: "unauthorized" }
  /** 403 replay_disabled (or an origin not allowed): stop recording. */
  | { kind: "disabled" }
  /** 410 session_erased or 403 not_owner: this session takes no more chunks; start a new one. */
  | { kind: "session_gone" }
  /** 400/413 and other refusals: retrying cannot help; drop the chunk. */
  | { kind: "rejected"; code: string };

/** One POST /api/replay/upload, as plain data: it can be posted to the transport worker. */
export interface UploadRequest {
  url: string;
  token: string;
  body: Uint8Array | string;
  gzip: boolean;
  keepalive: boolean;
}

/** What the server answered, as far as the outcome needs it; null when no answer came (network, CORS, a CSP). */
export type UploadReply = { status: number; retryAfter: string | null; body: unknown } | null;

/** Makes the request somewhere (this thread, or the transport worker) and brings the reply back. Never rejects. */
export type UploadTransport = (request: UploadRequest) => Promise<UploadReply>;

/** A 429 whose Retry-After is not readable waits this long. */
const RATE_LIMITED_WAIT_MS = 30_000;

/** Sends one upload from the calling thread. */
export async function sendUpload(request: UploadRequest): Promise<UploadReply> {
  const headers: Record<string, string> = { Authorization: `Bearer ${request.token}`, "Content-Type": "application/json" };
  if (request.gzip) headers["Content-Encoding"] = "gzip";
  let res: Response;
  try {
    res = await fetch(request.url, {
      method: "POST",
      headers,
      body: request.body as BodyInit,
      keepalive: request.keepalive,
      credentials: "omit",
      mode: "cors",
    });
  } catch {
    return null;
  }
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // An unreadable body says nothing: the status decides.
  }
  return { status: res.status, retryAfter: res.headers.get("Retry-After"), body };
}

const field = (body: unknown, name: string): unknown => (isRecord(body) ? body[name] : undefined);

/** Classifies an answer (the same wherever the request was made). */
export function outcomeOf(reply: UploadReply): UploadOutcome {
  if (!reply) return { kind: "retry" };
  const { status, body } = reply;
  if (status >= 200 && status < 300) return field(body, "watched") === true ? { kind: "stored", watched: true } : { kind: "stored" };
  const code = field(field(body, "error"), "code");
  const errorCode = typeof code === "string" ? code : `http_${status}`;
  if (status === 401) return { kind: "unauthorized" };
  if (status === 429) {
    const seconds = Number(reply.retryAfter);
    // Cross-origin, the browser hides Retry-After unless the server exposes it: then wait the limiter's half period.
    return { kind: "retry", retryAfterMs: reply.retryAfter !== null && Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : RATE_LIMITED_WAIT_MS };
  }
  if (status >= 500 || status === 408) return { kind: "retry" };
  if (status === 410 || errorCode === "not_owner") return { kind: "session_gone" };
  if (status === 403) return { kind: "disabled" };
  return { kind: "rejected", code: errorCode };
}

/** Sends one chunk (POST /api/replay/upload) through `transport` and classifies the answer. Never throws. */
export async function uploadChunk(
  endpoint: string,
  token: string,
  chunk: Chunk,
  keepalive = false,
  transport: UploadTransport = sendUpload,
): Promise<UploadOutcome> {
  const request: UploadRequest = { url: `${endpoint}/api/replay/upload`, token, body: chunk.body, gzip: chunk.gzip, keepalive };
  return outcomeOf(await transport(request).catch(() => null));
}
