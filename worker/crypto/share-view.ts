import { hmacSignBase64Url, hmacVerifyBase64Url } from "./hmac";
import { CANONICAL_TIME } from "./signed-url";

/** Domain separation: no other use of REPLAY_SIGNING_SECRET signs a message with this first line. */
const SHARE_VIEW_LABEL = "share-view/v1";
/** Longest one open of a share link lasts: past it, a refresh counts (and is audited) as a new open. */
export const SHARE_VIEW_MAX_AGE_MS = 3_600_000; // 1 h

/** What a view value signs: the label, the link and when it was opened (ms), newline-delimited. */
function canonical(shareId: string, openedAt: number): string {
  return [SHARE_VIEW_LABEL, shareId, String(openedAt)].join("\n");
}

/**
 * The opaque view value for an open of link `shareId` at `openedAt` (ms): `<openedAt>.<mac>`.
 * The page sends it back when it refreshes its chunk URLs, so one open counts one view.
 */
export async function signShareView(secret: string, shareId: string, openedAt: number): Promise<string> {
  return `${openedAt}.${await hmacSignBase64Url(secret, canonical(shareId, openedAt))}`;
}

/**
 * `value` if it is a view value we issued for link `shareId` at a time no later than `now` and
 * less than SHARE_VIEW_MAX_AGE_MS before it; undefined for anything else (missing, forged,
 * expired, another link's). A link's own expiry is checked where it is found: an expired link opens nothing.
 */
export async function verifyShareView(secret: string, shareId: string, value: string | undefined, now: number): Promise<string | undefined> {
  const [openedAtText, mac, ...rest] = value?.split(".") ?? [];
  if (!value || !openedAtText || !mac || rest.length > 0 || !CANONICAL_TIME.test(openedAtText)) return undefined;
  const openedAt = Number(openedAtText);
  if (openedAt > now || now - openedAt >= SHARE_VIEW_MAX_AGE_MS) return undefined;
  return (await hmacVerifyBase64Url(secret, mac, canonical(shareId, openedAt))) ? value : undefined;
}
