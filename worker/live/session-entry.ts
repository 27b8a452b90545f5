import { z } from "zod";
import type { SessionSummary } from "../db/admin-queries";
import { DEVICE_TYPES, convertDeviceTypeToString } from "../../protocol/enums";

/** A session is live while a chunk arrived within this long (contract §5). */
export const LIVE_WITHIN_MS = 60_000;

/** Whether a session counts as live at `now`, by when its last chunk was received. */
export function isLive(lastChunkAt: number | null, now: number): boolean {
  return lastChunkAt !== null && now - lastChunkAt < LIVE_WITHIN_MS;
}

/** One entry of the session list (contract §5), as the admin API and the live list socket (§9) send it. */
export const sessionEntrySchema = z.object({
  id: z.string(),
  userId: z.string(),
  startedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  bytes: z.number(),
  status: z.enum(["live", "ended"]),
  meta: z.record(z.string(), z.unknown()),
  chunkCount: z.number(),
  eventCount: z.number(),
  lastUrl: z.string().nullable(),
  // Entries the live directory stored before sessions had a device still read (as unknown).
  device: z.enum(DEVICE_TYPES).default("unknown"),
  // Entries the live directory stored before insights existed have no counts.
  rageClicks: z.number().default(0),
  deadClicks: z.number().default(0),
});

export type SessionEntry = z.infer<typeof sessionEntrySchema>;

/** A session summary as a list entry at `now`; the admin list and the live list share it, so both read the same. */
export function presentSession(s: Omit<SessionSummary, "rageClicks" | "deadClicks"> & Partial<SessionSummary>, now: number): SessionEntry {
  return {
    id: s.id,
    userId: s.userId,
    startedAt: s.startedAt,
    endedAt: s.endedAt,
    bytes: s.bytes,
    status: isLive(s.lastChunkAt, now) ? "live" : "ended",
    meta: s.meta,
    chunkCount: s.chunkCount,
    eventCount: s.eventCount,
    lastUrl: s.lastUrl,
    device: convertDeviceTypeToString(s.device),
    // A session object's own view has no insight counts (D1 keeps them).
    rageClicks: s.rageClicks ?? 0,
    deadClicks: s.deadClicks ?? 0,
  };
}
