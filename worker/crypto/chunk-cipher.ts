import type { ChunkBody, ChunkFormat } from "../storage/chunk-body";

/** Format byte first: it says what the plaintext holds (storage/chunk-body.ts), and is bound into the tag. */
const FORMAT_BYTES: Record<ChunkFormat, number> = { events: 1, upload: 2 };
const IV_BYTES = 12;

function formatOf(byte: number | undefined): ChunkFormat | null {
  if (byte === FORMAT_BYTES.events) return "events";
  if (byte === FORMAT_BYTES.upload) return "upload";
  return null;
}

function additionalData(format: ChunkFormat, sessionId: string, seq: number) {
  // Binds each ciphertext to its place and format: a blob copied to another session or seq, or
  // given another format byte, fails to decrypt (format 1 keeps the AAD it always had).
  return new TextEncoder().encode(`replay-chunk-v${FORMAT_BYTES[format]}\n${sessionId}\n${seq}`);
}

/** Encrypts a chunk with AES-256-GCM under a fresh random IV: [format][iv:12][ciphertext+tag]. */
export async function encryptChunk(key: CryptoKey, sessionId: string, seq: number, body: ChunkBody): Promise<Uint8Array> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ct = new Uint8Array(
    await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: additionalData(body.format, sessionId, seq) }, key, body.gzipped),
  );
  const out = new Uint8Array(1 + IV_BYTES + ct.length);
  out[0] = FORMAT_BYTES[body.format];
  out.set(iv, 1);
  out.set(ct, 1 + IV_BYTES);
  return out;
}

/** Decrypts a blob made by encryptChunk for the same session and seq; throws if anything was altered. */
export async function decryptChunk(key: CryptoKey, sessionId: string, seq: number, blob: Uint8Array): Promise<ChunkBody> {
  const format = formatOf(blob[0]);
  if (blob.length < 1 + IV_BYTES + 16 || !format) throw new Error("not an encrypted chunk");
  const iv = blob.subarray(1, 1 + IV_BYTES);
  const pt = await crypto.subtle.decrypt({ name: "AES-GCM", iv, additionalData: additionalData(format, sessionId, seq) }, key, blob.subarray(1 + IV_BYTES));
  return { format, gzipped: new Uint8Array(pt) };
}
