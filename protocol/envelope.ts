/**
 * The upload the recorder sends and the worker accepts (POST /api/replay/upload, contract §3), and
 * the bounds both sides keep: the worker refuses past them, the recorder cuts its chunks to stay
 * within them.
 */

/** Largest request body on the wire (gzip or plain JSON). */
export const UPLOAD_MAX_WIRE_BYTES = 1_048_576; // 1 MiB
/** Largest body after gunzip: a gzip bomb stops here instead of filling memory. */
export const UPLOAD_MAX_DECODED_BYTES = 8_388_608; // 8 MiB
/** Most events one chunk may carry. */
export const CHUNK_MAX_EVENTS = 20_000;
/**
 * Deepest JSON nesting accepted inside an event. A full snapshot nests two levels per DOM element,
 * so this admits pages about 250 elements deep (real pages stay far below) and stops hostile nesting.
 */
export const EVENT_MAX_DEPTH = 512;
/** Longest string accepted anywhere in an event (inline styles and masked text fit easily). */
export const EVENT_MAX_STRING_CHARS = 1_048_576;
/** Highest chunk number. */
export const SEQ_MAX = 10_000_000;
/** Longest user agent kept in `meta.ua`. */
export const META_UA_MAX_CHARS = 512;
/** Longest page URL in `meta.url`. */
export const META_URL_MAX_CHARS = 4_096;

/** What the recorder says about the page with each chunk. */
export interface UploadMeta {
  ua?: string;
  viewport?: { width: number; height: number };
  /** The page's URL, already redacted (protocol/redact-url). */
  url?: string;
  /** Errors the recorder caught and counted since its last chunk (never their text). */
  captureErrors?: number;
  /** Whether the device has a touch screen (`navigator.maxTouchPoints > 0`): tells an iPad with a desktop UA apart. Older recorders omit it. */
  touch?: boolean;
}

/** One chunk of a session: `events` are rrweb `eventWithTime` objects in time order. */
export interface UploadEnvelope<Event = unknown> {
  sessionId: string;
  /** Counts a session's chunks from 0; a re-sent seq is a no-op on the server. */
  seq: number;
  events: Event[];
  meta?: UploadMeta;
}
