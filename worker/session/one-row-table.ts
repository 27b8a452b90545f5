import { hasTable } from "./sql-values";

/** How one state type is laid out as the single row of a table in a Durable Object's SQLite. */
export interface RowShape<T> {
  table: string;
  /** Column name → SQL type, in the order `encode` gives the values (the `id` column is added). */
  columns: Record<string, string>;
  encode(state: T): SqlStorageValue[];
  /** The state from its row, or null when the row is missing or not of this shape. */
  decode(row: Record<string, SqlStorageValue>): T | null;
}

/**
 * A state kept as one row of the object's SQLite (the durable copy, written through on every
 * change) and in memory between calls, so a chunk costs no reads of its object's own storage. The
 * memory is filled from SQLite on the first read of an object's life (after an eviction too) and
 * emptied by `forget()`. The table is made on the first write, so an object that never wrote, or
 * was erased (`deleteAll()` drops every table), stores nothing at all.
 */
export class OneRowTable<T> {
  private exists: boolean | null = null;
  /** undefined: not read from SQLite yet in this object's life. */
  private cached: T | null | undefined = undefined;
  private readonly insert: string;

  constructor(
    private readonly sql: SqlStorage,
    private readonly shape: RowShape<T>,
  ) {
    const names = Object.keys(shape.columns);
    this.insert = `INSERT OR REPLACE INTO ${shape.table} (id, ${names.join(", ")}) VALUES (1${", ?".repeat(names.length)})`;
  }

  /** The state, or null before the first write (and after erasure). Callers replace it with `write`, never change it. */
  read(): T | null {
    if (this.cached === undefined) this.cached = this.load();
    return this.cached;
  }

  /** Replaces the state: SQLite first, so memory never holds what storage refused. */
  write(state: T): void {
    if (!this.exists) {
      const columns = Object.entries(this.shape.columns).map(([name, type]) => `${name} ${type}`);
      this.sql.exec(`CREATE TABLE IF NOT EXISTS ${this.shape.table} (id INTEGER PRIMARY KEY CHECK (id = 1), ${columns.join(", ")})`);
      this.exists = true;
    }
    this.sql.exec(this.insert, ...this.shape.encode(state));
    this.cached = state;
  }

  /**
   * Replaces the state in memory only: its durable copy lags until the next `write`, and a new
   * object life gets it back through `recover` (a subclass that uses this must override it).
   */
  keep(state: T): void {
    this.cached = state;
  }

  /** The state of a new object life from its row (null: none): where `keep` was used, what the row lacks is rebuilt here. */
  protected recover(stored: T | null): T | null {
    return stored;
  }

  /** Call after `deleteAll()`: the table is gone. */
  forget(): void {
    this.exists = false;
    this.cached = null;
  }

  private load(): T | null {
    this.exists ??= hasTable(this.sql, this.shape.table);
    const [row] = this.exists ? this.sql.exec(`SELECT * FROM ${this.shape.table} WHERE id = 1`).toArray() : [];
    return this.recover(row ? this.shape.decode(row) : null);
  }
}
