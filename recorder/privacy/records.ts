/** Whether a value from an event is a plain object (events are seen structurally: a field may be anything). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
