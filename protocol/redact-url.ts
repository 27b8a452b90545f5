import { URL_VALUE_PLACEHOLDER as REDACTED } from "./placeholders";
import { redactText } from "./redact-text";

/**
 * The one URL redaction policy, applied by the recorder to every URL it records and by the worker
 * to the URLs it indexes (so a URL reads the same in the replay and in the session list): values
 * are kept only for allow-listed parameters, since campaign tags and view state make a replay and
 * a list useful and never identify anyone.
 */

/** Query parameters kept by default: campaign tags and view state, never identifiers. */
export const DEFAULT_ALLOWED_PARAMS: readonly string[] = [
  "utm_source",
  "utm_medium",
  "utm_campaign",
  "utm_term",
  "utm_content",
  "page",
  "tab",
  "view",
  "sort",
  "order",
  "lang",
  "locale",
];

const DEFAULT_ALLOWED: ReadonlySet<string> = new Set(DEFAULT_ALLOWED_PARAMS);

// A fragment that is an in-page anchor or a hash-router path ("#/orders/42"): no values in it.
const PATH_FRAGMENT = /^#[\w\-/.~!:@%[\]]{0,256}$/;
// scheme://authority, kept apart from the path (the host and port are an address, not data).
const ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;

function redactParams(params: string, allowed: ReadonlySet<string>): string {
  return params
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      // A bare value ("?abc123") is a value too: kept only when allow-listed.
      if (eq < 0) return !pair || allowed.has(decodeSafe(pair)) ? pair : REDACTED;
      const name = redactEncoded(pair.slice(0, eq), decodeSafe, NAME_SPECIALS);
      const value = pair.slice(eq + 1);
      return allowed.has(decodeSafe(name)) ? `${name}=${encodeURIComponent(redactText(decodeSafe(value)))}` : value ? `${name}=${REDACTED}` : pair;
    })
    .join("&");
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    return s;
  }
}

/** Percent-decoding for a path, where "+" is a plus. */
function decodePath(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Pattern-redacts one encoded part of a URL, judged decoded (so %40 is an at sign). Unchanged, it
 * is kept byte for byte; changed, it is written decoded with only the characters that would
 * change the URL's structure escaped.
 */
function redactEncoded(part: string, decode: (s: string) => string, specials: RegExp): string {
  const decoded = part.includes("%") || part.includes("+") ? decode(part) : part;
  const redacted = redactText(decoded);
  return redacted === decoded ? part : redacted.replace(specials, encodeURIComponent);
}

/** Characters that end a path segment or a parameter name. */
const SEGMENT_SPECIALS = /[%?#/]/g;
const NAME_SPECIALS = /[%?#&=]/g;

/**
 * Redacts a path one segment at a time: only a segment that holds personal data or looks like a
 * secret (an e-mail, a JWT, a long random token) changes, so /wp-content/uploads/2024/03/photo.jpg,
 * /static/images/undraw_profile_1.svg and /admin/users/<uuid>/edit stay as they are.
 */
function redactPath(path: string): string {
  if (path.length < 6) return path;
  return path
    .split("/")
    .map((segment) => redactEncoded(segment, decodePath, SEGMENT_SPECIALS))
    .join("/");
}

function redactFragment(fragment: string, allowed: ReadonlySet<string>): string {
  if (fragment.includes("=")) {
    const hashQuery = fragment.indexOf("?");
    return hashQuery > 0
      ? `${redactPath(fragment.slice(0, hashQuery))}?${redactParams(fragment.slice(hashQuery + 1), allowed)}`
      : `#${redactParams(fragment.slice(1), allowed)}`;
  }
  return PATH_FRAGMENT.test(fragment) ? redactPath(fragment) : `#${REDACTED}`;
}

/**
 * Redacts a URL before it is stored anywhere: credentials dropped, every query and fragment value
 * replaced unless its parameter is allow-listed, and path segments (of the path and of a hash
 * route) that hold personal data or a secret replaced by pattern. Works on absolute and relative
 * URLs alike (string surgery, no base needed); data: and blob: URLs keep only their scheme, since
 * their payload is content, not an address. Idempotent: a redacted URL redacts to itself, so the
 * worker applying it again changes nothing.
 */
export function redactUrl(raw: string, allowed: ReadonlySet<string> = DEFAULT_ALLOWED): string {
  if (!raw) return raw;
  const trimmed = raw.trim();
  if (/^(data|blob|javascript):/i.test(trimmed)) return trimmed.slice(0, trimmed.indexOf(":") + 1);
  if (/^(mailto|tel|sms):/i.test(trimmed)) return trimmed.slice(0, trimmed.indexOf(":") + 1) + REDACTED;
  const hashAt = trimmed.indexOf("#");
  const beforeHash = hashAt < 0 ? trimmed : trimmed.slice(0, hashAt);
  const fragment = hashAt < 0 ? "" : trimmed.slice(hashAt);
  const queryAt = beforeHash.indexOf("?");
  const address = queryAt < 0 ? beforeHash : beforeHash.slice(0, queryAt);
  const query = queryAt < 0 ? "" : beforeHash.slice(queryAt + 1);
  // user:password@host
  const origin = (ORIGIN.exec(address)?.[0] ?? "").replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, "$1");
  let out = origin + redactPath(address.slice(ORIGIN.exec(address)?.[0].length ?? 0));
  if (queryAt >= 0) out += `?${redactParams(query, allowed)}`;
  if (fragment) out += redactFragment(fragment, allowed);
  return out;
}

/** Redacts each URL of a srcset list ("a.png?x=1 1x, b.png 2x"). */
export function redactSrcset(srcset: string, allowed: ReadonlySet<string>): string {
  return srcset
    .split(",")
    .map((part) => {
      const item = part.trim();
      const space = item.search(/\s/);
      return space < 0 ? redactUrl(item, allowed) : `${redactUrl(item.slice(0, space), allowed)}${item.slice(space)}`;
    })
    .join(", ");
}
