import { createSignal } from "solid-js";

/** sessionStorage key: the token lives only as long as the tab, never in localStorage or the URL. */
const TOKEN_KEY = "replay-admin-token";

/** Why the admin was sent to sign-in (shown there), or null while signed in. */
export type SignOutReason = "expired" | "invalid" | "signed_out";

const [signOutReason, setSignOutReason] = createSignal<SignOutReason | null>(null);
/** Bumped whenever the token changes, so "who am I" is asked again instead of read from cache. */
const [authGeneration, setAuthGeneration] = createSignal(0);
export { signOutReason, authGeneration };

/** The bearer token, if one was given; behind Cloudflare Access there is none and that is fine. */
export function readToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

/** Stores a token for this tab and clears any earlier sign-out reason. */
export function storeToken(token: string) {
  sessionStorage.setItem(TOKEN_KEY, token.trim());
  setSignOutReason(null);
  setAuthGeneration((n) => n + 1);
}

/** Drops the token; `reason` tells the sign-in page what to say. */
export function dropToken(reason: SignOutReason) {
  const had = readToken() !== null;
  try {
    sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // storage disabled: nothing stored either
  }
  setSignOutReason(reason);
  // Only a real change of identity asks the server again (a 401 without a token must not loop).
  if (had) setAuthGeneration((n) => n + 1);
}

/**
 * Moves `#token=<jwt>` (the link `npm start` prints) into sessionStorage and removes it from the
 * address bar and history, so it is not left in screenshots, bookmarks or the referrer.
 */
export function takeTokenFromHash(): boolean {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (!match) return false;
  storeToken(decodeURIComponent(match[1]));
  history.replaceState(history.state, "", location.pathname + location.search);
  return true;
}
