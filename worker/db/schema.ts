import { sql } from "drizzle-orm";
import { sqliteTable, text, integer, primaryKey, index, check, type SQLiteColumn } from "drizzle-orm/sqlite-core";
import { ACTOR_TYPE_CODES, AUDIT_ACTION_CODES, DEVICE_TYPE_CODES, findMaxCode } from "../../protocol/enums";

/** CHECK that an enum column holds one of its codes (protocol/enums.ts); a new code widens it in a migration. */
function checkCode(name: string, column: SQLiteColumn, codes: Readonly<Record<string, number>>) {
  return check(name, sql`${column} BETWEEN 0 AND ${sql.raw(String(findMaxCode(codes)))}`);
}

/** One recorded session (a browser tab's visit); aggregates are recomputed from `chunks`. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    startedAt: integer("started_at"),
    endedAt: integer("ended_at"),
    bytes: integer("bytes").notNull().default(0),
    eventCount: integer("event_count").notNull().default(0),
    chunkCount: integer("chunk_count").notNull().default(0),
    /** JSON: { ua, viewport: { width, height }, url } from the first chunk that carried meta. */
    meta: text("meta").notNull().default("{}"),
    lastUrl: text("last_url"),
    /** R2 prefix holding every object of this session. */
    storageKey: text("storage_key").notNull(),
    /** Chunks below this seq were dropped by the window; a late one is ignored, not re-stored. */
    keptFromSeq: integer("kept_from_seq").notNull().default(0),
    createdAt: integer("created_at").notNull(),
    /** Server time the last chunk was received: drives "live" and retention. */
    lastChunkAt: integer("last_chunk_at"),
    /** Set when erasure began; the row goes once the R2 objects are gone. */
    erasedAt: integer("erased_at"),
    /** Device type code (protocol/enums.ts), from the first chunk that carried meta; 0 = unknown. */
    device: integer("device").notNull().default(0),
    /** Insights found so far (contract §12), counted from `session_insights`. */
    rageClicks: integer("rage_clicks").notNull().default(0),
    deadClicks: integer("dead_clicks").notNull().default(0),
  },
  (t) => [
    checkCode("sessions_device_code", t.device, DEVICE_TYPE_CODES),
    index("sessions_device_started").on(t.device, t.startedAt, t.id),
    index("sessions_user_started").on(t.userId, t.startedAt, t.id),
    index("sessions_started").on(t.startedAt, t.id),
    // The list's `sort=frustration` order (admin-queries.ts): without it every page sorts the table.
    index("sessions_frustration").on(sql`${t.rageClicks} + ${t.deadClicks}`, t.startedAt, t.id),
    index("sessions_ended").on(t.endedAt),
    index("sessions_last_chunk").on(t.lastChunkAt),
    // Only sessions being erased: an index of every row's NULL led the planner to it for the list
    // and retention (`erased_at IS NULL`), which then sorted or scanned every visible session.
    index("sessions_erased").on(t.erasedAt).where(sql`${t.erasedAt} IS NOT NULL`),
  ],
);

/** One stored chunk: an R2 object at `storage_key`, or the byte range `blob_offset`, `blob_length` of one (a segment). */
export const chunks = sqliteTable(
  "chunks",
  {
    sessionId: text("session_id").notNull(),
    seq: integer("seq").notNull(),
    startedAt: integer("started_at").notNull(),
    endedAt: integer("ended_at").notNull(),
    /** Bytes stored in R2 (compressed, encrypted). */
    bytes: integer("bytes").notNull(),
    /** Bytes of the stored JSON before compression (the upload as sent, or its events: storage/chunk-body.ts). */
    rawBytes: integer("raw_bytes").notNull(),
    eventCount: integer("event_count").notNull(),
    /** 1 when the chunk begins with a full snapshot, so replay can start at it. */
    hasFullSnapshot: integer("has_full_snapshot", { mode: "boolean" }).notNull(),
    storageKey: text("storage_key").notNull(),
    /** Where the chunk's blob starts in a segment (storage/keys.ts segmentKey); null: the object is the chunk's alone. */
    blobOffset: integer("blob_offset"),
    blobLength: integer("blob_length"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.seq] })],
);

/** Per-session AES-256-GCM data key, wrapped by the master key. Deleting it shreds the session. */
export const sessionKeys = sqliteTable("session_keys", {
  sessionId: text("session_id").primaryKey(),
  /** Base64 of the AES-KW wrapped key. */
  wrappedKey: text("wrapped_key").notNull(),
  /** Which master key wrapped it (a short fingerprint), for rotation. */
  masterKeyId: text("master_key_id").notNull(),
  createdAt: integer("created_at").notNull(),
});

/** Ids of erased sessions, so late chunks are refused instead of recreating them. No user data. */
export const erasedSessions = sqliteTable(
  "erased_sessions",
  {
    sessionId: text("session_id").primaryKey(),
    erasedAt: integer("erased_at").notNull(),
  },
  (t) => [index("erased_sessions_at").on(t.erasedAt)],
);

