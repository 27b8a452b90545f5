import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { PSEUDONYM_PREFIX, pseudonymizeUserId } from "../../../worker/audit/pseudonymize-actor";
import { mintToken } from "../../helpers/tokens";
import { auditRowsMentioning, describeEntry, listAudit } from "../../helpers/worker/audit";
import { BASE, callWithEnv } from "../../helpers/worker/http";
import { newSessionId } from "../../helpers/worker/events";
import { seedSession } from "../../helpers/worker/seed";
import { TEST_VARS } from "../../helpers/test-vars";
import { MINUTE_MS } from "../../helpers/worker/time";

/** A user's own DELETE /api/replay/me, run in this isolate so its erasure has finished when it returns. */
async function eraseMe(userId: string) {
  const req = new Request(`${BASE}/api/replay/me`, { method: "DELETE", headers: { Authorization: `Bearer ${await mintToken(userId)}` } });
  const res = await callWithEnv({}, req);
  expect(res.status).toBe(202);
}

describe("a user's erasure and the audit entries naming them", () => {
  it("records their request with their sub, then replaces the sub by a keyed pseudonym once it completes", async () => {
    const user = `pseudo-${newSessionId()}`;
    const sessionId = await seedSession(user, Date.now() - MINUTE_MS);
    await eraseMe(user);

    const pseudonym = await pseudonymizeUserId(TEST_VARS.REPLAY_SIGNING_SECRET, user);
    expect(pseudonym.startsWith(PSEUDONYM_PREFIX)).toBe(true);
    expect(pseudonym).not.toContain(user);
    expect(await auditRowsMentioning(user)).toBe(0);
    expect((await listAudit({ actor: user })).entries).toEqual([]);
    expect((await listAudit({ actor: pseudonym })).entries.map(describeEntry)).toEqual([
      { action: "deletion_requested", actorType: "user", actor: pseudonym, sessionId: null },
    ]);
    // The completion still names the erased session: its id is random and says nothing of the user.
    expect((await listAudit({ sessionId })).entries.map(describeEntry)).toEqual([
      { action: "deletion_completed", actorType: "system", actor: null, sessionId },
    ]);
  });

  it("gives the same user the same pseudonym each time, and another user another", async () => {
    const user = `pseudo-twice-${newSessionId()}`;
    await eraseMe(user);
    await eraseMe(user);
    const pseudonym = await pseudonymizeUserId(TEST_VARS.REPLAY_SIGNING_SECRET, user);
    expect((await listAudit({ actor: pseudonym })).entries).toHaveLength(2);
    expect(await pseudonymizeUserId(TEST_VARS.REPLAY_SIGNING_SECRET, `${user}x`)).not.toBe(pseudonym);
    expect(await pseudonymizeUserId("another-secret-0123456789abcdefghijklmnop", user)).not.toBe(pseudonym);
  });

  it("leaves admins' entries and other users' entries as they were", async () => {
    const user = `pseudo-self-${newSessionId()}`;
    const bystander = `pseudo-bystander-${newSessionId()}`;
    const sessionId = await seedSession(bystander, Date.now() - MINUTE_MS);
    // An admin whose sub happens to equal the erased user's: an admin entry is not the user's.
    await env.DB.prepare("INSERT INTO audit_log (id, at, actor, actor_type, action, session_id) VALUES (?, ?, ?, 1, 1, ?)")
      .bind(crypto.randomUUID(), Date.now(), user, sessionId)
      .run();
    await env.DB.prepare("INSERT INTO audit_log (id, at, actor, actor_type, action, session_id) VALUES (?, ?, ?, 2, 3, NULL)")
      .bind(crypto.randomUUID(), Date.now(), bystander)
      .run();
    await eraseMe(user);
    expect((await listAudit({ actor: user })).entries.map(describeEntry)).toEqual([{ action: "session_viewed", actorType: "admin", actor: user, sessionId }]);
    expect((await listAudit({ actor: bystander })).entries).toHaveLength(1);
  });
});
