import { drizzle } from "drizzle-orm/d1";

/**
 * Drizzle over each D1 binding, made once per isolate: building it per request cost ~2.5 % of an
 * upload's CPU (issue 10). Without `{ schema }`: no code uses relational queries (`db.query.*`),
 * and the schema made drizzle walk every table on each build. A different binding (a test's
 * failing D1) gets its own.
 */
const byBinding = new WeakMap<D1Database, ReturnType<typeof drizzle>>();

/** Drizzle over the D1 binding. */
export function database(d1: D1Database) {
  let db = byBinding.get(d1);
  if (!db) byBinding.set(d1, (db = drizzle(d1)));
  return db;
}

export type Database = ReturnType<typeof database>;
