import * as z from "zod/mini";
import { ACTOR_TYPES, AUDIT_ACTIONS, DEVICE_TYPES } from "../../../protocol/enums";

// Shapes of the admin API (contract §5) as this UI reads them. Parsed at the boundary so a
// changed API shows a clear error instead of a half-rendered page.

const viewport = z.object({ width: z.number(), height: z.number() });

/** Session meta as the recorder sent it; every field optional (older rows may lack some). */
export const sessionMeta = z.looseObject({
  ua: z.optional(z.string()),
  viewport: z.optional(viewport),
  url: z.optional(z.string()),
});

/** The session's device type, from the recorded user agent (contract §5); optional so an older worker's answers still read. */
export const deviceType = z.optional(z.enum(DEVICE_TYPES));

/** What a session or a chunk weighs: stored bytes, and events where the server counts them. */
const weight = { bytes: z.number(), eventCount: z.optional(z.number()) };

export const sessionSummary = z.object({
  id: z.string(),
  userId: z.string(),
  startedAt: z.nullable(z.number()),
  endedAt: z.nullable(z.number()),
  status: z.enum(["live", "ended"]),
  meta: sessionMeta,
  chunkCount: z.number(),
  lastUrl: z.optional(z.nullable(z.string())),
  device: deviceType,
  rageClicks: z.optional(z.number()),
  deadClicks: z.optional(z.number()),
  ...weight,
});
export type SessionSummary = z.infer<typeof sessionSummary>;

/** A list page's cursor to the next older page; null on the last one. */
const nextCursor = z.nullable(z.string());

export const sessionList = z.object({ sessions: z.array(sessionSummary), nextCursor });
export type SessionList = z.infer<typeof sessionList>;

export const chunkRef = z.object({
  seq: z.number(),
  startedAt: z.number(),
  endedAt: z.number(),
  hasFullSnapshot: z.optional(z.boolean()),
  url: z.string(),
  ...weight,
});
export type ChunkRef = z.infer<typeof chunkRef>;

/** A rage or dead click (contract §12); `label` names the element ("button 'Pay'") when the server knew it. */
export const insight = z.object({
  type: z.enum(["rage_click", "dead_click"]),
  at: z.number(),
  x: z.number(),
  y: z.number(),
  label: z.optional(z.nullable(z.string())),
  clicks: z.optional(z.number()),
});
export type Insight = z.infer<typeof insight>;

export const sessionDetail = z.extend(sessionSummary, {
  chunks: z.array(chunkRef),
  insights: z.optional(z.array(insight)),
  urlsExpireAt: z.optional(z.number()),
});
export type SessionDetail = z.infer<typeof sessionDetail>;

export const me = z.object({ userId: z.string(), isAdmin: z.boolean(), via: z.string() });
export type Me = z.infer<typeof me>;

const minute = z.object({ minute: z.number(), events: z.number(), uploads: z.number(), bytes: z.number(), rejected: z.number(), captureErrors: z.number() });
export type MinuteCounts = z.infer<typeof minute>;

export const metrics = z.object({
  window: z.object({ from: z.number(), to: z.number(), minutes: z.number() }),
  eventsPerMinute: z.number(),
  uploads: z.number(),
  bytes: z.number(),
  events: z.number(),
  captureFailures: z.number(),
  rejected: z.number(),
  rejectedByCode: z.record(z.string(), z.number()),
  lifecycle: z.optional(z.object({ retentionErased: z.number(), deletionErased: z.number(), orphansReaped: z.number() })),
  perMinute: z.array(minute),
});
export type Metrics = z.infer<typeof metrics>;

/** One audit log entry (contract §11): ids and times only. */
export const auditEntry = z.object({
  id: z.string(),
  at: z.number(),
  actor: z.nullable(z.string()),
  actorType: z.enum(ACTOR_TYPES),
  action: z.enum(AUDIT_ACTIONS),
  sessionId: z.nullable(z.string()),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const auditPage = z.object({ entries: z.array(auditEntry), nextCursor });
export type AuditPage = z.infer<typeof auditPage>;

/** A share link as the admin API lists it (contract §10): never its token. */
export const shareLink = z.object({
  id: z.string(),
  createdBy: z.string(),
  createdAt: z.number(),
  expiresAt: z.number(),
  revokedAt: z.nullable(z.number()),
  views: z.number(),
});
export type ShareLink = z.infer<typeof shareLink>;

export const shareList = z.object({ shares: z.array(shareLink) });

/** A link just made: its URL (holding the token) is in this answer only. */
export const createdShare = z.object({ id: z.string(), url: z.string(), expiresAt: z.number() });
export type CreatedShare = z.infer<typeof createdShare>;

export const heatmap = z.object({
  url: z.string(),
  clicks: z.number(),
  points: z.array(z.object({ x: z.number(), y: z.number(), count: z.number() })),
});
export type Heatmap = z.infer<typeof heatmap>;

export const heatmapPages = z.object({
  pages: z.array(z.object({ url: z.string(), clicks: z.number(), lastClickAt: z.number(), sampleSessionId: z.nullable(z.string()) })),
});
export type HeatmapPage = z.infer<typeof heatmapPages>["pages"][number];

export const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
