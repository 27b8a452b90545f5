import { ApiError } from "./errors";

/** Validated settings read from the worker's vars and secrets (contract §1). */
export interface Config {
  enabled: boolean;
  dev: boolean;
  privateSelectors: string[];
  retentionDays: number;
  windowMinutes: number;
  /** Exact origins allowed to upload; `["*"]` only in local dev; empty means the worker's own origin. */
  allowedOrigins: string[];
  /** Recording tokens (contract §2): the host app's backend or identity provider mints these. */
  recordingTokens: { secret?: Uint8Array; jwksUrl?: string; issuer?: string; audience?: string };
  /** Admin tokens: HS256 with a secret only the replay's operators hold. */
  adminTokens: { secret: Uint8Array };
  adminUsers: Set<string>;
  signingSecret: string;
  signedUrlTtlSeconds: number;
  masterKeys: { current: string; previous?: string };
  cfAccess?: { teamDomain: string; aud: string };
}

const DEV_SECRET_PREFIX = "dev-insecure-";
const MIN_SECRET_LENGTH = 32;
/**
 * Hosts a request carries only when it was made on this machine: a deployed worker is reached
 * through its route or workers.dev name, never as localhost, so these prove local development.
 */
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Thrown for configuration an operator must fix; answered 500 `bad_config` and logged. */
export class ConfigError extends ApiError {
  constructor(message: string) {
    super(500, "bad_config", message);
  }
}

