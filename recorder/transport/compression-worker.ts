/**
 * The compression worker's whole program. scripts/build-recorder.mjs bundles it into a string that
 * the recorder bundle carries (COMPRESSION_WORKER_SOURCE) and starts from a Blob URL: host pages
 * load the recorder cross-origin, and a worker script URL must be same-origin.
 */
import { toBase64 } from "../../protocol/base64";
import type { CompressReply, CompressRequest } from "./compression-messages";
import { gzipText } from "./gzip";

/** The dedicated worker's global scope, as far as this program uses it (the recorder's types are the DOM's, not a worker's). */
interface CompressionScope {
  onmessage: ((event: MessageEvent<CompressRequest>) => void) | null;
  postMessage(reply: CompressReply, transfer?: Transferable[]): void;
}
declare const self: CompressionScope;

self.onmessage = async (event) => {
  const { id, text } = event.data;
  try {
    const bytes = await gzipText(text);
    // The base64 form for localStorage is made here too, off the main thread.
    self.postMessage({ id, bytes, base64: toBase64(bytes) }, [bytes.buffer]);
  } catch (err) {
    self.postMessage({ id, error: String(err) });
  }
};
