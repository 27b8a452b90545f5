import { numberOrNull, stringOrNull } from "../session/sql-values";
import type { StoredTicket, TicketTarget } from "./tickets";

function asTarget(value: string | null): TicketTarget | null {
  if (value === "list") return value;
  return value?.startsWith("session:") ? `session:${value.slice("session:".length)}` : null;
}

/** Live tickets in the directory's SQLite: single use, because taking one deletes it. */
export class TicketTable {
  constructor(private readonly sql: SqlStorage) {
    sql.exec("CREATE TABLE IF NOT EXISTS tickets (hash TEXT PRIMARY KEY, target TEXT NOT NULL, minted_by TEXT NOT NULL, expires_at INTEGER NOT NULL)");
  }

  /** Keeps a freshly minted ticket. */
  put(t: StoredTicket): void {
    this.sql.exec("INSERT INTO tickets (hash, target, minted_by, expires_at) VALUES (?, ?, ?, ?)", t.hash, t.target, t.mintedBy, t.expiresAt);
  }

  /** Removes and returns the ticket with this hash (expired or not), or null when there is none: a second take finds nothing. */
  take(hash: string): StoredTicket | null {
    const [row] = this.sql.exec("DELETE FROM tickets WHERE hash = ? RETURNING target, minted_by, expires_at", hash).toArray();
    if (!row) return null;
    const target = asTarget(stringOrNull(row.target));
    const mintedBy = stringOrNull(row.minted_by);
    const expiresAt = numberOrNull(row.expires_at);
    return target && mintedBy !== null && expiresAt !== null ? { hash, target, mintedBy, expiresAt } : null;
  }

  /** Forgets tickets expired at `now`; returns the earliest expiry still kept, if any. */
  prune(now: number): number | null {
    this.sql.exec("DELETE FROM tickets WHERE expires_at <= ?", now);
    const [row] = this.sql.exec("SELECT MIN(expires_at) AS next FROM tickets").toArray();
    return numberOrNull(row?.next);
  }
}
