/** Tunables of the recorder, each with its unit. Options may override the ones marked so. */

/** How often buffered events are cut into a chunk and sent (option `flushIntervalMs`). */
export const FLUSH_INTERVAL_MS = 7_000;
/** A chunk is cut early when its JSON grows past this (well under UPLOAD_MAX_WIRE_BYTES, 1 MiB, even uncompressed). */
export const CHUNK_SOFT_MAX_CHARS = 700_000;
/** One event bigger than this cannot be stored (under UPLOAD_MAX_DECODED_BYTES, 8 MiB); recording stops and says so. */
export const EVENT_MAX_CHARS = 7_000_000;
/** Full snapshots ("checkouts") this often, so the server can keep a window that replays (option `checkoutEveryMs`; the server's config may ask for more often). */
export const CHECKOUT_EVERY_MS = 120_000; // 2 min
/** The most frequent checkouts the recorder takes, whatever the option or the server say (a full snapshot is the page's whole DOM). */
export const CHECKOUT_MIN_MS = 10_000;
/** A session ends after this long without user interaction. */
export const SESSION_IDLE_MS = 1_800_000; // 30 min
/** The session's last-activity stamp is written to sessionStorage at most this often. */
export const SESSION_TOUCH_EVERY_MS = 10_000;

/** Chunks waiting to be sent, in memory: past either bound recording stops rather than eat the page's memory. */
export const OUTBOX_MAX_BYTES = 8_388_608; // 8 MiB
export const OUTBOX_MAX_CHUNKS = 500;
/** Unsent chunks kept in localStorage (UTF-16 chars, shared with the host app's own use). */
export const PERSIST_MAX_CHARS = 2_000_000;
/** A compressed chunk still unsent this long after compression is written to localStorage (most are acknowledged sooner). */
export const PERSIST_DELAY_MS = 1_000;
/** Persisted chunks older than this are not worth sending any more (the server keeps a 10 min window). */
export const PERSIST_MAX_AGE_MS = 86_400_000; // 1 day

/** Retry backoff: base, cap, and the cap used after a 429 without Retry-After. */
export const RETRY_BASE_MS = 1_000;
export const RETRY_MAX_MS = 60_000;
/** A refused token is refreshed at most this many times in a row before the chunk waits for backoff. */
export const TOKEN_REFRESH_ATTEMPTS = 2;

/**
 * On pagehide only keepalive requests survive. Chromium caps keepalive bodies in flight at 64 KiB
 * and Debian's Chromium fails a single keepalive body over 32 KiB, so both stay well under.
 */
export const KEEPALIVE_MAX_BODY_BYTES = 24_000;
export const KEEPALIVE_TOTAL_BYTES = 48_000;

/** Caught errors before the recorder gives up for this page. */
export const MAX_CAPTURE_ERRORS = 100;
/** Config fetch attempts at start (privacy selectors come from there, so no config means no recording). */
export const CONFIG_ATTEMPTS = 3;

/** Storage keys (prefixed so they never collide with the host app's). */
export const SESSION_STORAGE_KEY = "edge-replay:session";
export const OUTBOX_STORAGE_PREFIX = "edge-replay:chunk:";
/** This tab's sampling decision (option `sampleRate`), kept so reloads agree with the first page. */
export const SAMPLED_STORAGE_KEY = "edge-replay:sampled";
