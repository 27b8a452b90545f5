import { z } from "zod";
import { fromBase64Url, toBase64Url } from "../crypto/codec";
import type { KeysetPosition } from "../db/keyset";

/** Entries a list returns when the query names no `limit`. */
export const LIST_DEFAULT_LIMIT = 50;
/** Most entries a list returns at once: a larger `limit` gets this many. */
export const LIST_MAX_LIMIT = 200;

/** The opaque `nextCursor` for the position after a page; null on the last page. */
export function encodeCursor(p: KeysetPosition | null): string | null {
  return p && toBase64Url(new TextEncoder().encode(JSON.stringify([p.value, p.id])));
}

/** `?cursor=`: one this API gave out, decoded to its position; anything else is a 400. */
export const cursorSchema = z
  .string()
  .max(200)
  .transform((s, ctx): KeysetPosition => {
    try {
      const parsed: unknown = JSON.parse(new TextDecoder().decode(fromBase64Url(s)));
      const tuple = z.tuple([z.number().int(), z.string().max(64)]).parse(parsed);
      return { value: tuple[0], id: tuple[1] };
    } catch {
      ctx.addIssue({ code: "custom", message: "cursor is not one this API gave out" });
      return z.NEVER;
    }
  });

/** `?to=` (as in the contract's own example) means "no filter", not 0: empty query values are absent. */
export const absentIfEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

/** `?limit=`: a whole number from 1; over the maximum gets the maximum (the caller follows nextCursor for the rest). */
export const limitSchema = absentIfEmpty(
  z.coerce
    .number()
    .int()
    .min(1)
    .transform((n) => Math.min(n, LIST_MAX_LIMIT)),
);

/** The paging fields of a list's query (`?limit=&cursor=`), spread into its schema. */
export const pageQuery = { limit: limitSchema, cursor: absentIfEmpty(cursorSchema) };
