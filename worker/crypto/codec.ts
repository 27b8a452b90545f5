/** Gzips bytes with the runtime's CompressionStream. */
export async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Gunzips bytes we wrote ourselves (stored chunks); untrusted input goes through readBody's capped decoder. */
export async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

// One codec module for the worker: gzip here, base64 from its own module (shared beyond the worker).
export { toBase64, fromBase64, toBase64Url, fromBase64Url } from "./base64";
