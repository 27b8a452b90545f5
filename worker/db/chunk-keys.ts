import { asc, inArray } from "drizzle-orm";
import type { Database } from "./client";
import { chunks } from "./schema";

/** D1 binds at most 100 parameters per statement; key lists are looked up in groups below that. */
const KEYS_PER_STATEMENT = 90;

/** Which of `keys` a chunk row indexes (the rest are objects without a row). */
export async function listIndexedKeys(db: Database, keys: string[]): Promise<Set<string>> {
  const groups: string[][] = [];
  for (let i = 0; i < keys.length; i += KEYS_PER_STATEMENT) groups.push(keys.slice(i, i + KEYS_PER_STATEMENT));
  const [first, ...rest] = groups.map((group) => db.select({ storageKey: chunks.storageKey }).from(chunks).where(inArray(chunks.storageKey, group)));
  if (!first) return new Set();
  const results = await db.batch([first, ...rest]);
  return new Set(results.flat().map((r) => r.storageKey));
}

/** Storage keys of the `limit` oldest chunk rows. */
export async function listOldestChunkKeys(db: Database, limit: number): Promise<string[]> {
  const rows = await db.select({ storageKey: chunks.storageKey }).from(chunks).orderBy(asc(chunks.createdAt)).limit(limit);
  return rows.map((r) => r.storageKey);
}
