/** Messages between the recorder and its transport worker (recorder/transport/compression-worker.ts). */
import type { UploadReply, UploadRequest } from "./upload";

/** Compress this upload body, or send this upload. */
export type WorkerRequest = { id: number; text: string } | { id: number; send: UploadRequest };

/** The gzip bytes and their base64 form (for localStorage), what the server answered, or why there is neither. */
export type WorkerReply = { id: number; bytes: Uint8Array<ArrayBuffer>; base64: string } | { id: number; reply: UploadReply } | { id: number; error: string };
