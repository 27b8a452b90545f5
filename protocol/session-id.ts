/**
 * A session id in its canonical form: 8-4-4-4-12 lower-case hex. The recorder makes v4 UUIDs, but
 * any such id is accepted (contract: "IDs are strings"); the worker lower-cases what it receives
 * before checking, so one session never has two spellings.
 */
export const SESSION_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether `value` is a session id in canonical (lower-case) form. */
export function isSessionId(value: unknown): value is string {
  return typeof value === "string" && SESSION_ID_PATTERN.test(value);
}
