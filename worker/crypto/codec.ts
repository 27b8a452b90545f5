import { gunzipSync, gzipSync } from "node:zlib";

/**
 * Gzips bytes (one member, as CompressionStream("gzip") makes) with the runtime's native zlib, in
 * one synchronous call: several times less CPU than the stream classes for a chunk's size.
 */
export function gzip(bytes: Uint8Array): Uint8Array {
  return ownBuffer(gzipSync(bytes));
}

/** Gunzips bytes we wrote ourselves (stored chunks); untrusted input goes through readBody's capped decoder. */
export function gunzip(bytes: Uint8Array): Uint8Array {
  return ownBuffer(gunzipSync(bytes));
}

/**
 * The bytes in an array of their own: a small Buffer may be a view of a shared pool, and storing
 * or cloning the view (an RPC argument) would carry the whole pool.
 */
function ownBuffer(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? new Uint8Array(bytes.buffer) : bytes.slice();
}

/** Lowercase hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

// One codec module for the worker: gzip here, base64 from its own module (shared beyond the worker).
export { toBase64, fromBase64, toBase64Url, fromBase64Url } from "./base64";
