import { sql, type Column, type SQL } from "drizzle-orm";
import type { QueryBuilder, SelectedFields } from "drizzle-orm/sqlite-core";

/**
 * `column IN (values)` with the whole list bound as ONE parameter, a JSON array read back by
 * SQLite's json_each: D1 allows 100 bound parameters per statement, so a list spelled out as
 * `IN (?, ?, …)` fails past that (the orphan scan checked 500 keys at a time, issue 9).
 */
export function inJsonList(column: Column, values: readonly (string | number)[]): SQL {
  return sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;
}

/**
 * Item `i` of each row of a JSON list of arrays read by json_each, as column `name` of an
 * `INSERT … SELECT` (a whole batch of rows bound as one parameter).
 */
export function jsonItem(i: number, name: string): SQL.Aliased<unknown> {
  return sql.raw(`json_extract(value, '$[${i}]')`).as(name);
}

/**
 * The rows of an `INSERT … SELECT` that writes a whole JSON list bound as one parameter: `fields`
 * of each item json_each reads from `list`, kept where `where` holds.
 */
export function selectJsonRows<TSelection extends SelectedFields>(qb: QueryBuilder, list: string, where: SQL | undefined, fields: TSelection) {
  return qb.select(fields).from(sql`json_each(${list})`).where(where);
}
