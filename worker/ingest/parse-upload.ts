import { z } from "zod";
import { ApiError } from "../errors";
import {
  CHUNK_MAX_EVENTS,
  EVENT_MAX_DEPTH,
  EVENT_MAX_STRING_CHARS,
  META_UA_MAX_CHARS,
  META_URL_MAX_CHARS,
  SEQ_MAX,
  type UploadEnvelope,
} from "../../protocol/envelope";
import { EventType } from "../../protocol/rrweb";
import { isSessionId } from "../../protocol/session-id";
import { INCREMENTAL_SOURCE_MAX, isPlainEvent, META_HREF_MAX_CHARS, MIN_TIMESTAMP_MS } from "./plain-event";

// The bounds live in protocol/ (the recorder keeps to them too); re-exported for this module's users.
export { CHUNK_MAX_EVENTS, EVENT_MAX_DEPTH, EVENT_MAX_STRING_CHARS };
/** How far in the future a client clock may run. */
const MAX_CLOCK_SKEW_MS = 86_400_000; // 1 day
/**
 * Most capture errors one chunk may report: the recorder stops recording a page at its 100th
 * (recorder/constants.ts MAX_CAPTURE_ERRORS), so more is not from our recorder. Larger counts are
 * clamped, not refused, so the chunk's events are still kept (one upload set the metric to 1,000,000).
 */
export const META_CAPTURE_ERRORS_MAX = 100;

const int = (min: number, max: number) => z.number().int().min(min).max(max);
const obj = z.record(z.string(), z.unknown());

// rrweb event types our recorder never emits, refused as `unsupported_event` (a code of their own, so
// the metrics show a client that sends them): Plugin (rrweb/console@1, rrweb/network@1, …) carries
// console arguments and request bodies, page data in forms the privacy rules never see.
const NOT_RECORDED: ReadonlySet<unknown> = new Set([EventType.Plugin, EventType.Asset, EventType.Annotation]);

// The event types the recorder emits.
const eventData = z.discriminatedUnion("type", [
  z.object({ type: z.literal(EventType.DomContentLoaded), data: obj }),
  z.object({ type: z.literal(EventType.Load), data: obj }),
  z.object({ type: z.literal(EventType.FullSnapshot), data: z.object({ node: obj, initialOffset: z.object({ top: z.number(), left: z.number() }) }).loose() }),
  z.object({ type: z.literal(EventType.IncrementalSnapshot), data: z.object({ source: int(0, INCREMENTAL_SOURCE_MAX) }).loose() }),
  z.object({ type: z.literal(EventType.Meta), data: z.object({ href: z.string().max(META_HREF_MAX_CHARS), width: z.number(), height: z.number() }).loose() }),
  z.object({ type: z.literal(EventType.Custom), data: z.object({ tag: z.string().max(256), payload: z.unknown() }).loose() }),
]);

/** One event's shape (plain-event.ts checks the common ones by hand and must agree). */
export const eventSchema = z.intersection(z.object({ timestamp: z.number().int().min(MIN_TIMESTAMP_MS), delay: z.number().optional() }).loose(), eventData);

const metaSchema = z
  .object({
    ua: z.string().max(META_UA_MAX_CHARS).optional(),
    viewport: z.object({ width: int(0, 100_000), height: int(0, 100_000) }).optional(),
    url: z.string().max(META_URL_MAX_CHARS).optional(),
    /** Errors the recorder caught and counted since its last chunk (never their text). */
    captureErrors: z
      .number()
      .int()
      .min(0)
      .transform((n) => Math.min(n, META_CAPTURE_ERRORS_MAX))
      .optional(),
    touch: z.boolean().optional(),
  })
  .loose();

const uploadSchema = z.object({
  // Any 8-4-4-4-12 hex id: the recorder sends a v4 UUID, but other clients may not (contract: "IDs are strings").
  sessionId: z.string().toLowerCase().refine(isSessionId, "not a session id"),
  seq: int(0, SEQ_MAX),
  events: z.array(z.unknown()).min(1).max(CHUNK_MAX_EVENTS),
  meta: metaSchema.optional(),
});

/** One rrweb event as stored: the envelope keeps every field the recorder sent. */
export type ReplayEvent = z.infer<typeof eventSchema> & Record<string, unknown>;

