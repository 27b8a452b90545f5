import { type SQL, and, desc, eq, lt, or, sql } from "drizzle-orm";
import type { SQLiteColumn, SQLiteSelect } from "drizzle-orm/sqlite-core";

/** A position in a keyset-paged list: the last entry's sort values and id (a list sorts by all of them, descending). */
export interface KeysetPosition {
  values: number[];
  id: string;
}

/** A list's sort key: its value columns (or expressions) in order, then its id column, all descending. */
export interface SortKey {
  values: Array<SQLiteColumn | SQL>;
  id: SQLiteColumn;
}

/** The rows after `after` in the key's descending order: behind it on the first value, or equal there and behind on the rest. */
function afterPosition(key: SortKey, after: KeysetPosition): SQL | undefined {
  const [column, ...columns] = key.values;
  const [value, ...values] = after.values;
  if (column === undefined || value === undefined) return lt(key.id, after.id);
  // One SQL form for a column and an expression alike (the comparison helpers type them apart).
  const sortValue = sql`${column}`;
  return or(lt(sortValue, value), and(eq(sortValue, value), afterPosition({ values: columns, id: key.id }, { values, id: after.id })));
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
 * One page of a dynamic select (`.$dynamic()`) and the position after it: the rows `where` keeps,
 * after `page.cursor`, sorted by `key` descending. Keyset paging never repeats or skips a row while
 * new ones arrive. A cursor of another key's length is the caller's to refuse.
 */
export async function selectPage<T extends SQLiteSelect>(
  query: T,
  key: SortKey,
  where: SQL | undefined,
  page: { limit: number; cursor?: KeysetPosition },
  positionOf: (row: T["_"]["result"][number]) => KeysetPosition | null,
): Promise<{ rows: T["_"]["result"]; next: KeysetPosition | null }> {
  const rows: T["_"]["result"] = await query
    .where(and(where, page.cursor && afterPosition(key, page.cursor)))
    .orderBy(...key.values.map((v) => desc(v)), desc(key.id))
    .limit(page.limit + 1);
  return cutPage(rows, page.limit, positionOf);
}
