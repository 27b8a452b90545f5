/** Format byte first, so the blob layout can change later without guessing. */
const FORMAT_V1 = 1;
const IV_BYTES = 12;

function additionalData(sessionId: string, seq: number) {
  // Binds each ciphertext to its place: a blob copied to another session or seq fails to decrypt.
  return new TextEncoder().encode(`replay-chunk-v1\n${sessionId}\n${seq}`);
}

/** Encrypts a chunk with AES-256-GCM under a fresh random IV: [1][iv:12][ciphertext+tag]. */
export async function encryptChunk(key: CryptoKey, sessionId: string, seq: number, plaintext: Uint8Array): Promise<Uint8Array> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ct = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: additionalData(sessionId, seq) }, key, plaintext));
  const out = new Uint8Array(1 + IV_BYTES + ct.length);
  out[0] = FORMAT_V1;
  out.set(iv, 1);
  out.set(ct, 1 + IV_BYTES);
  return out;
}

/** Decrypts a blob made by encryptChunk for the same session and seq; throws if anything was altered. */
export async function decryptChunk(key: CryptoKey, sessionId: string, seq: number, blob: Uint8Array): Promise<Uint8Array> {
  if (blob.length < 1 + IV_BYTES + 16 || blob[0] !== FORMAT_V1) throw new Error("not an encrypted chunk");
  const iv = blob.subarray(1, 1 + IV_BYTES);
  const pt = await crypto.subtle.decrypt({ name: "AES-GCM", iv, additionalData: additionalData(sessionId, seq) }, key, blob.subarray(1 + IV_BYTES));
  return new Uint8Array(pt);
}
