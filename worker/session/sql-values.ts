/**
 * Readers for values of a Durable Object's SQLite rows: the runtime types a row only as
 * `Record<string, SqlStorageValue>`, so each column is checked instead of cast.
 */

/** The column as a number, or null when it is NULL (or not a number: a row from another schema). */
export function numberOrNull(value: SqlStorageValue | undefined): number | null {
  return typeof value === "number" ? value : null;
}

/** The column as a string, or null. */
export function stringOrNull(value: SqlStorageValue | undefined): string | null {
  return typeof value === "string" ? value : null;
}

/** Whether a table exists (tables are made lazily, and `deleteAll()` drops them all). */
export function hasTable(sql: SqlStorage, name: string): boolean {
  return sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", name).toArray().length > 0;
}

/**
 * Tables of an object's SQLite made on the first write: whether they exist is read once and
 * cached, `create()` runs their DDL (the last statement makes the table `name`, whose presence
 * says all exist), and `forget()` follows a `deleteAll()`, which drops them.
 */
export class LazyTables {
  private exists: boolean | null = null;

  constructor(
    private readonly sql: SqlStorage,
    private readonly name: string,
    private readonly ddl: readonly string[],
  ) {}

  ready(): boolean {
    this.exists ??= hasTable(this.sql, this.name);
    return this.exists;
  }

  create(): void {
    if (this.ready()) return;
    for (const statement of this.ddl) this.sql.exec(statement);
    this.exists = true;
  }

  forget(): void {
    this.exists = false;
  }
}
