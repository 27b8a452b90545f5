/** Whether a value read from outside (an event, storage, another tab) is a plain object: such values are seen structurally, a field may be anything. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
