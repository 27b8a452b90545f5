import { SELF, createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { app } from "../../../worker/app";

/** Origin the tests call the worker on (the worker's "own" origin for CORS). */
export const BASE = "https://replay.test";
/** The one origin REPLAY_ALLOWED_ORIGINS lists in test-vars.ts. */
export const ALLOWED_ORIGIN = "https://app.example.com";

/** Calls the worker through its real fetch entry (SELF). */
export function call(path: string, init: RequestInit = {}): Promise<Response> {
  return SELF.fetch(new URL(path, BASE), init);
}

/** A POST whose body is `body` as JSON. */
export function postJson(body: unknown): RequestInit {
  return { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
}

/** Calls with `Authorization: Bearer <token>`. */
export function callAs(token: string, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("Authorization", `Bearer ${token}`);
  return call(path, { ...init, headers });
}

/**
 * Runs the Hono app in this isolate with the test env plus `overrides` (config variants such as
 * REPLAY_ENABLED=false), waiting for its background work before returning.
 */
export async function callWithEnv(overrides: Partial<Record<keyof Env, string | undefined>>, request: Request): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await app.fetch(request, { ...env, ...overrides } as Env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

/** A tokenless upload of `{}` run in-isolate with `overrides`: for refusals that come before any look at the request. */
export function emptyUploadWithEnv(overrides: Partial<Record<keyof Env, string | undefined>>): Promise<Response> {
  return callWithEnv(overrides, new Request(`${BASE}/api/replay/upload`, { method: "POST", body: "{}" }));
}

/** The contract's error body. */
export interface ErrorBody {
  error: { code: string; message: string };
}

/** Asserts status, the single error shape and the code; returns the body text for further checks. */
export async function expectError(res: Response, status: number, code: string): Promise<string> {
  const text = await res.text();
  expect({ status: res.status, text }).toMatchObject({ status });
  expect(res.headers.get("Content-Type") ?? "").toMatch(/^application\/json/);
  const body = JSON.parse(text) as ErrorBody;
  expect(Object.keys(body)).toEqual(["error"]);
  expect(Object.keys(body.error).sort()).toEqual(["code", "message"]);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe("string");
  expect(body.error.message.length).toBeGreaterThan(0);
  return text;
}
