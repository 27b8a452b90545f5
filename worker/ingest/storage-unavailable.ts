import { ApiError } from "../errors";
import { describeError, log } from "../log";

/** How long a client waits before retrying a chunk that storage could not take. */
export const STORAGE_RETRY_AFTER_SECONDS = 5;

/** The answer when D1 or R2 fails: 503, retry the same chunk later (contract §3). */
export function storageUnavailable(): ApiError {
  return new ApiError(503, "storage_unavailable", "Storage is unavailable for a moment; retry this chunk", {
    "Retry-After": String(STORAGE_RETRY_AFTER_SECONDS),
  });
}

/**
 * Runs a storage call (D1 or R2) of the upload path; a failure of the storage itself becomes 503
 * `storage_unavailable` with Retry-After instead of a 500, and is logged without its bound values.
 * Our own refusals (ApiError) pass through unchanged.
 */
export async function orUnavailable<T>(step: string, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof ApiError) throw err;
    log.warn("storage call failed", { step, error: describeError(err) });
    throw storageUnavailable();
  }
}
