import { type Component, Show, createSignal, onMount } from "solid-js";
import { useNavigate, useSearchParams } from "@solidjs/router";
import { api, isApiStatus } from "../api/client";
import { me } from "../api/schemas";
import { exchangeSignInCode } from "../api/sign-in";
import { readToken, signOutReason, storeToken, takeSignInFragment } from "../api/token";
import { safeNextPath } from "../lib/next-path";
import { describeError } from "../lib/run-action";
import ErrorText from "../components/ErrorText";

const REASON_TEXT = {
  expired: "Your token has expired. Paste a fresh one to continue.",
  invalid: "That token was not accepted. Check that it is complete and signed for this deployment.",
  signed_out: null,
} as const;

const TOKEN_LINK_TEXT =
  "Sign-in links no longer carry a token, since the browser's history keeps every address. Paste the token below, or open a sign-in link from npm start or npm run token -- --sign-in-code.";

/**
 * `/admin/sign-in`: exchanges the single-use code of a sign-in link (`#code=`, which `npm start`
 * prints) for a token, or takes a token from the box. Behind Cloudflare Access nothing is needed:
 * the Access assertion already signs the admin in.
 */
const SignInPage: Component = () => {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const next = () => safeNextPath(params.next);

  const check = async (fromUser: boolean) => {
    // Only the admin's own attempt disables the form: the silent probe for Cloudflare Access must
    // not swallow an Enter pressed while it runs (a disabled submit button blocks that).
    if (fromUser) setBusy(true);
    setError(null);
    try {
      await api("/api/admin/me", me);
      navigate(next(), { replace: true });
    } catch (err) {
      // 403: a valid non-admin; the app shell shows the "not allowed" page for that.
      if (isApiStatus(err, 403)) navigate(next(), { replace: true });
      else if (fromUser || readToken())
        setError(isApiStatus(err, 401) ? (REASON_TEXT[signOutReason() ?? "invalid"] ?? REASON_TEXT.invalid) : describeError(err, "Sign-in failed"));
    } finally {
      setBusy(false);
    }
  };

  const redeem = async (code: string) => {
    setBusy(true);
    // The server says why a code fails (already used, expired, not for this deployment).
    const answer = await exchangeSignInCode(code).catch((err: unknown) => {
      setError(describeError(err, "Sign-in failed"));
      return null;
    });
    setBusy(false);
    if (!answer) return;
    storeToken(answer.token);
    await check(true);
  };

  onMount(() => {
    const fromLink = takeSignInFragment();
    if (fromLink && "code" in fromLink) void redeem(fromLink.code);
    else if (fromLink) setError(TOKEN_LINK_TEXT);
    // No token and no earlier failure: maybe Cloudflare Access already vouches for this browser.
    else if (!readToken() && signOutReason() === null) void check(false);
  });

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const value = new FormData(e.currentTarget as HTMLFormElement).get("token");
    if (typeof value !== "string" || !value.trim()) return setError("Paste a token first.");
    storeToken(value);
    void check(true);
  };

  return (
    <main class="center-page">
      <form class="card sign-in" onSubmit={submit} data-testid="sign-in">
        <h1>Sign in to session replay</h1>
        <Show when={!error() && signOutReason() && REASON_TEXT[signOutReason()!]}>
          <p class="notice">{REASON_TEXT[signOutReason()!]}</p>
        </Show>
        <label for="token">Admin token (JWT)</label>
        <input id="token" name="token" type="password" autocomplete="off" spellcheck={false} placeholder="eyJhbGciOi…" autofocus />
        <ErrorText message={error()} />
        <button type="submit" class="primary" disabled={busy()}>
          {busy() ? "Checking…" : "Sign in"}
        </button>
        <p class="muted small">
          Locally, <code>npm start</code> prints a single-use link that signs you in. <code>npm run token</code> mints a token. Behind Cloudflare Access you are
          signed in automatically. The token stays in this tab only.
        </p>
      </form>
    </main>
  );
};

export default SignInPage;
