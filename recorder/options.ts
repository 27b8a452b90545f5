import type { RecorderConfig } from "../protocol/replay-config";
import { CHECKOUT_EVERY_MS, CHECKOUT_MIN_MS, FLUSH_INTERVAL_MS } from "./constants";

/** rrweb's sampling knobs that are safe to expose (see rrweb's SamplingStrategy). */
export interface SamplingOptions {
  /** Mouse positions at most every N ms (false: none). Default 50. */
  mousemove?: boolean | number;
  /** Scroll positions at most every N ms. Default 150. */
  scroll?: number;
  /** Media time updates at most every N ms. Default 800. */
  media?: number;
  /** "last": only the final value of a burst of typing is kept. Default "last". */
  input?: "all" | "last";
}

/** Where the current state of the recorder is reported (status changes only, never page data). */
export type RecorderStatus =
  | { state: "recording"; sessionId: string }
  | { state: "idle"; reason: "disabled" | "no_token" | "no_config" | "bad_selector" | "unsupported" | "sampled_out" }
  | { state: "stopped"; reason: "stopped" | "buffer_full" | "event_too_large" | "too_many_errors" | "disabled" | "unauthorized" };

/** Options of startRecording (contract §8). */
export interface RecorderOptions {
  /** The worker's origin, e.g. "https://replay.example.com". */
  endpoint: string;
  /** A recording token (JWT). Use getToken instead when tokens expire during a page's life. */
  token?: string;
  /** Returns a fresh recording token; called at start and whenever the server answers 401. */
  getToken?: () => string | null | undefined | Promise<string | null | undefined>;
  /** CSS selectors masked in addition to [data-private] and the server's REPLAY_PRIVATE_SELECTORS. */
  privateSelectors?: string[];
  /** CSS selectors not recorded at all (an empty box of the same size), besides .rr-block and friends. */
  blockSelectors?: string[];
  /** Mask every text node and text attribute on the page, not only private ones (addresses and layout stay). Default false. */
  maskAllText?: boolean;
  /** Mask every form field's value. Default true; when false only passwords and private fields are masked, others are pattern-redacted. */
  maskAllInputs?: boolean;
  /** Query/fragment parameters whose values are kept in URLs. Default: utm_*, page, tab, view, sort, order, lang, locale. */
  allowedQueryParams?: string[];
  /** rrweb's event throttling (mouse, scroll, media, input). */
  sampling?: SamplingOptions;
  /** Share of tabs recorded, 0 to 1, decided once per tab. Default 1 (every tab). */
  sampleRate?: number;
  /** How often a batch is sent while nobody watches live. Default 7000. */
  flushIntervalMs?: number;
  /** Full snapshot at least this often, 10 s to 1 h. Default 120000 (2 min); the server's config may ask for more often (then its interval is used). */
  checkoutEveryMs?: number;
  /** Where gzip runs: a Web Worker made from code in this bundle (default), the main thread, or not at all. */
  compression?: "worker" | "main" | "none";
  /** Called when the recorder starts, stays idle, or stops (with the reason). */
  onStatus?: (status: RecorderStatus) => void;
}

/** Options with every default filled in. */
export type ResolvedOptions = Required<Omit<RecorderOptions, "token" | "getToken" | "onStatus">> & Pick<RecorderOptions, "token" | "getToken" | "onStatus">;

/** Fills in defaults and clamps numbers to sane ranges. */
export function resolveOptions(options: RecorderOptions): ResolvedOptions {
  const clamp = (v: number | undefined, min: number, max: number, fallback: number) =>
    typeof v === "number" && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : fallback;
  return {
    endpoint: String(options.endpoint ?? "").replace(/\/+$/, ""),
    token: options.token,
    getToken: options.getToken,
    privateSelectors: Array.isArray(options.privateSelectors) ? options.privateSelectors.filter((s) => typeof s === "string" && s.trim()) : [],
    blockSelectors: Array.isArray(options.blockSelectors) ? options.blockSelectors.filter((s) => typeof s === "string" && s.trim()) : [],
    maskAllText: options.maskAllText === true,
    maskAllInputs: options.maskAllInputs !== false,
    allowedQueryParams: Array.isArray(options.allowedQueryParams) ? options.allowedQueryParams : [],
    sampling: { mousemove: 50, scroll: 150, media: 800, input: "last", ...options.sampling },
    sampleRate: clamp(options.sampleRate, 0, 1, 1),
    flushIntervalMs: clamp(options.flushIntervalMs, 500, 60_000, FLUSH_INTERVAL_MS),
    checkoutEveryMs: clamp(options.checkoutEveryMs, CHECKOUT_MIN_MS, 3_600_000, CHECKOUT_EVERY_MS),
    compression: options.compression === "main" || options.compression === "none" ? options.compression : "worker",
    onStatus: options.onStatus,
  };
}

/**
 * The options with the server's checkout bound applied: the server keeps a window that must start
 * at a full snapshot, so its interval is an upper bound and the smaller of the two is used (never
 * under CHECKOUT_MIN_MS, whatever a server says).
 */
export function withServerCheckout(options: ResolvedOptions, config: Pick<RecorderConfig, "checkoutEveryMinutes">): ResolvedOptions {
  const serverMs = config.checkoutEveryMinutes * 60_000;
  return { ...options, checkoutEveryMs: Math.max(CHECKOUT_MIN_MS, Math.min(options.checkoutEveryMs, serverMs)) };
}
