import { ChunkStore } from "./buffer/persist";
import { resolveOptions, withServerCheckout, type RecorderOptions, type RecorderStatus } from "./options";
import { findInvalidSelectors } from "./privacy/markers";
import { buildSelectors } from "./privacy/rrweb-options";
import { DEFAULT_ALLOWED_PARAMS } from "../protocol/redact-url";
import { Recorder } from "./recorder";
import { loadSession } from "./session/session";
import { isSampledIn } from "./session/sampling";
import { createCompressor } from "./transport/compressor";
import { fetchServerConfig } from "./transport/config";
import { TokenSource } from "./transport/token";

export type { RecorderOptions, RecorderStatus } from "./options";

/** What startRecording returns (contract §8). */
export interface RecordingHandle {
  /** Stops recording; what is buffered is still sent. */
  stop(): void;
  /** Sends everything buffered; resolves when the server has it (at most ~30 s; never rejects). */
  flush(): Promise<void>;
  /** The current session id, once recording (null before, or when not recording). */
  getSessionId(): string | null;
}

/** flush() waits at most this long for the server. */
const FLUSH_MAX_WAIT_MS = 30_000;

let active: RecordingHandle | null = null;

function storageOf(kind: "sessionStorage" | "localStorage"): Storage | null {
  try {
    return window[kind];
  } catch {
    return null; // Blocked by privacy settings: work without persistence.
  }
}

async function begin(options: RecorderOptions, isStopped: () => boolean, report: (s: RecorderStatus) => void): Promise<Recorder | null> {
  const asked = resolveOptions(options);
  // Before any request: a sampled-out tab costs the page nothing.
  if (!isSampledIn(storageOf("sessionStorage"), asked.sampleRate)) return (report({ state: "idle", reason: "sampled_out" }), null);
  const tokens = new TokenSource(asked.token, asked.getToken);
  const [config, token] = await Promise.all([fetchServerConfig(asked.endpoint), tokens.get()]);
  if (!config) return (report({ state: "idle", reason: "no_config" }), null);
  if (!config.enabled) return (report({ state: "idle", reason: "disabled" }), null);
  if (!token) return (report({ state: "idle", reason: "no_token" }), null);
  const resolved = withServerCheckout(asked, config);
  const { selectors, all } = buildSelectors(resolved, config.privateSelectors);
  const invalid = findInvalidSelectors(all, document);
  if (invalid.length) {
    console.warn(`[edge-replay] not recording: invalid private/block selector(s) ${invalid.join(" | ")}`);
    return (report({ state: "idle", reason: "bad_selector" }), null);
  }
  if (isStopped()) return null;
  // Opened when first needed (recovery at an idle moment, or the first chunk's write), not during the page's start.
  const store = new ChunkStore(() => storageOf("localStorage"));
  const sessionStorage = storageOf("sessionStorage");
  const recorder = new Recorder({
    options: resolved,
    selectors,
    allowedParams: new Set([...DEFAULT_ALLOWED_PARAMS, ...resolved.allowedQueryParams]),
    session: loadSession(sessionStorage, Date.now()),
    sessionStorage,
    store,
    compressor: createCompressor(resolved.compression),
    tokens,
    recover: () => store.loadAll(Date.now()),
  });
  recorder.start();
  return recorder;
}

/**
 * Starts recording this page (contract §8). Returns at once; the recorder reads the server's
 * config first and records nothing when recording is disabled, there is no token, or a selector
 * is invalid. Never throws, and nothing it does later throws into the page.
 */
export function startRecording(options: RecorderOptions): RecordingHandle {
  if (active) return active;
  let recorder: Recorder | null = null;
  let stopped = false;
  const report = (s: RecorderStatus) => {
    try {
      options?.onStatus?.(s);
    } catch {
      // The host's callback is its own business.
    }
  };
  const safeOptions: RecorderOptions = { ...options, onStatus: report };
  const ready = (async () => {
    try {
      if (typeof window === "undefined" || typeof MutationObserver !== "function") return report({ state: "idle", reason: "unsupported" });
      recorder = await begin(safeOptions, () => stopped, report);
      if (stopped) recorder?.stop("stopped");
    } catch {
      recorder = null;
      report({ state: "idle", reason: "unsupported" });
    }
  })();
  const handle: RecordingHandle = {
    stop() {
      try {
        stopped = true;
        recorder?.stop("stopped");
        if (active === handle) active = null;
      } catch {
        // Never into the page.
      }
    },
    async flush() {
      try {
        await ready;
        await recorder?.flush(FLUSH_MAX_WAIT_MS);
      } catch {
        // Never into the page.
      }
    },
    getSessionId() {
      return recorder?.sessionId ?? null;
    },
  };
  active = handle;
  return handle;
}
