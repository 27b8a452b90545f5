import { lt } from "drizzle-orm";
import type { Database } from "./client";
import { usedSignInCodes } from "./schema";

/**
 * Marks a sign-in code as used; true when this call was the first to do so (the primary key makes
 * two racing exchanges of one code end with exactly one winner). Rows of codes that expired before
 * `expiredBefore` go in the same batch: their codes are refused by their expiry alone.
 */
export async function claimSignInCode(db: Database, code: { id: string; expiresAt: number }, now: number, expiredBefore: number): Promise<boolean> {
  const [, claimed] = await db.batch([
    db.delete(usedSignInCodes).where(lt(usedSignInCodes.expiresAt, expiredBefore)),
    db.insert(usedSignInCodes).values({ id: code.id, usedAt: now, expiresAt: code.expiresAt }).onConflictDoNothing().returning({ id: usedSignInCodes.id }),
  ]);
  return claimed.length === 1;
}
