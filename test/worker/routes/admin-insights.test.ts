import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { database } from "../../../worker/db/client";
import { addSessionInsights, MAX_INSIGHTS_PER_SESSION, type StoredInsight } from "../../../worker/db/insight-queries";
import { adminFetch, adminGet, type SessionDetail, type SessionPage } from "../../helpers/worker/admin";
import { T0 } from "../../helpers/worker/events";
import { seedSession } from "../../helpers/worker/seed";

const rage = (at: number): StoredInsight => ({ type: "rage_click", at, x: 100, y: 200, label: "button 'Pay'", clicks: 4 });
const dead = (at: number): StoredInsight => ({ type: "dead_click", at, x: 300, y: 40, label: "a 'Help'", clicks: 1 });

type Counted = { id: string; rageClicks: number; deadClicks: number };

describe("insights in the admin session API", () => {
  let calm: string;
  let angry: string;
  let lost: string;
  beforeAll(async () => {
    calm = await seedSession("insights-user", T0, 1);
    angry = await seedSession("insights-user", T0 + 60_000, 1);
    lost = await seedSession("insights-user", T0 + 120_000, 1);
    const db = database(env.DB);
    await addSessionInsights(db, angry, [dead(T0 + 61_000), rage(T0 + 60_500)]);
    // A retry of the same batch adds nothing.
    await addSessionInsights(db, angry, [dead(T0 + 61_000)]);
    await addSessionInsights(db, lost, [dead(T0 + 121_000)]);
  });

  it("lists rageClicks and deadClicks, and keeps only frustrated sessions with frustrated=true", async () => {
    const counts = (page: SessionPage) => (page.sessions as unknown as Counted[]).map((s) => [s.id, s.rageClicks, s.deadClicks]);
    const all = await adminGet<SessionPage>("/api/admin/sessions?userId=insights-user");
    expect(counts(all.body)).toEqual([
      [lost, 0, 1],
      [angry, 1, 1],
      [calm, 0, 0],
    ]);
    const frustrated = await adminGet<SessionPage>("/api/admin/sessions?userId=insights-user&frustrated=true");
    expect(counts(frustrated.body).map(([id]) => id)).toEqual([lost, angry]);
    expect((await adminFetch("/api/admin/sessions?frustrated=yes")).status).toBe(400);
  });

  it("shows a session's insights in time order in its detail", async () => {
    const { body } = await adminGet<SessionDetail & { insights: StoredInsight[] }>(`/api/admin/sessions/${angry}`);
    expect(body.insights).toEqual([rage(T0 + 60_500), dead(T0 + 61_000)]);
    expect((await adminGet<{ insights: unknown[] }>(`/api/admin/sessions/${calm}`)).body.insights).toEqual([]);
  });

  it("keeps at most MAX_INSIGHTS_PER_SESSION per session", async () => {
    const busy = await seedSession("insights-busy", T0, 1);
    const many = Array.from({ length: MAX_INSIGHTS_PER_SESSION + 50 }, (_, i) => dead(T0 + i));
    await addSessionInsights(database(env.DB), busy, many.slice(0, MAX_INSIGHTS_PER_SESSION - 10));
    await addSessionInsights(database(env.DB), busy, many.slice(MAX_INSIGHTS_PER_SESSION - 10));
    const { body } = await adminGet<{ deadClicks: number }>(`/api/admin/sessions/${busy}`);
    expect(body.deadClicks).toBe(MAX_INSIGHTS_PER_SESSION);
  });

  it("erases a session's insights with it, and writes none for an erased session", async () => {
    expect((await adminFetch(`/api/admin/sessions/${lost}`, { method: "DELETE" })).status).toBe(200);
    await addSessionInsights(database(env.DB), lost, [rage(T0 + 125_000)]);
    const left = await env.DB.prepare("SELECT COUNT(*) AS n FROM session_insights WHERE session_id = ?").bind(lost).first<{ n: number }>();
    expect(left?.n).toBe(0);
  });
});
