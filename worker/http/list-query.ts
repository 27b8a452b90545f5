import { z } from "zod";
import { fromBase64Url, toBase64Url } from "../crypto/codec";
import type { KeysetPosition } from "../db/keyset";

/** Entries a list returns when the query names no `limit`. */
export const LIST_DEFAULT_LIMIT = 50;
/** Most entries a list returns at once: a larger `limit` gets this many. */
export const LIST_MAX_LIMIT = 200;

/** The opaque `nextCursor` for the position after a page (its sort values, then its id); null on the last page. */
export function encodeCursor(p: KeysetPosition | null): string | null {
  return p && toBase64Url(new TextEncoder().encode(JSON.stringify([...p.values, p.id])));
}

/** Most sort values a list's key has (the frustration order of the session list has two). */
const MAX_CURSOR_VALUES = 2;

const cursorTuple = z
  .array(z.unknown())
  .min(2)
  .max(MAX_CURSOR_VALUES + 1)
  .transform((t, ctx): KeysetPosition => {
    const values = z.array(z.number().int()).safeParse(t.slice(0, -1));
    const id = z
      .string()
      .max(64)
      .safeParse(t[t.length - 1]);
    if (values.success && id.success) return { values: values.data, id: id.data };
    ctx.addIssue({ code: "custom", message: "not a position" });
    return z.NEVER;
  });

/**
 * `?cursor=`: one this API gave out, decoded to its position; anything else is a 400. A list whose
 * key has other than one sort value checks the count itself (`cursorFits`).
 */
const anyCursorSchema = z
  .string()
  .max(200)
  .transform((s, ctx): KeysetPosition => {
    try {
      return cursorTuple.parse(JSON.parse(new TextDecoder().decode(fromBase64Url(s))));
    } catch {
      ctx.addIssue({ code: "custom", message: "cursor is not one this API gave out" });
      return z.NEVER;
    }
  });

/** Whether a cursor was given out for a key of `valueCount` sort values (another order's cursor is not). */
export const cursorFits = (cursor: KeysetPosition | undefined, valueCount: number) => cursor === undefined || cursor.values.length === valueCount;

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

/** The paging fields of a list's query (`?limit=&cursor=`), spread into its schema; `cursor` of any key, see `cursorFits`. */
export const anyKeyPageQuery = { limit: limitSchema, cursor: absentIfEmpty(anyCursorSchema) };

/** The paging fields of a list sorted by one value and its id, spread into its schema. */
export const pageQuery = {
  limit: limitSchema,
  cursor: absentIfEmpty(anyCursorSchema.refine((c) => cursorFits(c, 1), "cursor is not one this API gave out")),
};
