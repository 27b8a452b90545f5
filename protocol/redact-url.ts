import { URL_VALUE_PLACEHOLDER as REDACTED } from "./placeholders";
import { redactText } from "./redact-text";

/**
 * The one URL redaction policy, applied by the recorder to every URL it records and by the worker
 * to the URLs it indexes (so a URL reads the same in the replay and in the session list): values
 * are kept only for allow-listed parameters, since campaign tags and view state make a replay and
 * a list useful and never identify anyone.
 */

/** Query parameters kept by default: campaign tags and view state, never identifiers. */
export const DEFAULT_ALLOWED_PARAMS: readonly string[] = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "page", "tab", "view", "sort", "order", "lang", "locale"];

const DEFAULT_ALLOWED: ReadonlySet<string> = new Set(DEFAULT_ALLOWED_PARAMS);

// A fragment that is a plain in-page anchor or a hash-router path (no values in it).
const PLAIN_FRAGMENT = /^#[A-Za-z0-9_\-/.]{0,128}$/;

function redactParams(params: string, allowed: ReadonlySet<string>): string {
  return params
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      // A bare value ("?abc123") is a value too: kept only when allow-listed.
      if (eq < 0) return !pair || allowed.has(decodeSafe(pair)) ? pair : REDACTED;
      const name = pair.slice(0, eq);
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

/**
 * Redacts a URL before it is stored anywhere: credentials dropped, every query and fragment value
 * replaced unless its parameter is allow-listed, personal data in the path replaced by pattern.
 * Works on absolute and relative URLs alike (string surgery, no base needed); data: and blob:
 * URLs keep only their scheme, since their payload is content, not an address. Idempotent: a
 * redacted URL redacts to itself, so the worker applying it again changes nothing.
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
  let path = queryAt < 0 ? beforeHash : beforeHash.slice(0, queryAt);
  const query = queryAt < 0 ? "" : beforeHash.slice(queryAt + 1);
  // user:password@host
  path = path.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, "$1");
  // Paths may carry an e-mail or a token (/users/jane%40example.com): redactText matches %40 too.
  let out = redactText(path);
  if (queryAt >= 0) out += `?${redactParams(query, allowed)}`;
  if (fragment) {
    if (fragment.includes("=")) {
      const hashQuery = fragment.indexOf("?");
      out += hashQuery > 0 ? `${redactText(fragment.slice(0, hashQuery))}?${redactParams(fragment.slice(hashQuery + 1), allowed)}` : `#${redactParams(fragment.slice(1), allowed)}`;
    } else {
      out += PLAIN_FRAGMENT.test(fragment) ? redactText(fragment) : `#${REDACTED}`;
    }
  }
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
