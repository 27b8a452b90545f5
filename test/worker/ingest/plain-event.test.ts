import { describe, expect, it } from "vitest";
import { eventSchema } from "../../../worker/ingest/parse-upload";
import { isPlainEvent } from "../../../worker/ingest/plain-event";
import { EventType } from "../../../protocol/rrweb";

const TS = 1_700_000_000_000;
/** One valid event of each type the hand check covers, plus a Custom one it leaves to the schema. */
const VALID: Record<string, unknown>[] = [
  { type: EventType.DomContentLoaded, data: {}, timestamp: TS },
  { type: EventType.Load, data: {}, timestamp: TS, delay: 3 },
  { type: EventType.Meta, data: { href: "https://app.example.com/", width: 1280, height: 720 }, timestamp: TS },
  { type: EventType.FullSnapshot, data: { node: { type: 0, childNodes: [] }, initialOffset: { top: 0, left: 0 } }, timestamp: TS },
  { type: EventType.IncrementalSnapshot, data: { source: 2, type: 1, id: 5, x: 10, y: 20 }, timestamp: TS },
  { type: EventType.IncrementalSnapshot, data: { source: 20 }, timestamp: TS },
];
const ODD_VALUES: unknown[] = [null, undefined, "x", -1, 0, 1.5, 21, 2 ** 60, 1_000, true, [], {}, "a".repeat(8_193)];

/** Every event with one field (at the top, in `data`, or in `data.initialOffset`) replaced by each odd value, or removed. */
function variants(event: Record<string, unknown>): unknown[] {
  const out: unknown[] = [];
  const paths: string[][] = Object.keys(event).map((k) => [k]);
  const data = event.data as Record<string, unknown>;
  for (const k of Object.keys(data)) paths.push(["data", k]);
  for (const k of ["top", "left"]) if ("initialOffset" in data) paths.push(["data", "initialOffset", k]);
  for (const path of [...paths, ["delay"], ["data", "href"]]) {
    for (const value of [...ODD_VALUES, "remove"]) {
      const copy = structuredClone(event);
      let at: Record<string, unknown> = copy;
      for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
      if (value === "remove") delete at[path[path.length - 1]];
      else at[path[path.length - 1]] = value;
      out.push(copy);
    }
  }
  return out;
}

describe("isPlainEvent: the hand check of common events", () => {
  it("takes the common valid events without the schema", () => {
    for (const event of VALID) expect(isPlainEvent(event), JSON.stringify(event)).toBe(true);
    expect(isPlainEvent({ type: EventType.Custom, data: { tag: "t", payload: 1 }, timestamp: TS })).toBe(false);
  });

  it("never says yes to an event the schema refuses (hundreds of one-field changes of valid events)", () => {
    let refusedBySchema = 0;
    for (const event of VALID) {
      for (const variant of variants(event)) {
        const valid = eventSchema.safeParse(variant).success;
        if (!valid) refusedBySchema++;
        if (isPlainEvent(variant)) expect(valid, JSON.stringify(variant)?.slice(0, 200)).toBe(true);
      }
    }
    // The variants do reach the schema's refusals, so the rule above is tested.
    expect(refusedBySchema).toBeGreaterThan(100);
  });
});
