import { z } from "zod";
import { ApiError } from "../errors";

/** Most events one chunk may carry. */
export const CHUNK_MAX_EVENTS = 20_000;
/**
 * Deepest JSON nesting accepted inside an event. A full snapshot nests two levels per DOM element,
 * so this admits pages about 250 elements deep (real pages stay far below) and stops hostile nesting.
 */
export const EVENT_MAX_DEPTH = 512;
/** Longest string accepted anywhere in an event (inline styles and masked text fit easily). */
export const EVENT_MAX_STRING_CHARS = 1_048_576;
/** Timestamps before this (2015) are not from a real browser clock. */
const MIN_TIMESTAMP_MS = 1_420_070_400_000;
/** How far in the future a client clock may run. */
const MAX_CLOCK_SKEW_MS = 86_400_000; // 1 day

const int = (min: number, max: number) => z.number().int().min(min).max(max);
const obj = z.record(z.string(), z.unknown());

// rrweb EventType: 0 DomContentLoaded, 1 Load, 2 FullSnapshot, 3 IncrementalSnapshot, 4 Meta, 5 Custom, 6 Plugin.
const eventData = z.discriminatedUnion("type", [
  z.object({ type: z.literal(0), data: obj }),
  z.object({ type: z.literal(1), data: obj }),
  z.object({ type: z.literal(2), data: z.object({ node: obj, initialOffset: z.object({ top: z.number(), left: z.number() }) }).loose() }),
  z.object({ type: z.literal(3), data: z.object({ source: int(0, 20) }).loose() }),
  z.object({ type: z.literal(4), data: z.object({ href: z.string().max(8192), width: z.number(), height: z.number() }).loose() }),
  z.object({ type: z.literal(5), data: z.object({ tag: z.string().max(256), payload: z.unknown() }).loose() }),
  z.object({ type: z.literal(6), data: z.object({ plugin: z.string().max(256), payload: z.unknown() }).loose() }),
]);

const eventSchema = z.intersection(
  z.object({ timestamp: z.number().int().min(MIN_TIMESTAMP_MS), delay: z.number().optional() }).loose(),
  eventData,
);

const metaSchema = z
  .object({
    ua: z.string().max(512).optional(),
    viewport: z.object({ width: int(0, 100_000), height: int(0, 100_000) }).optional(),
    url: z.string().max(4096).optional(),
    /** Errors the recorder caught and counted since its last chunk (never their text). */
    captureErrors: int(0, 1_000_000).optional(),
  })
  .loose();

const uploadSchema = z.object({
  // Any 8-4-4-4-12 hex id: the recorder sends a v4 UUID, but other clients may not (contract: "IDs are strings").
  sessionId: z.guid().transform((s) => s.toLowerCase()),
  seq: int(0, 10_000_000),
  events: z.array(z.unknown()).min(1).max(CHUNK_MAX_EVENTS),
  meta: metaSchema.optional(),
});

/** One rrweb event as stored: the envelope keeps every field the recorder sent. */
export type ReplayEvent = z.infer<typeof eventSchema> & Record<string, unknown>;

/** A validated upload. */
export interface Upload {
  sessionId: string;
  seq: number;
  events: ReplayEvent[];
  meta?: z.infer<typeof metaSchema>;
}

/** Rejects values nested deeper than EVENT_MAX_DEPTH or with strings over EVENT_MAX_STRING_CHARS (iterative: no recursion to blow). */
function checkBounds(value: unknown, index: number) {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v === "string") {
      if (v.length > EVENT_MAX_STRING_CHARS) throw new ApiError(400, "string_too_long", `Event ${index} has a string over ${EVENT_MAX_STRING_CHARS} characters`);
    } else if (v !== null && typeof v === "object") {
      if (depth > EVENT_MAX_DEPTH) throw new ApiError(400, "too_deep", `Event ${index} nests deeper than ${EVENT_MAX_DEPTH} levels`);
      for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
    } else if (typeof v === "number" && !Number.isFinite(v)) {
      throw new ApiError(400, "bad_event", `Event ${index} has a non-finite number`);
    }
  }
}

function describe(issues: z.core.$ZodIssue[]) {
  const first = issues[0];
  return first ? `${first.path.join(".") || "body"}: ${first.message}` : "invalid";
}

/** Parses and validates an upload body (decoded bytes); throws 400 with a precise code. */
export function parseUpload(bytes: Uint8Array, now: number): Upload {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes));
  } catch {
    throw new ApiError(400, "bad_json", "The body is not valid UTF-8 JSON");
  }
  const envelope = uploadSchema.safeParse(json);
  if (!envelope.success) throw new ApiError(400, "bad_envelope", `The upload is malformed: ${describe(envelope.error.issues)}`);
  const events: ReplayEvent[] = [];
  let last = -Infinity;
  envelope.data.events.forEach((raw, i) => {
    const parsed = eventSchema.safeParse(raw);
    if (!parsed.success) throw new ApiError(400, "bad_event", `Event ${i} is not an rrweb event: ${describe(parsed.error.issues)}`);
    const ts = parsed.data.timestamp;
    if (ts > now + MAX_CLOCK_SKEW_MS) throw new ApiError(400, "bad_event", `Event ${i} has a timestamp in the future`);
    if (ts < last) throw new ApiError(400, "events_out_of_order", `Event ${i} is earlier than the event before it`);
    last = ts;
    checkBounds(raw, i);
    events.push(raw as ReplayEvent);
  });
  return { sessionId: envelope.data.sessionId, seq: envelope.data.seq, events, meta: envelope.data.meta };
}
