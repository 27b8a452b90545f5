import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { database } from "../../../worker/db/client";
import { addSessionInsights, type StoredInsight } from "../../../worker/db/insight-queries";
import { adminGet, adminToken, listAllPages, type SessionPage } from "../../helpers/worker/admin";
import { chunkEvents, T0 } from "../../helpers/worker/events";
import { callAs, expectError } from "../../helpers/worker/http";
import { seedSession, upload } from "../../helpers/worker/seed";

const MIN = 60_000;
const USER = "sort-user";
const MOBILE_UA = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36";

const rage = (at: number): StoredInsight => ({ type: "rage_click", at, x: 1, y: 2, label: "button 'Pay'", clicks: 4 });
const dead = (at: number): StoredInsight => ({ type: "dead_click", at, x: 3, y: 4, label: "a 'Help'", clicks: 1 });

interface Seeded {
  id: string;
  startedAt: number;
  score: number;
  mobile: boolean;
}

describe("GET /api/admin/sessions?sort=", () => {
  const seeded: Seeded[] = [];
  beforeAll(async () => {
    // Ties on purpose: equal scores at different starts, and equal score and start (the id decides).
    const plan = [
      { minute: 0, rage: 0, dead: 0 },
      { minute: 1, rage: 1, dead: 1 },
      { minute: 1, rage: 0, dead: 2 },
      { minute: 2, rage: 2, dead: 0 },
      { minute: 3, rage: 0, dead: 1 },
      { minute: 3, rage: 0, dead: 0 },
      { minute: 4, rage: 2, dead: 1 },
      { minute: 5, rage: 1, dead: 0, mobile: true },
      { minute: 6, rage: 0, dead: 0, mobile: true },
    ];
    const db = database(env.DB);
    for (const p of plan) {
      const start = T0 + p.minute * MIN;
      let id: string;
      if (p.mobile) {
        id = crypto.randomUUID();
        const res = await upload(USER, id, 0, chunkEvents(start, 4_999, { checkout: true }), { ua: MOBILE_UA, viewport: { width: 412, height: 915 } });
        expect(res.status).toBe(200);
      } else {
        id = await seedSession(USER, start, 1);
      }
      const insights = [...Array.from({ length: p.rage }, (_, i) => rage(start + 100 + i)), ...Array.from({ length: p.dead }, (_, i) => dead(start + 200 + i))];
      if (insights.length) await addSessionInsights(db, id, insights);
      seeded.push({ id, startedAt: start, score: p.rage + p.dead, mobile: !!p.mobile });
    }
  }, 30_000);

  const byFrustration = (keep: (s: Seeded) => boolean = () => true) =>
    seeded
      .filter(keep)
      .sort((a, b) => b.score - a.score || b.startedAt - a.startedAt || (a.id < b.id ? 1 : -1))
      .map((s) => s.id);
  const byNewest = () => [...seeded].sort((a, b) => b.startedAt - a.startedAt || (a.id < b.id ? 1 : -1)).map((s) => s.id);
  const ids = (page: SessionPage) => page.sessions.map((s) => s.id);

  it("sorts most rage + dead clicks first, then newest, then by id", async () => {
    const { status, body } = await adminGet<SessionPage>(`/api/admin/sessions?userId=${USER}&sort=frustration`);
    expect(status).toBe(200);
    expect(ids(body)).toEqual(byFrustration());
    const counts = (body.sessions as unknown as Array<{ rageClicks: number; deadClicks: number }>).map((s) => s.rageClicks + s.deadClicks);
    expect(counts).toEqual([3, 2, 2, 2, 1, 1, 0, 0, 0]);
  });

  it("keeps newest first as the default and for sort=newest", async () => {
    expect(ids((await adminGet<SessionPage>(`/api/admin/sessions?userId=${USER}`)).body)).toEqual(byNewest());
    expect(ids((await adminGet<SessionPage>(`/api/admin/sessions?userId=${USER}&sort=newest`)).body)).toEqual(byNewest());
    expect(ids((await adminGet<SessionPage>(`/api/admin/sessions?userId=${USER}&sort=`)).body)).toEqual(byNewest());
  });

  for (const limit of [1, 2, 4]) {
    it(`pages the frustration order with limit=${limit} without repeating or skipping, across ties`, async () => {
      const { ids: all, pages } = await listAllPages({ userId: USER, sort: "frustration", limit });
      expect(all).toEqual(byFrustration());
      expect(pages).toBe(Math.ceil(seeded.length / limit));
    });
  }

  it("combines with frustrated=true, device and from/to, also across pages", async () => {
    expect((await listAllPages({ userId: USER, sort: "frustration", frustrated: "true", limit: 2 })).ids).toEqual(byFrustration((s) => s.score > 0));
    expect((await listAllPages({ userId: USER, sort: "frustration", device: "mobile", limit: 1 })).ids).toEqual(byFrustration((s) => s.mobile));
    // Sessions last 5 s: [T0 + 1 min, T0 + 3 min] overlaps the ones starting at minutes 1 to 3.
    const inRange = (s: Seeded) => s.startedAt >= T0 + MIN && s.startedAt <= T0 + 3 * MIN;
    const ranged = await listAllPages({ userId: USER, sort: "frustration", from: T0 + MIN, to: T0 + 3 * MIN, limit: 2 });
    expect(ranged.ids).toEqual(byFrustration(inRange));
  });

  it("refuses an unknown sort, and a cursor of the other order, with 400", async () => {
    const token = await adminToken();
    for (const sort of ["loudest", "Frustration", "newest,frustration"]) {
      await expectError(await callAs(token, `/api/admin/sessions?sort=${encodeURIComponent(sort)}`), 400, "bad_request");
    }
    const frustrationCursor = (await adminGet<SessionPage>(`/api/admin/sessions?userId=${USER}&sort=frustration&limit=1`)).body.nextCursor;
    const newestCursor = (await adminGet<SessionPage>(`/api/admin/sessions?userId=${USER}&limit=1`)).body.nextCursor;
    expect(frustrationCursor).not.toBeNull();
    expect(newestCursor).not.toBeNull();
    await expectError(await callAs(token, `/api/admin/sessions?userId=${USER}&cursor=${frustrationCursor}`), 400, "bad_request");
    await expectError(await callAs(token, `/api/admin/sessions?userId=${USER}&sort=newest&cursor=${frustrationCursor}`), 400, "bad_request");
    await expectError(await callAs(token, `/api/admin/sessions?userId=${USER}&sort=frustration&cursor=${newestCursor}`), 400, "bad_request");
    await expectError(await callAs(token, `/api/admin/audit?cursor=${frustrationCursor}`), 400, "bad_request");
  });
});
