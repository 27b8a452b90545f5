import type { Chunk } from "../buffer/chunk";

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

/** A 429 whose Retry-After is not readable waits this long. */
const RATE_LIMITED_WAIT_MS = 30_000;

async function errorCode(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { code?: unknown } };
    return typeof body.error?.code === "string" ? body.error.code : `http_${res.status}`;
  } catch {
    return `http_${res.status}`;
  }
}

/** Whether a success answer says `"watched":true`; an unreadable body says nothing. */
async function isWatched(res: Response): Promise<boolean> {
  try {
    const body: unknown = await res.json();
    return typeof body === "object" && body !== null && "watched" in body && body.watched === true;
  } catch {
    return false;
  }
}

/** Sends one chunk (POST /api/replay/upload) and classifies the answer. Never throws. */
export async function uploadChunk(endpoint: string, token: string, chunk: Chunk, keepalive = false): Promise<UploadOutcome> {
  const headers: Record<string, string> = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
  if (chunk.gzip) headers["Content-Encoding"] = "gzip";
  let res: Response;
  try {
    res = await fetch(`${endpoint}/api/replay/upload`, { method: "POST", headers, body: chunk.body as BodyInit, keepalive, credentials: "omit", mode: "cors" });
  } catch {
    return { kind: "retry" };
  }
  if (res.ok) return (await isWatched(res)) ? { kind: "stored", watched: true } : { kind: "stored" };
  const code = await errorCode(res);
  if (res.status === 401) return { kind: "unauthorized" };
  if (res.status === 429) {
    const seconds = Number(res.headers.get("Retry-After"));
    // Cross-origin, the browser hides Retry-After unless the server exposes it: then wait the limiter's half period.
    return { kind: "retry", retryAfterMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : RATE_LIMITED_WAIT_MS };
  }
  if (res.status >= 500 || res.status === 408) return { kind: "retry" };
  if (res.status === 410 || code === "not_owner") return { kind: "session_gone" };
  if (res.status === 403) return { kind: "disabled" };
  return { kind: "rejected", code };
}
