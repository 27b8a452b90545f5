import { sql, type SQL } from "drizzle-orm";

/**
 * A bound value as a named column of a SELECT, for `INSERT … SELECT … WHERE` (a conditional
 * insert): drizzle checks that the names match the target table's columns, in order.
 */
export function boundValue<T>(value: T, name: string): SQL.Aliased<T> {
  return sql<T>`${value}`.as(name);
}
