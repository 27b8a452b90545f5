import { eq } from "drizzle-orm";
import type { Database } from "./client";
import { opsState } from "./schema";

/** A value the cron kept between runs, or null. */
export async function readOpsValue(db: Database, name: string): Promise<string | null> {
  const [row] = await db.select({ value: opsState.value }).from(opsState).where(eq(opsState.name, name));
  return row?.value ?? null;
}

/** Keeps a value for the next run. */
export async function writeOpsValue(db: Database, name: string, value: string, now: number): Promise<void> {
  await db
    .insert(opsState)
    .values({ name, value, updatedAt: now })
    .onConflictDoUpdate({ target: opsState.name, set: { value, updatedAt: now } });
}
