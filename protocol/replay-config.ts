/**
 * What the server advertises at GET /api/replay/config (contract §3: `enabled`, `privateSelectors`,
 * `windowMinutes`; more fields allowed). Built by the worker, read by the recorder.
 *
 * `checkoutEveryMinutes` is an upper bound: the server keeps the last `windowMinutes` of a session
 * starting at a full snapshot, so what it keeps spans the window plus up to one checkout interval.
 * The recorder takes a full snapshot at least this often, sooner when its own `checkoutEveryMs`
 * option says so (it uses the smaller of the two).
 */

/** The server's checkout bound when the window allows it. */
export const CHECKOUT_EVERY_MINUTES = 2;

/** The JSON body of GET /api/replay/config. */
export interface ReplayConfig {
  /** false: the recorder records nothing (and uploads get 403 replay_disabled). */
  enabled: boolean;
  /** CSS selectors masked in addition to [data-private] (REPLAY_PRIVATE_SELECTORS). */
  privateSelectors: string[];
  /** Only this last part of a session is kept (REPLAY_WINDOW_MINUTES). */
  windowMinutes: number;
  /** A full snapshot is needed at least this often (see above). */
  checkoutEveryMinutes: number;
}

/** The config to advertise for the server's settings. */
export function buildReplayConfig(settings: { enabled: boolean; privateSelectors: readonly string[]; windowMinutes: number }): ReplayConfig {
  return {
    enabled: settings.enabled,
    privateSelectors: [...settings.privateSelectors],
    windowMinutes: settings.windowMinutes,
    // Never longer than the window: a one-minute window with two-minute checkouts would keep up to three.
    checkoutEveryMinutes: Math.min(CHECKOUT_EVERY_MINUTES, settings.windowMinutes),
  };
}

/** What the recorder needs from the config. */
export type RecorderConfig = Pick<ReplayConfig, "enabled" | "privateSelectors" | "checkoutEveryMinutes">;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Reads a config body as the recorder must: recording only when `enabled` is exactly true, blank
 * or non-string selectors dropped, and the checkout bound of a server that predates it (or sends
 * nonsense) taken as CHECKOUT_EVERY_MINUTES, which such servers advertised.
 */
export function readReplayConfig(body: unknown): RecorderConfig {
  const b = isRecord(body) ? body : {};
  const selectors = Array.isArray(b.privateSelectors) ? b.privateSelectors.filter((s): s is string => typeof s === "string" && s.trim() !== "") : [];
  const minutes = b.checkoutEveryMinutes;
  return {
    enabled: b.enabled === true,
    privateSelectors: selectors,
    checkoutEveryMinutes: typeof minutes === "number" && Number.isFinite(minutes) && minutes > 0 ? minutes : CHECKOUT_EVERY_MINUTES,
  };
}
