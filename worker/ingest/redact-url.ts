const EMAIL = /[^\s@/?#&=]+@[^\s@/?#&=]+\.[a-z]{2,}/gi;

/**
 * Server-side guard for URLs in session metadata: drops credentials, replaces query and fragment
 * values, and masks e-mail-like path segments. The recorder redacts first; this catches old or
 * hand-made clients, so the index never holds a raw query string.
 */
export function redactUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw.replace(/[?#].*$/, "").replace(EMAIL, "[email]").slice(0, 2048);
  }
  url.username = "";
  url.password = "";
  const params = [...url.searchParams.keys()];
  const redacted = new URLSearchParams();
  for (const name of params) {
    const value = url.searchParams.get(name) ?? "";
    redacted.set(name, value === "" || value === "[redacted]" ? value : "[redacted]");
  }
  url.search = redacted.toString() ? `?${redacted.toString().replace(/%5Bredacted%5D/g, "[redacted]")}` : "";
  if (url.hash && url.hash !== "#") url.hash = "[redacted]";
  return url.toString().replace(EMAIL, "[email]").slice(0, 2048);
}
