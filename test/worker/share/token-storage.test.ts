import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { hashShareToken } from "../../../worker/share/token";
import { seedSession } from "../../helpers/worker/seed";
import { MINUTE_MS } from "../../helpers/worker/time";
import { createShareLink, openShareLink, seedSharedSession } from "../../helpers/worker/share";

/** Every value of every row of every table the product keeps in D1, as text. */
async function everyStoredValue(): Promise<string[]> {
  const { results: tables } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
  ).all<{ name: string }>();
  expect(tables.map((t) => t.name)).toContain("share_links");
  const values: string[] = [];
  for (const { name } of tables) {
    const { results } = await env.DB.prepare(`SELECT * FROM "${name}"`).all<Record<string, unknown>>();
    for (const row of results) for (const value of Object.values(row)) values.push(String(value));
  }
  return values;
}

describe("share tokens at rest", () => {
  it("keeps no copy of the token in any column of any table, only its SHA-256, by which the link is found", async () => {
    const { sessionId, share } = await seedSharedSession("token-owner");
    expect(share.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await openShareLink(share.token)).status).toBe(200);

    const values = await everyStoredValue();
    expect(values.filter((v) => v.includes(share.token))).toEqual([]);
    // Not even its raw bytes in another spelling (standard base64).
    const standard = share.token.replace(/-/g, "+").replace(/_/g, "/");
    expect(values.filter((v) => v.includes(standard))).toEqual([]);

    const row = await env.DB.prepare("SELECT token_hash, session_id, views FROM share_links WHERE id = ?")
      .bind(share.id)
      .first<{ token_hash: string; session_id: string; views: number }>();
    expect(row).toEqual({ token_hash: await hashShareToken(share.token), session_id: sessionId, views: 1 });
    expect(row?.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("gives every link its own token", async () => {
    const sessionId = await seedSession("token-owner", Date.now() - MINUTE_MS);
    const tokens = new Set<string>();
    for (let i = 0; i < 5; i++) tokens.add((await createShareLink(sessionId)).token);
    expect(tokens.size).toBe(5);
  });
});