/** Erasure requests: by a user for themselves, or by an admin for a user or one session. */
export const deletionRequests = sqliteTable(
  "deletion_requests",
  {
    id: text("id").primaryKey(),
    userId: text("user_id"),
    sessionId: text("session_id"),
    requestedBy: text("requested_by").notNull(),
    /** "self" | "admin" */
    source: text("source").notNull(),
    requestedAt: integer("requested_at").notNull(),
    completedAt: integer("completed_at"),
    sessionsErased: integer("sessions_erased").notNull().default(0),
  },
  (t) => [index("deletion_requests_pending").on(t.completedAt, t.requestedAt)],
);

/** Counters per minute; `label` splits one counter (e.g. rejected uploads by error code). */
export const metrics = sqliteTable(
  "metrics",
  {
    minute: integer("minute").notNull(),
    name: text("name").notNull(),
    label: text("label").notNull().default(""),
    value: integer("value").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.minute, t.name, t.label] })],
);

/** Small named values the cron keeps between runs (e.g. where the orphan scan stopped). */
export const opsState = sqliteTable("ops_state", {
  name: text("name").primaryKey(),
  value: text("value").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

/**
 * Sign-in codes already exchanged for an admin token, so each works once. Only the code's random
 * id and expiry: a row is useless after `expires_at`, when the code itself is refused anyway.
 */
export const usedSignInCodes = sqliteTable(
  "used_sign_in_codes",
  {
    id: text("id").primaryKey(),
    usedAt: integer("used_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("used_sign_in_codes_expires").on(t.expiresAt)],
);

/**
 * Who read or changed what (contract §11): ids and times only, never recorded content, tokens or
 * IPs. Kept independently of the sessions it names; the cron prunes old entries.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    at: integer("at").notNull(),
    /** The admin's sub or Access e-mail, the user's sub (pseudonymized once their erasure completes), the share's id; null for the system. */
    actor: text("actor"),
    /** Actor type code (protocol/enums.ts). */
    actorType: integer("actor_type").notNull(),
    /** Action code (protocol/enums.ts). */
    action: integer("action").notNull(),
    sessionId: text("session_id"),
  },
  (t) => [
    checkCode("audit_log_actor_type_code", t.actorType, ACTOR_TYPE_CODES),
    checkCode("audit_log_action_code", t.action, AUDIT_ACTION_CODES),
    index("audit_log_at").on(t.at, t.id),
    index("audit_log_session_at").on(t.sessionId, t.at, t.id),
    index("audit_log_actor_at").on(t.actor, t.at, t.id),
  ],
);

/**
 * Links that open one session's replay without an admin account (contract §10). Only the token's
 * SHA-256 is kept: the token itself is shown once, to the admin who made the link.
 */
export const shareLinks = sqliteTable(
  "share_links",
  {
    id: text("id").primaryKey(),
    sessionId: text("session_id").notNull(),
    /** Hex SHA-256 of the token. */
    tokenHash: text("token_hash").notNull().unique(),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    revokedAt: integer("revoked_at"),
    /** Successful opens. */
    views: integer("views").notNull().default(0),
  },
  (t) => [index("share_links_session").on(t.sessionId, t.createdAt)],
);

/** A session's rage and dead clicks (contract §12); erased with the session. */
export const sessionInsights = sqliteTable(
  "session_insights",
  {
    sessionId: text("session_id").notNull(),
    /** The click's event time (a rage click's first click). */
    at: integer("at").notNull(),
    /** Insight type code (worker/insights/insight-type.ts). */
    type: integer("type").notNull(),
    /** CSS pixels of the viewport. */
    x: integer("x").notNull(),
    y: integer("y").notNull(),
    /** "button 'Pay'": tag and short masked text of the clicked element, if known. */
    label: text("label"),
    /** Clicks in the burst (1 for a dead click). */
    clicks: integer("clicks").notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.at, t.type] })],
);

/**
 * Heatmap clicks counted per page, time bucket, device and cell (2 x 2 percentage points of the
 * viewport, 50 x 50 cells), so a query reads cells, never one row per click. Each click is counted
 * twice: in its hour (`span` 0) and in its UTC day (`span` 1); a range reads whole days from day
 * rows and only its partial days from hour rows. No session id: aggregates of redacted URLs.
 */
export const heatmapCells = sqliteTable(
  "heatmap_cells",
  {
    pageUrl: text("page_url").notNull(),
    /** 0: an hour, 1: a UTC day. */
    span: integer("span").notNull(),
    /** Start of the hour or day, ms since the epoch. */
    bucketStart: integer("bucket_start").notNull(),
    /** Device type code (protocol/enums.ts). */
    device: integer("device").notNull(),
    /** Column 0..49 and row 0..49: x and y in percent, halved and floored. */
    cellX: integer("cell_x").notNull(),
    cellY: integer("cell_y").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.pageUrl, t.span, t.bucketStart, t.device, t.cellX, t.cellY] })],
);

/** Pages with heatmap clicks, for the page picker: one row per page, counts kept as clicks arrive. */
export const heatmapPages = sqliteTable(
  "heatmap_pages",
  {
    pageUrl: text("page_url").primaryKey(),
    clicks: integer("clicks").notNull(),
    /** Event time of the latest click. */
    lastClickAt: integer("last_click_at").notNull(),
    /** The session of the latest click: the admin UI draws the heatmap over its frame of the page. Cleared when it is erased. */
    sampleSessionId: text("sample_session_id"),
  },
  (t) => [index("heatmap_pages_clicks").on(t.clicks)],
);
