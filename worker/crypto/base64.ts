import { fromBase64, toBase64 } from "../../protocol/base64";

// Standard base64 is shared with the recorder; the URL-safe form (signatures, cursors) is the worker's own.
export { fromBase64, toBase64 };

/** URL-safe base64 without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Bytes of URL-safe base64 (padding optional); throws on bad input. */
export function fromBase64Url(s: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) throw new Error("bad base64url");
  const b64 = s.replace(/-/g, "+").replace(/_/g, "/");
  return fromBase64(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
}
