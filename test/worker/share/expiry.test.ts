import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { readConfig } from "../../../worker/config";
import { database } from "../../../worker/db/client";
import { createShare } from "../../../worker/share/create-share";
import { openShare } from "../../../worker/share/open-share";
import { ApiError } from "../../../worker/errors";
import { seedSessionAt } from "../../helpers/worker/ingest-at";
import { BASE } from "../../helpers/worker/http";
import { DAY_MS, MINUTE_MS, SECOND_MS } from "../../helpers/worker/time";
import { createShareLink } from "../../helpers/worker/share";

/** The test's REPLAY_RETENTION_DAYS (wrangler.toml's 14). */
const RETENTION_DAYS = readConfig(env).retentionDays;
/** seedSessionAt's two chunks arrive 5 s apart: the last one drives retention. */
const LAST_CHUNK_AFTER_MS = 5 * SECOND_MS;

/** Opens `token` with the server's clock at `now`: the share route's own function (workerd has no fake clock). */
function openAt(token: string, now: number) {
  return openShare(env, database(env.DB), readConfig(env), { token, view: undefined, origin: BASE }, now);
}

async function expectNotFound(open: Promise<unknown>) {
  const err = await open.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  expect(err).toMatchObject({ status: 404, code: "share_not_found" });
}

describe("share link expiry", () => {
  it("opens until the instant before expiresAt and never from expiresAt on", async () => {
    const sessionId = await seedSessionAt(Date.now() - MINUTE_MS, "expiry-user");
    const created = Date.now();
    const share = await createShare(database(env.DB), { sessionId, ttlSeconds: 3600, createdBy: "root", retentionDays: RETENTION_DAYS }, created);
    if (!share) throw new Error("no share made");
    expect(share.expiresAt).toBe(created + 3600 * SECOND_MS);

    const open = await openAt(share.token, share.expiresAt - 1);
    expect(open.body.expiresAt).toBe(share.expiresAt);
    // Chunk URLs of a link about to expire do not outlive it.
    for (const chunk of open.body.chunks) expect(Number(new URL(chunk.url).searchParams.get("exp"))).toBe(share.expiresAt);
    await expectNotFound(openAt(share.token, share.expiresAt));
    await expectNotFound(openAt(share.token, share.expiresAt + DAY_MS));
  });

  it("caps expiresAt at the session's retention end (its last chunk + REPLAY_RETENTION_DAYS)", async () => {
    const now = Date.now();
    // Received 13.5 days ago: half a day of retention is left, less than a day's or a week's link.
    const receivedAt = now - RETENTION_DAYS * DAY_MS + DAY_MS / 2;
    const sessionId = await seedSessionAt(receivedAt, "retention-cap-user");
    const retentionEnd = receivedAt + LAST_CHUNK_AFTER_MS + RETENTION_DAYS * DAY_MS;
    for (const ttlSeconds of [86_400, 604_800]) expect((await createShareLink(sessionId, ttlSeconds)).expiresAt).toBe(retentionEnd);
    // A link shorter than what is left keeps its own lifetime.
    const before = Date.now();
    const hour = await createShareLink(sessionId, 3600);
    expect(hour.expiresAt).toBeGreaterThanOrEqual(before + 3600 * SECOND_MS);
    expect(hour.expiresAt).toBeLessThan(retentionEnd);
  });
});
