import { mintToken } from "../tokens";
import { SELF } from "cloudflare:test";
import { expect } from "vitest";
import { ALLOWED_ORIGIN, BASE } from "./http";
import { gzipBytes } from "./gzip";
import { makeEvents, newSessionId } from "./events";

/** An upload body per contract §3. */
export interface UploadBody {
  sessionId: string;
  seq: number;
  events: unknown[];
  meta?: Record<string, unknown>;
}

/** Builds a valid upload body; fields can be overridden. */
export function uploadBody(over: Partial<UploadBody> = {}): UploadBody {
  return {
    sessionId: over.sessionId ?? newSessionId(),
    seq: over.seq ?? 0,
    events: over.events ?? makeEvents(5),
    meta: over.meta ?? { ua: "test-agent", viewport: { width: 1280, height: 720 }, url: "https://app.example.com/page" },
  };
}

/** A POST of raw bytes to /api/replay/upload with a token (or none), as the recorder sends it from ALLOWED_ORIGIN. */
export function uploadRequest(token: string | null, body: BodyInit | null, headers: Record<string, string> = {}): Request {
  const h = new Headers({ "Content-Type": "application/json", Origin: ALLOWED_ORIGIN, ...headers });
  if (token) h.set("Authorization", `Bearer ${token}`);
  return new Request(`${BASE}/api/replay/upload`, { method: "POST", headers: h, body });
}

/** Sends `uploadRequest(...)` through the worker's real fetch entry (SELF). */
export function postUpload(token: string | null, body: BodyInit | null, headers: Record<string, string> = {}): Promise<Response> {
  return SELF.fetch(uploadRequest(token, body, headers));
}

/**
 * Uploads one chunk as user `userId` (a token is minted), plain or gzip. Returns the response and
 * the body sent, so tests can compare what is stored with what was sent.
 */
export async function uploadChunk(opts: { userId?: string; token?: string; gzip?: boolean } & Partial<UploadBody> = {}) {
  const body = uploadBody(opts);
  const token = opts.token ?? (await mintToken(opts.userId ?? "user-1"));
  const json = JSON.stringify(body);
  const res = opts.gzip ? await postUpload(token, await gzipBytes(json), { "Content-Encoding": "gzip" }) : await postUpload(token, json);
  return { res, body };
}

/** Uploads a chunk and fails loudly unless it was accepted. */
export async function seedChunk(opts: Parameters<typeof uploadChunk>[0] = {}) {
  const out = await uploadChunk(opts);
  if (out.res.status !== 200) throw new Error(`seed upload failed: ${out.res.status} ${await out.res.text()}`);
  await out.res.body?.cancel();
  return out.body;
}

/**
 * Sends `send(0)`, `send(1)`, … until one is answered 429, each one before answered `status`;
 * returns that 429 once its Retry-After is checked (whole seconds, at most a minute).
 */
export async function sendUntilLimited(attempts: number, status: number, send: (i: number) => Promise<Response>): Promise<Response> {
  for (let i = 0; i < attempts; i++) {
    const res = await send(i);
    if (res.status === 429) {
      const retryAfter = Number(res.headers.get("Retry-After"));
      expect(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 60).toBe(true);
      return res;
    }
    expect(res.status).toBe(status);
    await res.body?.cancel();
  }
  throw new Error(`no 429 after ${attempts} requests`);
}
