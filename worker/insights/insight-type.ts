/**
 * Insight types stored as small integers (contract §4), with the only conversions between names
 * and codes. Codes are append-only; 0 means unknown. At merge this joins protocol/enums.ts.
 */
export const INSIGHT_TYPE_CODES = { unknown: 0, rage_click: 1, dead_click: 2 } as const;

/** An insight type as the API names it. */
export type InsightType = Exclude<keyof typeof INSIGHT_TYPE_CODES, "unknown">;

/** Insight type name → stored code. */
export function convertInsightTypeToNumber(name: InsightType): number {
  return INSIGHT_TYPE_CODES[name];
}

/** Stored code → insight type name; throws on a code no version wrote. */
export function convertInsightTypeToString(code: number): InsightType {
  if (code === INSIGHT_TYPE_CODES.rage_click) return "rage_click";
  if (code === INSIGHT_TYPE_CODES.dead_click) return "dead_click";
  throw new RangeError(`Unknown insight type code: ${code}`);
}
