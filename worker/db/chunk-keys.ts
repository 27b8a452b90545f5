import { asc } from "drizzle-orm";
import type { Database } from "./client";
import { inJsonList } from "./json-list";
import { chunks } from "./schema";

/** Which of `keys` a chunk row indexes (the rest are objects without a row); one statement for any number of keys. */
export async function listIndexedKeys(db: Database, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db.select({ storageKey: chunks.storageKey }).from(chunks).where(inJsonList(chunks.storageKey, keys));
  return new Set(rows.map((r) => r.storageKey));
}

/** Storage keys of the `limit` oldest chunk rows. */
export async function listOldestChunkKeys(db: Database, limit: number): Promise<string[]> {
  const rows = await db.select({ storageKey: chunks.storageKey }).from(chunks).orderBy(asc(chunks.createdAt)).limit(limit);
  return rows.map((r) => r.storageKey);
}
