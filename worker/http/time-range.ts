import { z } from "zod";
import { absentIfEmpty } from "./list-query";

/** A time in a query: whole milliseconds since the epoch. */
const time = z.coerce.number().int().min(0);

/** `?from=&to=`, either absent or empty for no bound, and in order when both are given. */
const timeRange = z
  .object({ from: absentIfEmpty(time), to: absentIfEmpty(time) })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: "from must not be after to" });

/**
 * A query schema of `shape` plus `?from=&to=`, refused with `400 bad_request` ("from must not be
 * after to") when both are given and `from` is after `to`: one rule for every route that filters by time.
 */
export function withTimeRange<T extends z.ZodRawShape>(shape: T) {
  // An intersection, not a refinement of the extended object: the rule then needs no knowledge of `shape`.
  return z.intersection(z.object(shape), timeRange);
}
