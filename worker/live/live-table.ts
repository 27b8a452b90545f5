import { numberOrNull, stringOrNull } from "../session/sql-values";
import { sessionEntrySchema, type SessionEntry } from "./session-entry";

/** A listed session and when its object last spoke of it. */
export interface ListedSession {
  entry: SessionEntry;
  updatedAt: number;
}

function toListed(row: Record<string, SqlStorageValue> | undefined): ListedSession | null {
  const text = stringOrNull(row?.entry);
  const updatedAt = numberOrNull(row?.updated_at);
  if (text === null || updatedAt === null) return null;
  try {
    const parsed = sessionEntrySchema.safeParse(JSON.parse(text));
    return parsed.success ? { entry: parsed.data, updatedAt } : null;
  } catch {
    return null;
  }
}

function allListed(rows: Iterable<Record<string, SqlStorageValue>>): ListedSession[] {
  const listed: ListedSession[] = [];
  for (const row of rows) {
    const one = toListed(row);
    if (one) listed.push(one);
  }
  return listed;
}

/** The live sessions in the directory's SQLite, one row per session, as last announced by its object. */
export class LiveSessionTable {
  constructor(private readonly sql: SqlStorage) {
    sql.exec("CREATE TABLE IF NOT EXISTS live_sessions (id TEXT PRIMARY KEY, started_at INTEGER, entry TEXT NOT NULL, updated_at INTEGER NOT NULL)");
    sql.exec("CREATE INDEX IF NOT EXISTS live_sessions_updated ON live_sessions (updated_at)");
  }

  /** Every listed session, newest start first (as the admin list orders them). */
  list(): ListedSession[] {
    return allListed(this.sql.exec("SELECT entry, updated_at FROM live_sessions ORDER BY started_at DESC, id DESC"));
  }

  /** The listed session with this id, or null. */
  get(id: string): ListedSession | null {
    return toListed(this.sql.exec("SELECT entry, updated_at FROM live_sessions WHERE id = ?", id).toArray()[0]);
  }

  /** Listings not refreshed since `before`. */
  staleSince(before: number): ListedSession[] {
    return allListed(this.sql.exec("SELECT entry, updated_at FROM live_sessions WHERE updated_at <= ?", before));
  }

  /** When the longest-silent listing was last refreshed, or null when nothing is listed. */
  oldestUpdate(): number | null {
    return numberOrNull(this.sql.exec("SELECT MIN(updated_at) AS oldest FROM live_sessions").toArray()[0]?.oldest);
  }

  /** Lists or refreshes a session. */
  put(entry: SessionEntry, now: number): void {
    this.sql.exec(
      "INSERT OR REPLACE INTO live_sessions (id, started_at, entry, updated_at) VALUES (?, ?, ?, ?)",
      entry.id,
      entry.startedAt,
      JSON.stringify(entry),
      now,
    );
  }

  /** Takes a session off the list. */
  remove(id: string): void {
    this.sql.exec("DELETE FROM live_sessions WHERE id = ?", id);
  }
}
