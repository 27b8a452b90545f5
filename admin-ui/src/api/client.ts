import type * as z from "zod/mini";
import { dropToken, readToken } from "./token";
import { ApiError, fetchParsed, isApiStatus } from "./api-error";

export { ApiError, isApiStatus };

/** Methods that change something: the worker's CSRF guard wants them sent as JSON. */
const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function send<T>(path: string, schema: z.ZodMiniType<T>, init: RequestInit, token: string | null): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set("Accept", "application/json");
  if (token) headers.set("Authorization", `Bearer ${token}`);
  // A cross-site form cannot send this type, so the worker takes it as proof the request is ours.
  if (UNSAFE_METHODS.has((init.method ?? "GET").toUpperCase()) && !headers.has("Content-Type")) headers.set("Content-Type", "application/json");
  return fetchParsed(path, schema, { ...init, headers, credentials: "same-origin" });
}

/**
 * Calls the admin API and parses the answer with `schema`. Sends the stored token if there is
 * one (behind Cloudflare Access the browser adds the Access assertion itself). A 401 drops the
 * token so the app goes back to sign-in.
 */
export async function api<T>(path: string, schema: z.ZodMiniType<T>, init: RequestInit = {}): Promise<T> {
  const token = readToken();
  try {
    return await send(path, schema, init, token);
  } catch (err) {
    // A 401 for a token since replaced (a sign-in meanwhile) says nothing about the new one.
    if (isApiStatus(err, 401) && readToken() === token) dropToken(err.code === "token_expired" ? "expired" : token ? "invalid" : "signed_out");
    throw err;
  }
}

/** Calls a route that needs no credential (sign-in): no token is sent, and a refusal drops none. */
export function callWithoutToken<T>(path: string, schema: z.ZodMiniType<T>, init: RequestInit = {}): Promise<T> {
  return send(path, schema, init, null);
}
