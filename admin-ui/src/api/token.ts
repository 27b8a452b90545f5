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

/** What a sign-in link's fragment carried: a single-use code, or (links of old) a token, left unused. */
export type LinkCredential = { code: string } | { token: true } | null;

/**
 * Takes `#code=<code>` (the single-use link `npm start` and `npm run token -- --sign-in-code` print)
 * off the address bar, to be exchanged for a token. A `#token=` fragment is removed too but not
 * used: the browser's history keeps every URL it visited, so a link must never carry a token.
 */
export function takeSignInFragment(): LinkCredential {
  const code = /(?:^#|&)code=([^&]+)/.exec(location.hash);
  const token = /(?:^#|&)token=/.test(location.hash);
  if (!code && !token) return null;
  history.replaceState(history.state, "", location.pathname + location.search);
  return code ? { code: decodeURIComponent(code[1]) } : { token: true };
}
