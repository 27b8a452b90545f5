/** A same-app path to return to after sign-in; anything else (other origins, "//x") falls back. */
export function safeNextPath(value: string | string[] | undefined, fallback = "/sessions"): string {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v?.startsWith("/") || v.startsWith("//") || v.startsWith("/\\") || v.startsWith("/sign-in")) return fallback;
  return v;
}
