import { Hono, type Context } from "hono";
import { accepts } from "hono/accepts";
import type { AppEnv } from "../context";
import { ApiError } from "../errors";
import { database } from "../db/client";
import { getChunkForRead } from "../db/admin-queries";
import { verifyChunkSignature } from "../crypto/signed-url";
import { unwrapSessionKey } from "../crypto/session-key";
import { decryptChunk } from "../crypto/chunk-cipher";
import { readChunkBlob } from "../session/session-reads";
import { fromBase64 } from "../crypto/codec";
import { eventsJsonOf } from "../storage/chunk-body";
import { isSessionId } from "../../protocol/session-id";

/**
 * Whether Accept-Encoding allows gzip: `gzip` or `*` with a non-zero q. Hono's default matcher
 * does not let `*` stand for gzip, so the rule is given as `match`.
 */
function wantsGzip(c: Context<AppEnv>): boolean {
  const encoding = accepts(c, {
    header: "Accept-Encoding",
    supports: ["gzip"],
    default: "identity",
    match: (offered, { default: identity }) => (offered.some((a) => a.q > 0 && (a.type.toLowerCase() === "gzip" || a.type === "*")) ? "gzip" : identity),
  });
  return encoding === "gzip";
}

/** Signed chunk reads (contract §6): the signature is the permission; no token. */
export const chunkRoutes = new Hono<AppEnv>();

chunkRoutes.get("/:sessionId/:seq", async (c) => {
  const { sessionId, seq: seqText } = c.req.param();
  const config = c.get("config");
  // One spelling per seq ("7", never "07"), as signed: anything else is an altered URL.
  const seq = /^(0|[1-9]\d{0,9})$/.test(seqText) ? Number(seqText) : -1;
  const ok =
    seq >= 0 &&
    isSessionId(sessionId) &&
    (await verifyChunkSignature(config.signingSecret, "GET", sessionId, seq, c.req.query("exp"), c.req.query("sig"), Date.now()));
  if (!ok) throw new ApiError(403, "bad_signature", "This link is invalid or has expired");
  const db = database(c.env.DB);
  // A chunk D1 does not index yet is read through its session's object; a chunk the window
  // dropped is kept nowhere any more.
  const { key: found, location } = await getChunkForRead(db, sessionId, seq);
  if (!found) throw new ApiError(404, "not_found", "This chunk no longer exists");
  const blob = await readChunkBlob(c.env, sessionId, seq, location);
  if (!blob) throw new ApiError(404, "not_found", "This chunk no longer exists");
  const key = await unwrapSessionKey(fromBase64(found.wrappedKey), found.masterKeyId, config);
  const body = await decryptChunk(key, sessionId, seq, blob);
  const headers = { "Content-Type": "application/json", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", Vary: "Accept-Encoding" };
  const gzip = wantsGzip(c);
  // Stored as the events' gzip: passed through for the browser to decode.
  if (gzip && body.format === "events") return new Response(body.gzipped, { headers: { ...headers, "Content-Encoding": "gzip" }, encodeBody: "manual" });
  // Stored as the upload was sent: its events are cut out of it (the runtime gzips the answer when asked).
  // A client that cannot decode gzip (curl without --compressed) gets plain JSON.
  return new Response(eventsJsonOf(body), { headers: gzip ? { ...headers, "Content-Encoding": "gzip" } : headers });
});
