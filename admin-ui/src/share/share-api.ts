import * as z from "zod/mini";
import { fetchParsed } from "../api/api-error";

// The share page's only API (contract §10): the token in the path is the credential, so nothing
// else is sent, and this bundle holds no admin client and no admin token.

const sharedChunk = z.object({ seq: z.number(), startedAt: z.number(), endedAt: z.number(), url: z.string() });

/** GET /api/share/:token's answer. */
export const sharedSession = z.object({
  session: z.object({
    id: z.string(),
    startedAt: z.nullable(z.number()),
    endedAt: z.nullable(z.number()),
    meta: z.object({ viewport: z.optional(z.object({ width: z.number(), height: z.number() })) }),
  }),
  chunks: z.array(sharedChunk),
  expiresAt: z.number(),
  /** This open's opaque view value: sent back on refreshes so they do not count as new opens. */
  view: z.optional(z.string()),
});

export type SharedSession = z.infer<typeof sharedSession>;

/** The token of a `/share/<token>` path, or "" when the path has none. */
export function tokenFromPath(pathname: string): string {
  return /^\/share\/([^/]+)\/?$/.exec(pathname)?.[1] ?? "";
}

/** Request header that carries an earlier answer's `view` (worker/routes/share.ts). */
const SHARE_VIEW_HEADER = "Share-View";

/**
 * Opens a share link: the session and its chunks' short-lived signed URLs. `view`, the value of
 * this page load's first answer, makes it a refresh of that open (not counted as another view).
 */
export function fetchSharedSession(token: string, view?: string): Promise<SharedSession> {
  const headers: Record<string, string> = { Accept: "application/json", ...(view ? { [SHARE_VIEW_HEADER]: view } : {}) };
  const init: RequestInit = { headers, credentials: "omit" };
  return fetchParsed(`/api/share/${encodeURIComponent(token)}`, sharedSession, init, "the share link");
}

/** When the listed chunk URLs stop working: the earliest `exp` their signatures carry (ms). */
export function urlsExpireAt(chunks: Array<{ url: string }>): number | undefined {
  const times = chunks.map((c) => Number(new URL(c.url, "http://x").searchParams.get("exp"))).filter((t) => Number.isFinite(t) && t > 0);
  return times.length ? Math.min(...times) : undefined;
}
