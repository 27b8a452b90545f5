import { EventType } from "../../protocol/rrweb";

/** Timestamps before this (2015) are not from a real browser clock. */
export const MIN_TIMESTAMP_MS = 1_420_070_400_000;
/** Longest Meta `href` an event may carry. */
export const META_HREF_MAX_CHARS = 8_192;
/** Highest IncrementalSnapshot `source` (rrweb's IncrementalSource). */
export const INCREMENTAL_SOURCE_MAX = 20;

type Fields = Record<string, unknown>;

const isObject = (v: unknown): v is Fields => typeof v === "object" && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** What each common event type's `data` must be, as parse-upload.ts's schema says. */
const DATA_CHECKS: Partial<Record<number, (data: Fields) => boolean>> = {
  [EventType.DomContentLoaded]: () => true,
  [EventType.Load]: () => true,
  [EventType.FullSnapshot]: (d) => isObject(d.node) && isObject(d.initialOffset) && isNumber(d.initialOffset.top) && isNumber(d.initialOffset.left),
  [EventType.IncrementalSnapshot]: (d) => Number.isSafeInteger(d.source) && (d.source as number) >= 0 && (d.source as number) <= INCREMENTAL_SOURCE_MAX,
  [EventType.Meta]: (d) => typeof d.href === "string" && d.href.length <= META_HREF_MAX_CHARS && isNumber(d.width) && isNumber(d.height),
};

/**
 * Whether an event is surely valid by parse-upload.ts's event schema: the common types checked by
 * hand, because running zod on every event was ~10 % of an upload's CPU (issue 10). Only ever says
 * yes to what the schema accepts (a test holds the two together); for anything else (a Custom
 * event, a bad one) the schema decides and words the error.
 */
export function isPlainEvent(raw: unknown): raw is Fields & { timestamp: number; type: number } {
  if (!isObject(raw) || !Number.isSafeInteger(raw.timestamp) || (raw.timestamp as number) < MIN_TIMESTAMP_MS) return false;
  if ("delay" in raw && raw.delay !== undefined && !isNumber(raw.delay)) return false;
  const check = typeof raw.type === "number" ? DATA_CHECKS[raw.type] : undefined;
  return check !== undefined && isObject(raw.data) && check(raw.data);
}
