import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import type { SQL } from "drizzle-orm";
import type { Database } from "./client";

const dialect = new SQLiteSyncDialect();

/**
 * Runs raw drizzle `sql` statements as one D1 batch (a single transaction). Drizzle's own batch
 * takes only query builders, and our conditional inserts and derived updates need plain SQL.
 */
export async function runBatch(db: Database, statements: SQL[]): Promise<D1Result[]> {
  const d1 = db.$client;
  return d1.batch(
    statements.map((s) => {
      const q = dialect.sqlToQuery(s);
      return d1.prepare(q.sql).bind(...q.params);
    }),
  );
}
