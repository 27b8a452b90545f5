import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { sessionStub } from "./live";

/**
 * Has the session's object write what D1's index still lacks (its pending rows and summary), as
 * its end alarm does once chunks stop: tests that read D1 right after uploading call this first.
 */
export async function flushIndex(sessionId: string): Promise<void> {
  await sessionStub(sessionId).flushNow();
}

/** D1 write statements the session's object has sent so far (claim and index flushes). */
export function indexStatements(sessionId: string): Promise<number> {
  return sessionStub(sessionId).indexStatements();
}

/**
 * Gives the session's object other bindings (a D1 or R2 that fails) until it is evicted or
 * `restore` is called: the object, not the upload worker, talks to storage now.
 */
export async function withObjectBindings(sessionId: string, overrides: Partial<Env>): Promise<{ restore: () => Promise<void> }> {
  const stub = sessionStub(sessionId);
  await runInDurableObject(stub, (instance) => {
    Reflect.set(instance, "env", { ...env, ...overrides });
  });
  return { restore: () => runInDurableObject(stub, (instance) => void Reflect.set(instance, "env", env)) };
}
