// Its own module so that pages without the admin API (the share page) can read errors without
// bundling the admin client and its token store.

import type * as z from "zod/mini";
import { errorBody } from "./schemas";

/** An API failure in the contract's shape (`{"error":{"code","message"}}`), or a network/shape problem. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** True when `err` is an ApiError with this status. */
export function isApiStatus(err: unknown, status: number): err is ApiError {
  return err instanceof ApiError && err.status === status;
}

/** The error a failed response carries, in the contract's shape when it has one. */
export async function readApiError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON (a proxy error page): fall through to a generic message
  }
  const parsed = errorBody.safeParse(body);
  if (parsed.success) return new ApiError(res.status, parsed.data.error.code, parsed.data.error.message);
  return new ApiError(res.status, `http_${res.status}`, `The server answered ${res.status} ${res.statusText}`);
}

/**
 * Fetches `path` and parses its JSON answer with `schema`. No network, an error answer and an
 * answer of another shape each throw an ApiError; `shown` names the request in that message
 * (the share page's path holds its token, so it shows none).
 */
export async function fetchParsed<T>(path: string, schema: z.ZodMiniType<T>, init: RequestInit, shown = path): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, cache: "no-store" });
  } catch {
    throw new ApiError(0, "network", "Could not reach the server. Check your connection and retry.");
  }
  if (!res.ok) throw await readApiError(res);
  const parsed = schema.safeParse(await res.json());
  if (!parsed.success) throw new ApiError(res.status, "unexpected_shape", `The server's answer to ${shown} has an unexpected shape`);
  return parsed.data;
}
