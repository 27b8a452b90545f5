import { type SQL, and, desc, eq, lt, or } from "drizzle-orm";
import type { SQLiteColumn, SQLiteSelect } from "drizzle-orm/sqlite-core";

/** A position in a keyset-paged list: the last entry's sort value and id (a list sorts by both, descending). */
export interface KeysetPosition {
  value: number;
  id: string;
}

/** A list's sort key: its value column and its id column, both descending. */
export interface SortKey {
  value: SQLiteColumn;
  id: SQLiteColumn;
}

/** The rows after `after` in (value, id) descending order; no condition on the first page. */
function afterPosition(value: SQLiteColumn, id: SQLiteColumn, after: KeysetPosition | undefined) {
  return after ? or(lt(value, after.value), and(eq(value, after.value), lt(id, after.id))) : undefined;
}

/**
 * Cuts the `limit + 1` rows a list fetched to one page, and the position after it when there is a
 * further page (the extra row says so); `positionOf` gives none for a row that cannot be a cursor.
 */
function cutPage<T>(rows: T[], limit: number, positionOf: (row: T) => KeysetPosition | null) {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > limit && last ? positionOf(last) : null };
}

/**
 * One newest-first page of a dynamic select (`.$dynamic()`) and the position after it: the rows
 * `where` keeps, after `page.cursor`, sorted by `key` descending. Keyset paging never repeats or
 * skips a row while new ones arrive.
 */
export async function selectPage<T extends SQLiteSelect>(
  query: T,
  key: SortKey,
  where: SQL | undefined,
  page: { limit: number; cursor?: KeysetPosition },
  positionOf: (row: T["_"]["result"][number]) => KeysetPosition | null,
): Promise<{ rows: T["_"]["result"]; next: KeysetPosition | null }> {
  const rows: T["_"]["result"] = await query
    .where(and(where, afterPosition(key.value, key.id, page.cursor)))
    .orderBy(desc(key.value), desc(key.id))
    .limit(page.limit + 1);
  return cutPage(rows, page.limit, positionOf);
}
