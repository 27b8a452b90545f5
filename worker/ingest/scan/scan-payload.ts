import type { Redactor } from "./redactor";
import { isRecord, scanAttributeValue } from "./scan-node";

// Base64 of images, fonts and canvas buffers is content, not text: patterns would only misfire on it.
const DATA_URL = /^\s*data:/i;
const BINARY_KEYS = new Set(["base64"]);

function scanString(key: string | null, value: string, r: Redactor): string {
  if (!value || (key !== null && BINARY_KEYS.has(key)) || DATA_URL.test(value)) return value;
  return key === null ? r.text(value) : scanAttributeValue(key, value, r);
}

/**
 * Scans free-form event data in place: custom events' payloads, canvas commands, console logs and
 * any other shape a recorder may send. Every string is redacted by its key as if it were an
 * attribute (`href`, `src`, `url` by the URL policy, the rest by the text patterns); strings in
 * arrays by the text patterns. Keys, numbers and booleans are left alone.
 */
export function scanPayload(root: unknown, r: Redactor): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item = value[i];
        if (typeof item === "string") value[i] = scanString(null, item, r);
        else if (typeof item === "object" && item !== null) stack.push(item);
      }
    } else if (isRecord(value)) {
      for (const key of Object.keys(value)) {
        const item = value[key];
        if (typeof item === "string") value[key] = scanString(key, item, r);
        else if (typeof item === "object" && item !== null) stack.push(item);
      }
    }
  }
}
