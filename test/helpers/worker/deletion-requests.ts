import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { callAs, postJson } from "./http";
import { adminToken } from "./admin";
import { TEST_VARS } from "../test-vars";
import { pseudonymizeUserId } from "../../../worker/audit/pseudonymize-actor";

/** What a user's id becomes in the records of their erasure once it completes (the tests' signing secret). */
export function erasedUserId(userId: string): Promise<string> {
  return pseudonymizeUserId(TEST_VARS.REPLAY_SIGNING_SECRET, userId);
}

/** Files POST /api/admin/deletion-requests for `userId` with `token` (a fresh admin token unless told). */
export async function requestUserDeletion(userId: string, token?: string): Promise<Response> {
  return callAs(token ?? (await adminToken()), "/api/admin/deletion-requests", postJson({ userId }));
}

/** Asserts that the deletion request whose `column` is `value` was recorded as `expected` and has completed. */
export async function expectCompletedDeletion(column: "id" | "session_id", value: string, expected: Record<string, unknown>): Promise<void> {
  const row = await env.DB.prepare(`SELECT * FROM deletion_requests WHERE ${column} = ?`).bind(value).first<{ completed_at: number | null }>();
  expect(row).toMatchObject(expected);
  expect(row?.completed_at).not.toBeNull();
}
