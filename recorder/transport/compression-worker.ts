/**
 * The transport worker's whole program: it gzips upload bodies and sends uploads, so that neither
 * the compression nor the request's own work (the fetch, reading the answer) runs on the page's
 * main thread. scripts/build-recorder.mjs bundles it into a string that the recorder bundle
 * carries (COMPRESSION_WORKER_SOURCE) and starts from a Blob URL: host pages load the recorder
 * cross-origin, and a worker script URL must be same-origin.
 */
import { toBase64 } from "../../protocol/base64";
import type { WorkerReply, WorkerRequest } from "./compression-messages";
import { gzipText } from "./gzip";
import { sendUpload } from "./upload";

/** The dedicated worker's global scope, as far as this program uses it (the recorder's types are the DOM's, not a worker's). */
interface TransportScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(reply: WorkerReply, transfer?: Transferable[]): void;
}
declare const self: TransportScope;

self.onmessage = async (event) => {
  const request = event.data;
  if ("send" in request) {
    self.postMessage({ id: request.id, reply: await sendUpload(request.send) });
    return;
  }
  try {
    const bytes = await gzipText(request.text);
    // The base64 form for localStorage is made here too, off the main thread.
    self.postMessage({ id: request.id, bytes, base64: toBase64(bytes) }, [bytes.buffer]);
  } catch (err) {
    self.postMessage({ id: request.id, error: String(err) });
  }
};
