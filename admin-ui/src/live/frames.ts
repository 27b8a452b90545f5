import * as z from "zod/mini";
import { sessionSummary } from "../api/schemas";
import { isReplayEvent, type ReplayEvent } from "../replay/events";

// The frames of the two live sockets (contract §9), parsed at the boundary like every API answer.
// An unknown or malformed frame is dropped: a newer server may send more kinds.

/** A session of the live list: shaped as in §5 (without its weight); only what the list shows is required. */
export const liveSession = z.partial(z.omit(sessionSummary, { bytes: true, eventCount: true }), { endedAt: true, meta: true, chunkCount: true });

export type LiveSession = z.infer<typeof liveSession>;

function parseOrNull<T>(schema: z.ZodMiniType<T>, raw: unknown): T | null {
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

const listFrame = z.discriminatedUnion("type", [
  z.object({ type: z.literal("sessions"), sessions: z.array(z.unknown()) }),
  z.object({ type: z.literal("session"), session: liveSession }),
]);

/** A frame of the list socket: every live session at first, then one session that changed. */
export type ListFrame = { type: "sessions"; sessions: LiveSession[] } | { type: "session"; session: LiveSession };

/** The list frame in `raw`, or null; a malformed entry of the first frame is left out, not the frame. */
export function parseListFrame(raw: unknown): ListFrame | null {
  const frame = parseOrNull(listFrame, raw);
  if (!frame || frame.type === "session") return frame;
  return { type: "sessions", sessions: frame.sessions.flatMap((s) => parseOrNull(liveSession, s) ?? []) };
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
  const frame = parseOrNull(sessionFrame, raw);
  return frame?.type === "chunk" ? { type: "chunk", seq: frame.seq, events: frame.events.filter(isReplayEvent) } : frame;
}
