import { env } from "cloudflare:workers";

/**
 * The test D1 binding, except that `before` runs just ahead of its `n`-th batch (1-based): to
 * simulate an outage (throw) or something another request did in between (write to env.DB).
 * Upload makes its batches in order: 1 read the session's state, 2 claim it, 3 index the chunk.
 */
export function d1BeforeBatch(n: number, before: () => unknown | Promise<unknown>): D1Database {
  let calls = 0;
  return new Proxy(env.DB, {
    get(target, prop) {
      if (prop === "batch") {
        return async (statements: D1PreparedStatement[]) => {
          if (++calls === n) await before();
          return target.batch(statements);
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** The test D1 binding, recording the SQL of every statement prepared through it (to count writes). */
export function d1Recording(): { binding: D1Database; statements: string[] } {
  const statements: string[] = [];
  const binding = new Proxy(env.DB, {
    get(target, prop) {
      if (prop === "prepare") {
        return (query: string) => {
          statements.push(query);
          return target.prepare(query);
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { binding, statements };
}

/** The test D1 binding, except that statements whose SQL matches `pattern` fail, as in an outage of that table. */
export function d1FailingOn(pattern: RegExp): D1Database {
  return new Proxy(env.DB, {
    get(target, prop) {
      if (prop === "prepare") {
        return (query: string) => {
          if (pattern.test(query)) throw new Error("D1_ERROR: no such table (simulated)");
          return target.prepare(query);
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
