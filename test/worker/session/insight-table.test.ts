import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { digestEvents } from "../../../worker/insights/insight-digest";
import { detectInsights, startInsights } from "../../../worker/insights/detect-insights";
import { feedInsights } from "../../../worker/session/chunk-insights";
import { InsightTable } from "../../../worker/session/insight-table";
import { click, mutation, move, NODE, pageStart, T, type SyntheticEvent } from "../../helpers/insight-events";
import { newSessionId } from "../../helpers/worker/events";
import { sessionStub } from "../../helpers/worker/live";

/** The object's real SQLite, with every statement's text kept (to count what a chunk writes). */
function countingSql(sql: SqlStorage) {
  const statements: string[] = [];
  const counted = new Proxy(sql, {
    get(target, key) {
      if (key === "exec")
        return (query: string, ...bindings: SqlStorageValue[]) => {
          statements.push(query);
          return target.exec(query, ...bindings);
        };
      const value = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { sql: counted, statements, writesTo: (table: string) => statements.filter((q) => /^\s*(INSERT|UPDATE|DELETE)/i.test(q) && q.includes(table)).length };
}

function feed(table: InsightTable, seq: number, events: SyntheticEvent[]) {
  feedInsights(table, { seq, insightDigest: digestEvents(events), receivedAt: T + seq * 5_000 }, 0);
}

/** Runs `work` on the storage of a fresh session's object. */
function inObject<R>(work: (sql: SqlStorage) => R): Promise<R> {
  return runInDurableObject(sessionStub(newSessionId()), (_instance, state) => work(state.storage.sql));
}

/** Runs `work` on an insight table over a fresh object's storage, with its statements counted. */
function withCountedTable(work: (table: InsightTable, db: ReturnType<typeof countingSql>) => void): Promise<void> {
  return inObject((sql) => {
    const db = countingSql(sql);
    work(new InsightTable(db.sql), db);
  });
}

describe("the insight table in the session's object", () => {
  it("writes the node map only for chunks that change a tracked node, and the small state once per chunk", async () => {
    await withCountedTable((table, db) => {
      feed(table, 0, pageStart(T));
      expect(db.writesTo("insight_nodes")).toBe(1);
      expect(db.writesTo("insight_state")).toBe(1);

      // Moves, a click on plain text and a text change outside any button: no tracked node changes.
      feed(table, 1, [move(T + 5_000), click(T + 5_100, NODE.text), mutation(T + 5_200)]);
      expect(db.writesTo("insight_nodes")).toBe(1);
      expect(db.writesTo("insight_state")).toBe(2);

      // The Pay button's text changes: its label is in the map.
      feed(table, 2, [mutation(T + 10_000, { texts: [{ id: NODE.payText, value: "Pay now" }] })]);
      expect(db.writesTo("insight_nodes")).toBe(2);
      expect(table.read().state.nodes[NODE.pay]).toMatchObject({ tag: "button", text: "Pay now" });
    });
  });

  it("writes a chunk's clicks and insights with one statement each, and reads them back in order", async () => {
    await withCountedTable((table, db) => {
      // A rage burst of four clicks on plain text: four heatmap clicks and one rage insight.
      const clicks = [0, 200, 400, 600].map((d, i) => click(T + 1_000 + d, NODE.text, 100 + i, 100));
      const expected = detectInsights(digestEvents([...pageStart(T), ...clicks]), startInsights());
      feed(table, 0, [...pageStart(T), ...clicks, move(T + 9_000)]);
      expect(db.writesTo("heatmap_buffer")).toBe(1);
      expect(table.clicks().map(({ receivedAt: _r, ...c }) => c)).toEqual(expected.clicks);
      expect(table.clicks().every((c) => c.receivedAt === T)).toBe(true);
      expect(table.oldestClickAt()).toBe(T);
      // The burst is still open until the next click can no longer join it.
      feed(table, 1, [move(T + 12_000)]);
      expect(db.writesTo("insight_decided")).toBe(1);
      expect(table.decided()).toEqual([expect.objectContaining({ type: "rage_click", clicks: 4, x: 100, y: 100 })]);
      expect(table.hasDecided()).toBe(true);
      table.markWritten({ insights: true, clicks: true });
      expect([table.hasDecided(), table.oldestClickAt(), table.clicks(), table.decided()]).toEqual([false, null, [], []]);
    });
  });

  it("gives the object's next life the same state, clicks and insights as the last one had in memory", async () => {
    await inObject((sql) => {
      const first = new InsightTable(sql);
      feed(first, 0, [...pageStart(T), click(T + 1_000, NODE.help, 50, 60)]);
      feed(first, 1, [mutation(T + 5_000, { texts: [{ id: NODE.payText, value: "Pay later" }] }), move(T + 9_000)]);
      const next = new InsightTable(sql);
      expect(next.read()).toEqual(first.read());
      expect(next.read().state.nodes[NODE.pay]).toMatchObject({ text: "Pay later" });
      expect([next.hasDecided(), next.oldestClickAt(), next.decided(), next.clicks()]).toEqual([
        first.hasDecided(),
        first.oldestClickAt(),
        first.decided(),
        first.clicks(),
      ]);
      expect(next.hasDecided()).toBe(true); // the link click got no answer: dead
    });
  });

  it("reads a state stored before the node map had its own table, and moves the map there on the next write", async () => {
    await inObject((sql) => {
      const legacy = detectInsights(digestEvents(pageStart(T)), startInsights()).state;
      for (const ddl of [
        "CREATE TABLE insight_held (seq INTEGER PRIMARY KEY, digest TEXT NOT NULL)",
        "CREATE TABLE insight_decided (insight TEXT NOT NULL)",
        "CREATE TABLE heatmap_buffer (url TEXT NOT NULL, x REAL NOT NULL, y REAL NOT NULL, at INTEGER NOT NULL, received_at INTEGER NOT NULL)",
        "CREATE TABLE insight_state (id INTEGER PRIMARY KEY CHECK (id = 1), state TEXT NOT NULL, next_seq INTEGER NOT NULL)",
      ])
        sql.exec(ddl);
      sql.exec("INSERT INTO insight_state (id, state, next_seq) VALUES (1, ?, 1)", JSON.stringify(legacy));

      const table = new InsightTable(sql);
      expect(table.read()).toEqual({ state: legacy, nextSeq: 1 });
      feed(table, 1, [move(T + 5_000)]);
      const [row] = sql.exec("SELECT state FROM insight_state").toArray();
      expect(JSON.parse(String(row.state))).not.toHaveProperty("nodes");
      expect(new InsightTable(sql).read().state.nodes).toEqual(legacy.nodes);
    });
  });
});