function list(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

function wholeNumber(name: string, value: string | undefined, fallback: number, min: number, max: number) {
  if (value === undefined || value.trim() === "") return fallback;
  if (!/^\d+$/.test(value.trim())) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  const n = Number(value);
  if (n < min || n > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got ${n}`);
  return n;
}

function secret(name: string, value: string | undefined, dev: boolean): string {
  if (!value) throw new ConfigError(`${name} is not set: run \`wrangler secret put ${name}\``);
  if (value.startsWith(DEV_SECRET_PREFIX) && !dev) throw new ConfigError(`${name} is a dev-only value; set a real secret with \`wrangler secret put ${name}\``);
  if (value.length < MIN_SECRET_LENGTH) throw new ConfigError(`${name} must be at least ${MIN_SECRET_LENGTH} characters`);
  return value;
}

function origin(value: string): string {
  if (value === "*") return value;
  try {
    const u = new URL(value);
    if (u.origin !== value.replace(/\/$/, "")) throw new Error();
    return u.origin;
  } catch {
    throw new ConfigError(`REPLAY_ALLOWED_ORIGINS has "${value}", which is not an origin like https://app.example.com`);
  }
}

function masterKey(name: string, value: string): string {
  let bytes: string;
  try {
    bytes = atob(value);
  } catch {
    throw new ConfigError(`${name} must be 32 random bytes in base64`);
  }
  if (bytes.length !== 32) throw new ConfigError(`${name} must be 32 random bytes in base64`);
  return value;
}

/** The last request URL's host: every request asks twice (dev fence, config), mostly for the same URL. */
let lastHost = { url: "", hostname: "" };

function hostnameOf(url: string): string {
  if (lastHost.url !== url) lastHost = { url, hostname: new URL(url).hostname };
  return lastHost.hostname;
}

/**
 * Whether dev mode is on for a request to `requestUrl`. REPLAY_DEV="true" counts only on a loopback
 * host; on any other host it means a deployment carries the flag, and the request is refused as
 * bad configuration, so such a deployment answers nothing. Without a request (the cron, which no
 * outside caller can reach or read) the flag is taken as set.
 */
export function devModeFor(env: Env, requestUrl?: string): boolean {
  if (env.REPLAY_DEV !== "true") return false;
  if (requestUrl === undefined) return true;
  const host = hostnameOf(requestUrl);
  if (LOOPBACK_HOSTS.has(host)) return true;
  throw new ConfigError(
    `REPLAY_DEV is "true", which is for local development on localhost only, but this request came to ${host}: remove REPLAY_DEV from this deployment`,
  );
}

/** Every var and secret `parseConfig` reads besides REPLAY_DEV: the cache's key. */
const CONFIG_VARS = [
  "REPLAY_ENABLED",
  "REPLAY_ALLOWED_ORIGINS",
  "REPLAY_JWKS_URL",
  "REPLAY_JWT_SECRET",
  "REPLAY_ADMIN_JWT_SECRET",
  "CF_ACCESS_TEAM_DOMAIN",
  "CF_ACCESS_AUD",
  "REPLAY_MASTER_KEY",
  "REPLAY_MASTER_KEY_PREVIOUS",
  "REPLAY_PRIVATE_SELECTORS",
  "REPLAY_RETENTION_DAYS",
  "REPLAY_WINDOW_MINUTES",
  "REPLAY_JWT_ISSUER",
  "REPLAY_JWT_AUDIENCE",
  "REPLAY_ADMIN_USERS",
  "REPLAY_SIGNING_SECRET",
  "REPLAY_SIGNED_URL_TTL_SECONDS",
] as const satisfies readonly (keyof Env)[];

/**
 * The last valid config and the values it was parsed from. Parsing per request cost ~5 % of an
 * upload's CPU (issue 10); the values are still read from `env` on every call and compared, so a
 * changed var or secret (a deploy, a test's overrides) is parsed afresh. Bad config is not cached:
 * it is refused, loudly, at every request.
 */
let last: { dev: boolean; values: (string | undefined)[]; config: Config } | null = null;

/**
 * Reads and checks every setting for a request to `requestUrl` (none for the cron); throws
 * ConfigError naming the first bad one.
 */
export function readConfig(env: Env, requestUrl?: string): Config {
  const dev = devModeFor(env, requestUrl);
  const values = CONFIG_VARS.map((name) => env[name]);
  if (last && last.dev === dev && last.values.every((v, i) => v === values[i])) return last.config;
  const config = parseConfig(env, dev);
  last = { dev, values, config };
  return config;
}

function parseConfig(env: Env, dev: boolean): Config {
  // Unset or empty means the default, like every other optional setting.
  const enabled = env.REPLAY_ENABLED?.trim() || "true";
  if (enabled !== "true" && enabled !== "false") throw new ConfigError(`REPLAY_ENABLED must be "true" or "false", got "${enabled}"`);

  const allowedOrigins = list(env.REPLAY_ALLOWED_ORIGINS).map(origin);
  if (allowedOrigins.includes("*") && !dev) throw new ConfigError(`REPLAY_ALLOWED_ORIGINS may be "*" only in local dev; list your app's origins`);

  const jwksUrl = env.REPLAY_JWKS_URL?.trim() || undefined;
  if (jwksUrl && !/^https:\/\//.test(jwksUrl) && !dev) throw new ConfigError("REPLAY_JWKS_URL must be an https URL");
  const jwtSecret = jwksUrl ? undefined : secret("REPLAY_JWT_SECRET", env.REPLAY_JWT_SECRET, dev);
  const adminSecret = secret("REPLAY_ADMIN_JWT_SECRET", env.REPLAY_ADMIN_JWT_SECRET, dev);
  // One secret for both kinds would let every host backend that mints recording tokens mint admin ones.
  if (adminSecret === env.REPLAY_JWT_SECRET) throw new ConfigError("REPLAY_ADMIN_JWT_SECRET must differ from REPLAY_JWT_SECRET");

  const teamDomain = env.CF_ACCESS_TEAM_DOMAIN?.trim();
  const aud = env.CF_ACCESS_AUD?.trim();
  if (Boolean(teamDomain) !== Boolean(aud)) throw new ConfigError("CF_ACCESS_TEAM_DOMAIN and CF_ACCESS_AUD must be set together");

  const current = secret("REPLAY_MASTER_KEY", env.REPLAY_MASTER_KEY, dev);
  const previous = env.REPLAY_MASTER_KEY_PREVIOUS?.trim() || undefined;

  return {
    enabled: enabled === "true",
    dev,
    privateSelectors: list(env.REPLAY_PRIVATE_SELECTORS),
    retentionDays: wholeNumber("REPLAY_RETENTION_DAYS", env.REPLAY_RETENTION_DAYS, 14, 1, 365),
    windowMinutes: wholeNumber("REPLAY_WINDOW_MINUTES", env.REPLAY_WINDOW_MINUTES, 10, 1, 24 * 60),
    allowedOrigins,
    recordingTokens: {
      secret: jwtSecret ? new TextEncoder().encode(jwtSecret) : undefined,
      jwksUrl,
      issuer: env.REPLAY_JWT_ISSUER?.trim() || undefined,
      audience: env.REPLAY_JWT_AUDIENCE?.trim() || undefined,
    },
    adminTokens: { secret: new TextEncoder().encode(adminSecret) },
    adminUsers: new Set(list(env.REPLAY_ADMIN_USERS)),
    signingSecret: secret("REPLAY_SIGNING_SECRET", env.REPLAY_SIGNING_SECRET, dev),
    signedUrlTtlSeconds: wholeNumber("REPLAY_SIGNED_URL_TTL_SECONDS", env.REPLAY_SIGNED_URL_TTL_SECONDS, 300, 10, 86_400),
    masterKeys: { current: masterKey("REPLAY_MASTER_KEY", current), previous: previous ? masterKey("REPLAY_MASTER_KEY_PREVIOUS", previous) : undefined },
    cfAccess: teamDomain && aud ? { teamDomain, aud } : undefined,
  };
}
