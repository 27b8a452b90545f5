import { isNull, sql } from "drizzle-orm";
import type { Database } from "./client";
import { sessions } from "./schema";
import { listPendingRequests, type PendingRequest } from "./deletion-requests";
import { countErasingSessions } from "./erasure-queries";
import { countKeysNotWrappedBy } from "./session-keys";

/** Most pending requests the status lists. */
const STATUS_PENDING_LIMIT = 100;

/** Lifecycle status for operators: erasure backlog, key rotation backlog, what is stored. */
export interface OpsStatus {
  pendingDeletionRequests: PendingRequest[];
  sessionsBeingErased: number;
  keysAwaitingRewrap: number;
  storedSessions: number;
  storedBytes: number;
}

/** Reads the lifecycle status; `currentMasterKeyId` tells which data keys still wait for re-wrapping. */
export async function readOpsStatus(db: Database, currentMasterKeyId: string): Promise<OpsStatus> {
  const [pending, erasing, stale, [stored]] = await Promise.all([
    listPendingRequests(db, STATUS_PENDING_LIMIT),
    countErasingSessions(db),
    countKeysNotWrappedBy(db, currentMasterKeyId),
    db
      .select({ n: sql`COUNT(*)`.mapWith(Number), bytes: sql`COALESCE(SUM(${sessions.bytes}), 0)`.mapWith(Number) })
      .from(sessions)
      .where(isNull(sessions.erasedAt)),
  ]);
  return {
    pendingDeletionRequests: pending,
    sessionsBeingErased: erasing,
    keysAwaitingRewrap: stale,
    storedSessions: stored?.n ?? 0,
    storedBytes: stored?.bytes ?? 0,
  };
}
