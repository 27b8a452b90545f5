import type { Database } from "../db/client";
import { replaceUserActor } from "../db/audit-queries";
import { toBase64Url } from "../crypto/codec";
import { hmacSign } from "../crypto/hmac";

/** Marks a pseudonym in `actor`, so nobody reads it as a live user id. */
export const PSEUDONYM_PREFIX = "erased:";
/** Domain separation: the signing secret's other use (chunk URLs) never signs this label. */
const PSEUDONYM_LABEL = "audit-actor-pseudonym\n";
/** 128 bits of the HMAC: no collisions in practice, short enough to read. */
const PSEUDONYM_BYTES = 16;

/**
 * The keyed pseudonym of an end user's id: HMAC-SHA-256 under `secret` (REPLAY_SIGNING_SECRET),
 * so the same user gets the same pseudonym (their entries still read as one actor), but without
 * the secret nobody can tell whose it was, even by hashing candidate ids.
 */
export async function pseudonymizeUserId(secret: string, userId: string): Promise<string> {
  const mac = await hmacSign(secret, PSEUDONYM_LABEL + userId);
  return PSEUDONYM_PREFIX + toBase64Url(mac.slice(0, PSEUDONYM_BYTES));
}

/**
 * Once a user's erasure completes, the entries where they are the actor (their own deletion
 * requests) keep the action and time but no longer name them: their id is personal data. Returns
 * the pseudonym, for the other records of the erasure.
 */
export async function pseudonymizeErasedUser(db: Database, secret: string, userId: string): Promise<string> {
  const pseudonym = await pseudonymizeUserId(secret, userId);
  await replaceUserActor(db, userId, pseudonym);
  return pseudonym;
}
