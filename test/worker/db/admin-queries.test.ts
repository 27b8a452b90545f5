import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { database } from "../../../worker/db/client";
import { listSessions } from "../../../worker/db/admin-queries";
import { listErasingSessions } from "../../../worker/db/erasure-queries";

/** env.DB, keeping the text and bound values of every statement drizzle prepares through it. */
function recordingD1() {
  const statements: Array<{ sql: string; params: unknown[] }> = [];
  const d1 = new Proxy(env.DB, {
    get(target, key) {
      if (key === "prepare")
        return (query: string) => {
          const entry = { sql: query, params: [] as unknown[] };
          statements.push(entry);
          const statement = target.prepare(query);
          return new Proxy(statement, {
            get(s, k) {
              if (k === "bind")
                return (...params: unknown[]) => {
                  entry.params = params;
                  return s.bind(...params);
                };
              const value = Reflect.get(s, k, s);
              return typeof value === "function" ? value.bind(s) : value;
            },
          });
        };
      const value = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { d1, statements };
}

/** SQLite's plan for a statement, one detail line per step. */
async function planOf(statement: { sql: string; params: unknown[] }) {
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${statement.sql}`)
    .bind(...statement.params)
    .all<{ detail: string }>();
  return results.map((r) => r.detail);
}

/** The plan of the first statement `run` sends through a recording binding. */
async function planOfFirst(run: (db: ReturnType<typeof database>) => Promise<unknown>) {
  const { d1, statements } = recordingD1();
  await run(database(d1 as D1Database));
  const [first] = statements;
  expect(first?.sql).toMatch(/^select/);
  return (await planOf(first)).join("\n");
}

describe("the session list's queries", () => {
  it.each([
    ["newest", "sessions_started"],
    ["frustration", "sessions_frustration"],
  ] as const)("pages sort=%s through an index (%s) without sorting the table", async (sort, index) => {
    for (const cursor of [undefined, { values: sort === "newest" ? [Date.now()] : [3, Date.now()], id: "~" }]) {
      const plan = await planOfFirst((db) => listSessions(db, { sort, limit: 50, cursor }));
      expect(plan).toContain(index);
      expect(plan).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
    }
  });

  it.each([
    ["a user's", { userId: "u1" }, "sessions_user_started"],
    ["a device type's", { device: 2 }, "sessions_device_started"],
  ] as const)("pages %s sessions, newest first, through their index", async (_who, filter, index) => {
    const plan = await planOfFirst((db) => listSessions(db, { ...filter, limit: 50 }));
    expect(plan).toContain(index);
    expect(plan).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
  });

  it("finds the sessions being erased through the partial index of them, in erasure order", async () => {
    const plan = await planOfFirst((db) => listErasingSessions(db, 20));
    expect(plan).toContain("sessions_erased");
    expect(plan).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
  });
});