/** A validated upload. */
export interface Upload extends UploadEnvelope<ReplayEvent> {
  meta?: z.infer<typeof metaSchema>;
  /**
   * Whether the body holds nothing but the envelope's own fields (unknown ones are dropped by the
   * schema, so a body with any is never stored as it was sent: see storage/chunk-body.ts).
   */
  onlyKnownFields: boolean;
}

const ENVELOPE_FIELDS: ReadonlySet<string> = new Set(["sessionId", "seq", "events", "meta"]);
const META_FIELDS: ReadonlySet<string> = new Set(["ua", "viewport", "url", "captureErrors", "touch"]);
const VIEWPORT_FIELDS: ReadonlySet<string> = new Set(["width", "height"]);

function keysWithin(value: unknown, allowed: ReadonlySet<string>): boolean {
  if (value === undefined) return true;
  if (value === null || typeof value !== "object") return false;
  for (const key in value) if (!allowed.has(key)) return false;
  return true;
}

const field = (value: unknown, key: string): unknown => (typeof value === "object" && value !== null ? Reflect.get(value, key) : undefined);

function hasOnlyKnownFields(json: unknown): boolean {
  const meta = field(json, "meta");
  return keysWithin(json, ENVELOPE_FIELDS) && keysWithin(meta, META_FIELDS) && keysWithin(field(meta, "viewport"), VIEWPORT_FIELDS);
}

/**
 * Rejects values nested deeper than EVENT_MAX_DEPTH or with strings over EVENT_MAX_STRING_CHARS
 * (iterative: no recursion to blow). Two parallel stacks and `for…in`, so the walk allocates
 * nothing per value (it visits every value of every upload).
 */
function checkBounds(value: unknown, index: number) {
  const values: unknown[] = [value];
  const depths: number[] = [1];
  while (values.length) {
    const v = values.pop();
    const depth = depths.pop() ?? 0;
    if (typeof v === "string") {
      if (v.length > EVENT_MAX_STRING_CHARS)
        throw new ApiError(400, "string_too_long", `Event ${index} has a string over ${EVENT_MAX_STRING_CHARS} characters`);
    } else if (typeof v === "number") {
      if (!Number.isFinite(v)) throw new ApiError(400, "bad_event", `Event ${index} has a non-finite number`);
    } else if (v !== null && typeof v === "object") {
      if (depth > EVENT_MAX_DEPTH) throw new ApiError(400, "too_deep", `Event ${index} nests deeper than ${EVENT_MAX_DEPTH} levels`);
      if (Array.isArray(v)) {
        for (const child of v) if (child !== null && typeof child !== "boolean") values.push(child), depths.push(depth + 1);
      } else {
        const record = v as Record<string, unknown>;
        for (const key in record) {
          const child = record[key];
          if (child !== null && typeof child !== "boolean") values.push(child), depths.push(depth + 1);
        }
      }
    }
  }
}

function describe(issues: z.core.$ZodIssue[]) {
  const first = issues[0];
  return first ? `${first.path.join(".") || "body"}: ${first.message}` : "invalid";
}

/** The event by the schema, or 400 `bad_event` saying what is wrong. */
function validEvent(raw: unknown, i: number) {
  const parsed = eventSchema.safeParse(raw);
  if (!parsed.success) throw new ApiError(400, "bad_event", `Event ${i} is not an rrweb event: ${describe(parsed.error.issues)}`);
  return parsed.data;
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
    if (raw !== null && typeof raw === "object" && "type" in raw && NOT_RECORDED.has(raw.type)) {
      throw new ApiError(400, "unsupported_event", `Event ${i} is of type ${raw.type}, which the recorder never sends (plugin events are refused)`);
    }
    const ts = isPlainEvent(raw) ? raw.timestamp : validEvent(raw, i).timestamp;
    if (ts > now + MAX_CLOCK_SKEW_MS) throw new ApiError(400, "bad_event", `Event ${i} has a timestamp in the future`);
    if (ts < last) throw new ApiError(400, "events_out_of_order", `Event ${i} is earlier than the event before it`);
    last = ts;
    checkBounds(raw, i);
    events.push(raw as ReplayEvent);
  });
  return { sessionId: envelope.data.sessionId, seq: envelope.data.seq, events, meta: envelope.data.meta, onlyKnownFields: hasOnlyKnownFields(json) };
}
