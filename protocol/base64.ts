/** Base64 (standard alphabet, padded) for the recorder, its compression worker and the worker: btoa/atob exist in all three. */

/** Bytes per String.fromCharCode call: well under every engine's argument limit. */
const CHARS_PER_CALL = 0x8000;

/** Base64 of bytes. */
export function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += CHARS_PER_CALL) s += String.fromCharCode(...bytes.subarray(i, i + CHARS_PER_CALL));
  return btoa(s);
}

/** Bytes of a base64 string; throws on text that is not base64. */
export function fromBase64(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
