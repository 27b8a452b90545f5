import * as z from "zod/mini";
import { deviceType, sessionMeta } from "../api/schemas";
import { isReplayEvent, type ReplayEvent } from "../replay/events";

// The frames of the two live sockets (contract §9), parsed at the boundary like every API answer.
// An unknown or malformed frame is dropped: a newer server may send more kinds.

/** A session of the live list: shaped as in §5; only what the list shows is required. */
export const liveSession = z.object({
  id: z.string(),
  userId: z.string(),
  startedAt: z.nullable(z.number()),
  endedAt: z.optional(z.nullable(z.number())),
  status: z.enum(["live", "ended"]),
  meta: z.optional(sessionMeta),
  chunkCount: z.optional(z.number()),
  lastUrl: z.optional(z.nullable(z.string())),
  device: deviceType,
});

export type LiveSession = z.infer<typeof liveSession>;

const listFrame = z.discriminatedUnion("type", [
  z.object({ type: z.literal("sessions"), sessions: z.array(z.unknown()) }),
  z.object({ type: z.literal("session"), session: liveSession }),
]);

/** A frame of the list socket: every live session at first, then one session that changed. */
export type ListFrame = { type: "sessions"; sessions: LiveSession[] } | { type: "session"; session: LiveSession };

/** The list frame in `raw`, or null; a malformed entry of the first frame is left out, not the frame. */
export function parseListFrame(raw: unknown): ListFrame | null {
  const parsed = listFrame.safeParse(raw);
  if (!parsed.success) return null;
  const frame = parsed.data;
  if (frame.type === "session") return frame;
  const sessions = frame.sessions.flatMap((s) => {
    const one = liveSession.safeParse(s);
    return one.success ? [one.data] : [];
  });
  return { type: "sessions", sessions };
}

const sessionFrame = z.discriminatedUnion("type", [
  z.object({ type: z.literal("hello"), sessionId: z.string(), lastSeq: z.nullable(z.number()) }),
  z.object({ type: z.literal("chunk"), seq: z.number(), events: z.array(z.unknown()) }),
  z.object({ type: z.literal("erased") }),
]);

/** A frame of a session's socket: `lastSeq` is the last chunk stored before it opened (null: none yet). */
export type SessionFrame =
  | { type: "hello"; sessionId: string; lastSeq: number | null }
  | { type: "chunk"; seq: number; events: ReplayEvent[] }
  | { type: "erased" };

/** The session frame in `raw`, or null; a chunk keeps only what is shaped like an rrweb event, as a signed URL's does. */
export function parseSessionFrame(raw: unknown): SessionFrame | null {
  const parsed = sessionFrame.safeParse(raw);
  if (!parsed.success) return null;
  const frame = parsed.data;
  return frame.type === "chunk" ? { type: "chunk", seq: frame.seq, events: frame.events.filter(isReplayEvent) } : frame;
}
