import { redactUrl as redactWithPolicy } from "../../protocol/redact-url";

/** Longest URL kept in the session index. */
const INDEX_URL_MAX_CHARS = 2_048;

/**
 * The URLs the session index keeps (meta.url, last_url), redacted by the one policy the recorder
 * applies too (protocol/redact-url, default allow-list), so a URL reads the same in the list as in
 * the replay. The recorder has redacted them already; this catches old or hand-made clients.
 */
export function redactUrl(raw: string): string {
  return redactWithPolicy(raw).slice(0, INDEX_URL_MAX_CHARS);
}
